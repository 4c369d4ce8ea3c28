import { type LedgerDemand } from '../../api/types';
import {
  DEMAND_CATEGORY_LABELS,
  DEMAND_STATUS_LABELS,
  formatTime,
  SOURCE_LABELS,
} from '../../labels';
import { Link } from '../../router';
import { deadlineOf, gridName, isOpen, placeText } from './ledger-words';

/**
 * The ledger's rows: a table on a desk, one card per demand on a phone (ledger.css turns the
 * rows into cards and writes each cell's label before it). The overdue are marked 已超时 in words,
 * not by colour alone. The secretary's rows have a box to choose the open ones for 转议事 or 合并.
 */
export function LedgerTable(props: {
  items: readonly LedgerDemand[];
  gridNames: ReadonlyMap<string, string>;
  /** null: nothing to choose (a reader who is not the secretary). */
  selection: {
    chosen: ReadonlySet<string>;
    toggle: (demand: LedgerDemand, on: boolean) => void;
  } | null;
}) {
  const { items, gridNames, selection } = props;
  const choosable = items.filter(isOpen);
  const allChosen =
    selection !== null &&
    choosable.length > 0 &&
    choosable.every((d) => selection.chosen.has(d.id));
  return (
    <table className="ledger-table">
      <thead>
        <tr>
          {selection === null ? null : (
            <th scope="col" className="pick">
              <input
                type="checkbox"
                aria-label="选择本页所有可办理的诉求"
                checked={allChosen}
                disabled={choosable.length === 0}
                onChange={(e) => {
                  for (const d of choosable) selection.toggle(d, e.target.checked);
                }}
              />
            </th>
          )}
          <th scope="col">编号</th>
          <th scope="col">诉求内容</th>
          <th scope="col">类别</th>
          <th scope="col">状态</th>
          <th scope="col">网格 · 地点</th>
          <th scope="col">来源</th>
          <th scope="col">受理时间</th>
          <th scope="col">期限</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id} className={d.overdue ? 'overdue' : undefined} data-testid="ledger-row">
            {selection === null ? null : (
              <td className="pick">
                {isOpen(d) ? (
                  <input
                    type="checkbox"
                    aria-label={`选择 ${d.number}`}
                    checked={selection.chosen.has(d.id)}
                    onChange={(e) => selection.toggle(d, e.target.checked)}
                  />
                ) : null}
              </td>
            )}
            <th scope="row" className="number">
              <Link to={`/demands/${d.id}`}>{d.number}</Link>
            </th>
            <td data-label="内容" className="content">
              {d.content}
            </td>
            <td data-label="类别" className="short">
              {DEMAND_CATEGORY_LABELS[d.category]}
            </td>
            <td data-label="状态" className="short">
              <span className={`demand-status status-${d.status}`}>
                {DEMAND_STATUS_LABELS[d.status]}
              </span>
            </td>
            <td data-label="网格" className="where">
              <span className="nowrap">{gridName(d.gridId, gridNames)}</span>
              {placeText(d) === null ? null : <span className="place nowrap">{placeText(d)}</span>}
            </td>
            <td data-label="来源" className="short">
              {SOURCE_LABELS[d.source]}
            </td>
            <td data-label="受理" className="time">
              <When text={formatTime(d.receivedAt)} />
            </td>
            <td data-label="期限" className="time">
              <Deadline demand={d} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The deadline's name above its time on a desk, beside it on a phone; then 已超时 if so. */
function Deadline(props: { demand: LedgerDemand }) {
  const { label, time } = deadlineOf(props.demand);
  return (
    <>
      <span className="deadline-label">{label}</span>
      {time === null ? null : (
        <span className="deadline-time">
          <When text={time} />
        </span>
      )}
      {props.demand.overdue ? <strong className="overdue-mark">已超时</strong> : null}
    </>
  );
}

/** `2026年12月7日 20:47` kept whole on each side of the space: a narrow cell breaks only there. */
function When(props: { text: string }) {
  const [day, clock] = props.text.split(' ');
  return clock === undefined ? (
    <>{props.text}</>
  ) : (
    <>
      <span className="nowrap">{day}</span> <span className="nowrap">{clock}</span>
    </>
  );
}
