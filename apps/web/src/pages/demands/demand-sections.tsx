import { type DemandDetail, type Grid, type Unit } from '../../api/types';
import {
  CONFIRMATION_RECORDER_LABELS,
  DEMAND_CATEGORY_LABELS,
  DEMAND_EVENT_LABELS,
  formatTime,
  PARTY_LABELS,
  RATING_LABELS,
  SOURCE_LABELS,
} from '../../labels';
import { Link } from '../../router';
import { unitText } from '../../units';
import { workersOf } from './demand-actions';
import { UploadedPhotos } from './photos';

/*
 * The parts of a demand's page under its head: what was asked and where, the deadlines, who has
 * it, what was done and how it was answered, the links to where it went, and the timeline.
 */

/** Who someone is, from the names the page knows (grid workers, the timeline's actors). */
export type NameOf = (userId: string) => string | null;

export function namesOf(d: DemandDetail, grids: Grid[]): NameOf {
  const names = new Map<string, string>();
  for (const w of workersOf(grids)) names.set(w.userId, w.displayName);
  for (const t of d.timeline)
    if (t.actorId !== null && t.actorName !== null) names.set(t.actorId, t.actorName);
  return (userId) => names.get(userId) ?? null;
}

export function placeText(d: DemandDetail, unit: Unit | null): string {
  if (unit !== null) return `${unit.estate} ${unitText(unit)}`;
  if (d.place !== null) return [d.place.estate, d.place.building].filter(Boolean).join(' ');
  return '未指定房屋或楼栋';
}

export function ContentSection(props: { d: DemandDetail; unit: Unit | null; grid: Grid | null }) {
  const { d, grid } = props;
  return (
    <section className="card section" aria-label="反映的事">
      <h2>反映的事</h2>
      <p className="demand-content">{d.content}</p>
      <Facts
        rows={[
          { label: '类别', value: DEMAND_CATEGORY_LABELS[d.category] },
          { label: '地点', value: placeText(d, props.unit) },
          {
            label: '来源',
            value: `${SOURCE_LABELS[d.source]}${
              d.onBehalfOf === null
                ? ''
                : `（代${d.onBehalfOf.name}登记${d.onBehalfOf.phone === null ? '' : `，电话 ${d.onBehalfOf.phone}`}）`
            }`,
          },
          { label: '反映时间', value: formatTime(d.receivedAt) },
          {
            label: '办理网格',
            value:
              d.gridId === null
                ? '不属于任何网格，由社区书记处理'
                : grid === null
                  ? '网格'
                  : `${grid.name}${grid.workers.length === 0 ? '' : `（网格员：${grid.workers.map((w) => w.displayName).join('、')}）`}`,
          },
        ]}
      />
      <UploadedPhotos ids={d.photoIds} label="反映时拍的照片" />
    </section>
  );
}

