import { type WhistleDetail, type WhistleTrack } from '../../api/types';
import { formatTime, RATING_LABELS, WHISTLE_TRACK_STATUS_LABELS } from '../../labels';
import { Link } from '../../router';
import { Facts, Timeline } from '../demands/demand-sections';
import { UploadedPhotos } from '../demands/photos';
import { DueLine } from './deadline';
import { trackDue } from './whistle-rules';

/*
 * The parts of a whistle's page under its head: the matter (what, where from, the time limits),
 * each department's track (status, deadlines, 报到 with photos, 反馈, 评价, 流转), and the timeline.
 */

/** Who someone is, from the timeline's actors. */
export type NameOf = (userId: string) => string | null;

export function namesOf(w: WhistleDetail): NameOf {
  const names = new Map<string, string>();
  for (const t of w.timeline)
    if (t.actorId !== null && t.actorName !== null) names.set(t.actorId, t.actorName);
  return (userId) => names.get(userId) ?? null;
}

export function MatterSection(props: {
  w: WhistleDetail;
  communityName: string | null;
  /** The user reads the community's demands and cases: the whistle links to where it came from. */
  member: boolean;
}) {
  const { w } = props;
  return (
    <section className="card section" aria-label="吹哨事项">
      <h2>吹哨事项</h2>
      <p className="demand-content">{w.description}</p>
      <Facts
        rows={[
          ...(props.communityName === null ? [] : [{ label: '社区', value: props.communityName }]),
          { label: '吹哨时间', value: formatTime(w.issuedAt) },
          {
            label: '办理时限',
            value: `${w.acceptWithinWorkingHours} 个工作小时内签收，签收后 ${w.resolveWithinWorkingDays} 个工作日内反馈`,
          },
          { label: '到场报到', value: w.onSite ? '须到现场报到后再反馈' : '无需到场，可直接反馈' },
        ]}
      />
      {w.demandId === null || !props.member ? null : (
        <p>
          来自居民诉求：<Link to={`/demands/${w.demandId}`}>查看诉求 →</Link>
        </p>
      )}
      {w.caseId === null || !props.member ? null : (
        <p>
          来自议事案件：<Link to={`/cases/${w.caseId}`}>查看议事案件 →</Link>
        </p>
      )}
      {w.withdrawalReason === null ? null : (
        <p className="note note-warn">已撤回：{w.withdrawalReason}</p>
      )}
    </section>
  );
}

/** 各部门办理: one card per department the whistle went to, in the order they began. */
export function TracksSection(props: { w: WhistleDetail; nameOf: NameOf }) {
  const { w } = props;
  const now = Date.now();
  return (
    <section className="card section" aria-label="各部门办理">
      <h2>各部门办理</h2>
      <ul className="tracks">
        {w.tracks.map((t) => (
          <li key={`${t.departmentId}-${t.issuedAt}`} className="track" data-testid="whistle-track">
            <h3>
              {t.departmentName ?? '部门'}{' '}
              <span className={`chip whistle-status status-${t.status}`}>
                {WHISTLE_TRACK_STATUS_LABELS[t.status]}
              </span>
            </h3>
            {w.status === 'withdrawn' ? null : <DueLine due={trackDue(t)} now={now} />}
            <TrackFacts w={w} t={t} nameOf={props.nameOf} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function TrackFacts(props: { w: WhistleDetail; t: WhistleTrack; nameOf: NameOf }) {
  const { w, t, nameOf } = props;
  const who = (id: string) => nameOf(id) ?? '';
  const photo = (id: string) => `/whistles/${w.id}/photos/${id}`;
  const to = (id: string) => w.tracks.find((x) => x.departmentId === id)?.departmentName ?? '部门';
  return (
    <>
      {t.acceptedAt === null ? null : (
        <p className="muted">
          {formatTime(t.acceptedAt)} 签收{t.acceptedOnTime === false ? '（超时）' : ''}
        </p>
      )}
      <ol className="rounds">
        {t.checkIns.map((c) => (
          <li key={`in-${c.checkedInAt}`}>
            <p>
              <strong>到场报到</strong>
              <span className="muted">
                {' '}
                {who(c.checkedInBy)} {formatTime(c.checkedInAt)}
                {c.colleagues.length === 0 ? '' : `，同行：${c.colleagues.join('、')}`}
              </span>
            </p>
            {c.note === null ? null : <p>{c.note}</p>}
            <UploadedPhotos ids={c.photoIds} label="现场照片" pathOf={photo} />
          </li>
        ))}
        {t.answers.map((a) => {
          const rating = t.ratings.find((r) => r.round === a.round);
          return (
            <li key={`answer-${a.answeredAt}`}>
              <p>
                <strong>反馈{t.answers.length > 1 ? `（第 ${a.round} 轮）` : ''}</strong>
                <span className="muted">
                  {' '}
                  {who(a.answeredBy)} {formatTime(a.answeredAt)}
                </span>
              </p>
              <p>{a.result}</p>
              <UploadedPhotos ids={a.photoIds} label="办理结果照片" pathOf={photo} />
              {rating === undefined ? null : (
                <p data-testid="whistle-rating">
                  社区评价：<strong>{RATING_LABELS[rating.rating]}</strong>（
                  {formatTime(rating.ratedAt)}）
                  {rating.comment === null ? '' : `：${rating.comment}`}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {t.transfer === null ? null : (
        <p className="muted">
          {formatTime(t.transfer.transferredAt)} 流转给{to(t.transfer.toDepartmentId)}：
          {t.transfer.reason}
        </p>
      )}
    </>
  );
}

/** 办理经过: every step, oldest first, with who took it. */
export function WhistleTimeline(props: { w: WhistleDetail }) {
  return (
    <Timeline
      steps={props.w.timeline.map((t) => ({
        position: t.position,
        when: t.occurredAtText,
        actorName: t.actorName,
        label: t.label,
        detail: t.detail,
      }))}
    />
  );
}
