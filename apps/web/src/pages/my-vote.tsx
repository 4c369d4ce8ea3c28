import { api } from '../api/client';
import { type MyBallot, type MyVote, type Resolution } from '../api/types';
import { answerText } from './decision-words';
import { formatTime } from '../labels';
import { Link } from '../router';
import { useLoad } from '../ui';

/** How a ballot reached the box, as the owner reads it. */
const CHANNEL_TEXT: Readonly<Record<MyBallot['channel'], string>> = {
  online: '网上投票',
  proxy: '受托人代投',
  paper: '纸质表决票',
};

/** What a counted ballot is called: a poll's household answered, a council's party replied. */
const DONE_TEXT: Readonly<Record<Resolution['rule'], string>> = {
  'simple-majority': '已投票',
  'civil-code-278': '已投票',
  'resident-poll': '本户已作答',
  council: '本方已答复',
};

/** Whether the ballot box takes ballots (during the objection period the status stays open). */
export const isVoting = (r: Resolution): boolean =>
  r.status === 'open' && (r.phase ?? 'voting') === 'voting';

/** The units the caller may still vote for online (their own and by proxy), not yet voted. */
export function unvotedOnline(me: MyVote | undefined): MyVote['units'] {
  if (me === undefined) return [];
  const voted = new Set(me.ballots.map((b) => b.unitId));
  return me.units.filter((u) => u.as !== 'building-lead' && !voted.has(u.unitId));
}

/**
 * The caller's own units (bound by real name) whose counted ballot is not their own online vote: a
 * proxy's or a building lead's paper entry. The owner may cast their own instead (the API replaces
 * it once; an own online ballot is final), so the page offers 由本人重新投票 for these.
 */
export function replaceableByOwner(me: MyVote | undefined): MyVote['units'] {
  if (me === undefined) return [];
  const notOwn = new Set(me.ballots.filter((b) => b.channel !== 'online').map((b) => b.unitId));
  return me.units.filter((u) => u.as === 'owner' && notOwn.has(u.unitId));
}

/** The ballots 已投票 lists: all but those of the units the caller enters as building lead. */
export function shownBallots(me: MyVote | undefined): MyVote['ballots'] {
  if (me === undefined) return [];
  const lead = new Set(me.units.filter((u) => u.as === 'building-lead').map((u) => u.unitId));
  return me.ballots.filter((b) => !lead.has(b.unitId));
}

/**
 * 已投票: each ballot counted for the caller's units, with the choice, how it was cast and when
 * (from `me` of GET /resolutions/:id, so it stays after a reload). A building lead's units are
 * the paper ballots they enter; those are listed on the entry form, not here.
 */
export function MyBallots(props: {
  me: MyVote | undefined;
  /** Choosing among plans: a ballot names its plan. */
  options?: Resolution['options'];
  rule?: Resolution['rule'];
}) {
  const me = props.me;
  if (me === undefined) return null;
  const labels = new Map(me.units.map((u) => [u.unitId, u]));
  const mine = shownBallots(me);
  if (mine.length === 0) return null;
  const several = mine.length > 1 || me.units.length > 1;
  return (
    <div className="note note-done" data-testid="my-ballots" role="status">
      {mine.map((b) => (
        <p key={b.unitId}>
          <strong>{DONE_TEXT[props.rule ?? 'simple-majority']}</strong>
          {several ? `（${labels.get(b.unitId)?.label ?? '房屋'}）` : ''}：
          {answerText(props.options, b)} · {CHANNEL_TEXT[b.channel]} · {formatTime(b.castAt)}
        </p>
      ))}
    </div>
  );
}

/** Why the caller cannot vote, in the API's words; a missing binding links to 实名绑定. */
export function CannotVote(props: { me: MyVote | undefined }) {
  const reason = props.me?.reason ?? null;
  if (reason === null) return null;
  return (
    <p
      className="note note-error"
      data-testid={reason.code === 'BINDING_REQUIRED' ? 'binding-required' : 'cannot-vote'}
    >
      {reason.message}
      {reason.code === 'BINDING_REQUIRED' ? (
        <>
          {' '}
          <Link to="/bindings">去实名绑定 →</Link>
        </>
      ) : null}
    </p>
  );
}

/**
 * On the case page while owners vote: 去投票 first when the caller may still vote, 已投票 after,
 * and the reason when they cannot; read from `me` on every load.
 */
export function VoteCall(props: { resolutionId: string }) {
  const [load] = useLoad(
    (signal) => api<Resolution>(`/resolutions/${props.resolutionId}`, { signal }),
    [props.resolutionId],
  );
  if (load.state !== 'ready') return null;
  const r = load.value;
  const open = isVoting(r);
  const todo = open ? unvotedOnline(r.me) : [];
  const replaceable = open ? replaceableByOwner(r.me) : [];
  return (
    <div className="action" data-testid="vote-call">
      <p>
        <strong>《{r.title}》</strong>
        {open ? `正在表决，${formatTime(r.closesAt)} 截止。` : '表决已结束。'}
      </p>
      {todo.length > 0 ? (
        <Link to={`/resolutions/${r.id}`} className="button primary big">
          {r.rule === 'resident-poll' ? '去作答' : r.rule === 'council' ? '去答复' : '去投票'}
        </Link>
      ) : null}
      <MyBallots me={r.me} options={r.options} rule={r.rule} />
      {open ? <CannotVote me={r.me} /> : null}
      {todo.length === 0 && replaceable.length > 0 ? (
        <Link to={`/resolutions/${r.id}`} className="button secondary">
          由本人重新投票
        </Link>
      ) : null}
      {todo.length === 0 ? <Link to={`/resolutions/${r.id}`}>查看表决 →</Link> : null}
    </div>
  );
}