export function Facts(props: { rows: { label: string; value: string }[] }) {
  return (
    <dl className="facts">
      {props.rows.map((r) => (
        <div key={r.label} className="fact">
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** 办理时限: each deadline with whether it was met, in China Standard Time. */
export function DeadlinesSection(props: { d: DemandDetail }) {
  const { d } = props;
  // Withdrawn or merged: no deadline holds any more; in a case: the case's deadlines hold.
  if (d.status === 'withdrawn' || d.status === 'merged') return null;
  if (d.status === 'in-case')
    return (
      <section className="card section" aria-label="办理时限">
        <h2>办理时限</h2>
        <p>已转入议事案件，办理期限以议事案件为准。</p>
      </section>
    );
  const rows: { label: string; value: string }[] = [
    {
      label: '签收期限',
      value:
        d.acceptedAt === null
          ? `${formatTime(d.acceptDueAt)}前`
          : `${formatTime(d.acceptDueAt)}前（${formatTime(d.acceptedAt)} 已签收${Date.parse(d.acceptedAt) > Date.parse(d.acceptDueAt) ? '，超时' : ''}）`,
    },
  ];
  if (d.status !== 'closed' || d.resolutions.length > 0)
    rows.push({
      label: '办结期限',
      value: `${formatTime(d.dueAt)}前${d.reopenings > 0 ? `（重新办理第 ${d.round} 轮）` : ''}`,
    });
  if (d.confirmDueAt !== null)
    rows.push({ label: '评价期限', value: `${formatTime(d.confirmDueAt)}前` });
  if (d.closedAt !== null) rows.push({ label: '销号时间', value: formatTime(d.closedAt) });
  return (
    <section className="card section" aria-label="办理时限">
      <h2>办理时限</h2>
      <Facts rows={rows} />
    </section>
  );
}

/** 派单 and 退回: who has the demand now, and the grids that sent it back. */
export function HandlingSection(props: { d: DemandDetail; grids: Grid[]; nameOf: NameOf }) {
  const { d, grids, nameOf } = props;
  const a = d.assignment;
  if (a === null && d.refusals.length === 0) return null;
  const gridName = (id: string | null) => grids.find((g) => g.id === id)?.name ?? '网格';
  const to = (assignment: NonNullable<DemandDetail['assignment']>) =>
    [
      assignment.party === null ? null : PARTY_LABELS[assignment.party],
      assignment.userId === null ? null : (nameOf(assignment.userId) ?? '指定承办人'),
      assignment.gridId === null ? null : gridName(assignment.gridId),
    ]
      .filter((x) => x !== null)
      .join('、');
  return (
    <section className="card section" aria-label="派单">
      <h2>{a === null ? '退回情况' : '谁在办'}</h2>
      {a === null ? null : (
        <p>
          派给：<strong>{to(a)}</strong>，{formatTime(a.dueAt)}前办好
          <br />
          <span className="muted">
            {nameOf(a.assignedBy) ?? ''} {formatTime(a.assignedAt)} 派单
            {a.note === null ? '' : `：${a.note}`}
          </span>
        </p>
      )}
      {d.refusals.map((r) => (
        <p key={r.refusedAt} className="muted">
          {gridName(r.gridId)}于{formatTime(r.refusedAt)}退回：{r.reason}
        </p>
      ))}
    </section>
  );
}

/** 办理结果 and 评价: each round's resolution with its photos and the answer it got. */
export function ResultsSection(props: { d: DemandDetail; nameOf: NameOf }) {
  const { d, nameOf } = props;
  if (d.resolutions.length === 0 && d.confirmations.length === 0) return null;
  const rounds = [
    ...new Set([...d.resolutions.map((r) => r.round), ...d.confirmations.map((c) => c.round)]),
  ].sort((a, b) => a - b);
  return (
    <section className="card section" aria-label="办理结果">
      <h2>办理结果</h2>
      <ol className="rounds">
        {rounds.map((round) => {
          const resolution = d.resolutions.find((r) => r.round === round);
          const answer = d.confirmations.find((c) => c.round === round);
          return (
            <li key={round}>
              {rounds.length > 1 ? <h3>第 {round} 轮</h3> : null}
              {resolution === undefined ? null : (
                <>
                  <p>{resolution.note}</p>
                  <p className="muted">
                    {nameOf(resolution.resolvedBy) ?? ''} {formatTime(resolution.resolvedAt)} 办结
                  </p>
                  <UploadedPhotos ids={resolution.photoIds} label="办好后的照片" />
                </>
              )}
              {answer === undefined ? null : (
                <p data-testid="demand-rating">
                  评价：<strong>{RATING_LABELS[answer.rating]}</strong>（
                  {CONFIRMATION_RECORDER_LABELS[answer.recordedBy]}，
                  {formatTime(answer.confirmedAt)}）
                  {answer.comment === null ? '' : `：${answer.comment}`}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Where the demand went: merged into another, or into a case (议事). */
export function LinksSection(props: { d: DemandDetail }) {
  const { d } = props;
  if (d.mergedInto === null && d.caseId === null) return null;
  return (
    <section className="card section" aria-label="去向">
      <h2>去向</h2>
      {d.mergedInto === null ? null : (
        <p>
          与另一件诉求是同一件事，已合并：
          <Link to={`/demands/${d.mergedInto}`}>查看合并后的诉求 →</Link>
        </p>
      )}
      {d.caseId === null ? null : (
        <p>
          已转入议事案件，由各方商量解决：<Link to={`/cases/${d.caseId}`}>查看议事案件 →</Link>
        </p>
      )}
    </section>
  );
}

/** One step of 办理经过, in words: when (CST), who, what, and what was said. */
export interface TimelineStep {
  position: number;
  when: string;
  actorName: string | null;
  label: string;
  detail: string | null;
}

/** 办理经过: every step, oldest first, with who took it (a demand's, a whistle's). */
export function Timeline(props: { steps: readonly TimelineStep[] }) {
  return (
    <section className="card section" aria-label="办理经过">
      <h2>办理经过</h2>
      <ol className="timeline demand-timeline">
        {props.steps.map((t) => (
          <li key={t.position}>
            <span className="muted">
              {t.when}
              {t.actorName === null ? '' : ` · ${t.actorName}`}
            </span>
            <br />
            <strong>{t.label}</strong>
            {t.detail === null ? null : (
              <>
                <br />
                <span className="timeline-detail">{t.detail}</span>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function TimelineSection(props: { d: DemandDetail }) {
  return (
    <Timeline
      steps={props.d.timeline.map((t) => ({
        position: t.position,
        when: formatTime(t.occurredAt),
        actorName: t.actorName,
        label: DEMAND_EVENT_LABELS[t.type] ?? t.label,
        detail: t.detail,
      }))}
    />
  );
}
