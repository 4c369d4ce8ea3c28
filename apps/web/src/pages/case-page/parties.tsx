import { type CaseDetail } from '../../api/types';
import { ACK_LABELS, ackState, recordOf } from '../../case-status';
import { formatTime, PARTY_LABELS, STAGE_LABELS } from '../../labels';

/**
 * 各方签收: each party's state in the current stage, its deadline (or when it signed) and the
 * stages it has signed. A table on a wide screen; on a phone (styles/pages.css, `.parties`) each
 * party is a card of labelled lines, because four columns in 390 px wrapped 待签收 one character
 * per line.
 */
export function PartiesTable(props: { c: CaseDetail }) {
  const { c } = props;
  return (
    <div className="table-wrap">
      <table className="parties">
        <caption className="sr-only">各方在各阶段的签收情况</caption>
        <thead>
          <tr>
            <th scope="col">参与方</th>
            <th scope="col">本阶段</th>
            <th scope="col">期限</th>
            <th scope="col">已签收阶段</th>
          </tr>
        </thead>
        <tbody>
          {c.parties.map((p) => {
            const state = c.status === 'closed' ? null : ackState(c, p);
            const record = recordOf(c, p);
            return (
              <tr key={p.party} className={state === null ? '' : `ack-${state}`}>
                <th scope="row">
                  {PARTY_LABELS[p.party]}
                  {p.required ? '' : '（可选）'}
                </th>
                <td data-label="本阶段" data-testid={`ack-${p.party}`}>
                  {state === null ? '—' : ACK_LABELS[state]}
                </td>
                <td data-label={record?.acknowledgedAt ? '签收时间' : '期限'}>
                  {formatTime(record?.acknowledgedAt ?? record?.deadline)}
                </td>
                <td data-label="已签收">
                  {p.acknowledgedStages.map((s) => STAGE_LABELS[s]).join('、') || '—'}
                  {p.escalatedStages.length > 0
                    ? `；吹哨：${p.escalatedStages.map((s) => STAGE_LABELS[s]).join('、')}`
                    : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
