import { useEffect, useState } from 'react';
import { api, newIdempotencyKey } from '../api/client';
import { ApiError } from '../api/errors';
import { subscribeStream } from '../api/events';
import {
  type Choice,
  type Count,
  type Resolution,
  type Tally,
  type Threshold,
  type ThresholdName,
} from '../api/types';
import { percentText, ThresholdBar } from '../charts';
import { CHOICE_LABELS, formatTime, MATTER_LABELS, RULE_LABELS } from '../labels';
import { Link } from '../router';
import { useSession } from '../session';
import { ActionNote, ConfirmAction, Loaded, useAction, useLoad } from '../ui';
import { BallotSheets, PaperBallots, ProxyBallots } from './ballot-entry';
import { DecisionBallot, DecisionResult } from './decision-ballot';
import {
  answeredText,
  ballotHeading,
  isDecisionKind,
  kindRuleText,
  usesDecisionBallot,
} from './decision-words';
import { Objections } from './objections';
import {
  CannotVote,
  isVoting,
  MyBallots,
  replaceableByOwner,
  shownBallots,
  unvotedOnline,
} from './my-vote';
import { Publication } from './publication';

/** How often an open vote's page reads the resolution again (its phase); the tally comes live. */
const RESOLUTION_REFRESH_MS = 30_000;

interface VoteData {
  resolution: Resolution;
  tally: Tally | null;
}

const ruleText = (r: Resolution): string =>
  kindRuleText(r) ??
  (r.rule === 'simple-majority'
    ? '投票的户中，同意的多于反对的，决议就通过。'
    : r.matter === 'major'
      ? '按《民法典》第二百七十八条：参加表决的业主，人数和面积都要达到全部的三分之二以上；同意的人数和面积都要达到参加表决的四分之三以上，决议才通过。'
      : '按《民法典》第二百七十八条：参加表决的业主，人数和面积都要达到全部的三分之二以上；同意的人数和面积都要超过参加表决的一半，决议才通过。');

const owners = (c: Count | undefined): number => c?.owners ?? c?.units ?? 0;

/** Residents vote: the rule and the turnout in plain words, a confirmation, one vote per unit. */
export function VotePage(props: { resolutionId: string }) {
  const [load, reload] = useLoad<VoteData>(
    async (signal) => {
      const resolution = await api<Resolution>(`/resolutions/${props.resolutionId}`, { signal });
      const tally = await api<Tally>(`/resolutions/${props.resolutionId}/tally`, {
        signal,
      }).catch(() => null);
      return { resolution, tally };
    },
    [props.resolutionId],
  );
  // While the vote is open the turnout arrives live (GET …/tally/live, server-sent events, until the
  // result is final, then the page reads everything again); the resolution itself now and then.
  const open = load.state === 'ready' && load.value.resolution.status === 'open';
  const [live, setLive] = useState<Tally | null>(null);
  useEffect(() => {
    if (!open) return;
    const stop = subscribeStream(
      `/api/v1/resolutions/${props.resolutionId}/tally/live`,
      (name, data) => {
        if (name === 'tally') setLive(data as Tally);
      },
      { onEnd: reload },
    );
    const timer = setInterval(reload, RESOLUTION_REFRESH_MS);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [open, props.resolutionId, reload]);
  return (
    <Loaded load={load} reload={reload}>
      {(data) => (
        <Ballot data={open && live !== null ? { ...data, tally: live } : data} reload={reload} />
      )}
    </Loaded>
  );
}

function Ballot(props: { data: VoteData; reload: () => void }) {
  const { resolution: r, tally } = props.data;
  const session = useSession();
  // During the objection period (询异) the status stays open, but the ballot box is closed.
  const voting = isVoting(r);
  const me = r.me;
  const electorate = owners(r.electorate);
  const turnout = owners(tally?.participated);
  // The caller's own units not voted yet (`me`, read on every load: a reload after voting shows
  // 已投票, never the form again). Units held by proxy have their own form below.
  const todo = voting ? unvotedOnline(me).filter((u) => u.as === 'owner') : [];
  // Own units a proxy or a building lead voted for: the owner may still vote in person, once,
  // replacing that ballot (the API allows exactly this; a proxy or a lead cannot vote again).
  const replaceable = voting ? replaceableByOwner(me) : [];
  const [replacing, setReplacing] = useState(false);
  // The form is gone once the reload shows the ballot; its success note stays here.
  const [flash, setFlash] = useState<string | null>(null);
  // A second answer from the household (or party) refused: the API's words, kept past the reload.
  const [refused, setRefused] = useState<string | null>(null);
  const decision = usesDecisionBallot(r);
  // A poll counts households and a council parties: `units`, not owners.
  const kind = answeredText(r.rule, tally?.participated.units ?? 0, r.electorate.units);
  const cast = (text: string) => {
    setRefused(null);
    setFlash(text);
    props.reload();
  };
  const showMine =
    todo.length > 0 ||
    flash !== null ||
    refused !== null ||
    // A building lead's paper entries are listed on the entry form, not as 我的投票 (an empty card).
    shownBallots(me).length > 0 ||
    (voting && session.has('resident') && (me?.reason ?? null) !== null);

  return (
    <article>
      <p>
        <Link to={`/cases/${r.caseId}`}>← 返回案件</Link>
      </p>
      <h1>{r.title}</h1>
      <section className="card section">
        <h2>决议内容</h2>
        <p>{r.text}</p>
        <p className="muted">
          {isDecisionKind(r.rule) ? RULE_LABELS[r.rule] : MATTER_LABELS[r.matter]} ·{' '}
          {isDecisionKind(r.rule) ? '截止' : '表决截止'} {formatTime(r.closesAt)}
        </p>
      </section>
      {showMine ? (
        <section className="card section" aria-label="投票">
          <h2>{ballotHeading(r.rule, todo.length > 0)}</h2>
          <ActionNote error={refused} done={refused === null ? flash : null} />
          <MyBallots me={me} options={r.options} rule={r.rule} />
          {voting ? <CannotVote me={me} /> : null}
          {todo.length > 0 && decision ? (
            <DecisionBallot
              resolution={r}
              units={todo}
              onCast={cast}
              onRefused={(text) => {
                setRefused(text);
                props.reload();
              }}
            />
          ) : null}
          {todo.length > 0 && !decision ? (
            <OwnBallot
              resolutionId={r.id}
              units={todo}
              reload={props.reload}
              onCast={(text) => {
                setFlash(text);
                props.reload();
              }}
            />
          ) : null}
          {todo.length === 0 && replaceable.length > 0 ? (
            replacing && decision ? (
              <DecisionBallot
                resolution={r}
                units={replaceable}
                replacing
                onCast={(text) => {
                  setReplacing(false);
                  cast(text);
                }}
                onRefused={(text) => {
                  setRefused(text);
                  props.reload();
                }}
              />
            ) : replacing ? (
              <OwnBallot
                resolutionId={r.id}
                units={replaceable}
                replacing
                reload={props.reload}
                onCast={(text) => {
                  setReplacing(false);
                  setFlash(text);
                  props.reload();
                }}
              />
            ) : (
              <>
                <p className="muted" data-testid="replace-hint">
                  这一票是代理人或楼栋长替您录入的。您本人还可以在网上投一次，投出后以您本人的选择为准，之后不能再更改。
                </p>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => setReplacing(true)}
                >
                  由本人重新投票（将替代代理人/楼栋长录入的选票）
                </button>
              </>
            )
          ) : null}
        </section>
      ) : null}
      <section className="card section">
        <h2>怎样算通过</h2>
        <p>规则：{RULE_LABELS[r.rule]}</p>
        <p>{ruleText(r)}</p>
        <p data-testid="turnout">
          {kind ??
            `应参加表决 ${electorate} 户（共 ${r.electorate.area} 平方米），目前已有 ${turnout} 户投票。`}
        </p>
        {r.phase === 'objection' && r.preliminary ? (
          <p className="note note-done" data-testid="preliminary">
            表决已结束，初步结果：{r.preliminary.tally.passed ? '通过' : '未通过'}。异议期至{' '}
            {formatTime(r.preliminary.objectionUntil)}
            ，对本户表决记录有异议的，可在异议期内向社区书记提出；异议答复后结果方为最终结果。
          </p>
        ) : null}
        {tally === null || !decision ? null : (
          <DecisionResult resolution={r} tally={tally} open={voting} />
        )}
        {tally === null || ((r.options?.length ?? 0) > 0 && r.rule !== 'civil-code-278') ? null : (
          <TurnoutBars tally={tally} open={voting} />
        )}
        {r.status === 'open' ? null : (
          <p className="note note-done">
            表决已结束：{r.status === 'passed' ? '通过' : '未通过'}。
          </p>
        )}
      </section>
      {voting &&
      (session.has('building-lead') || session.has('grid-worker') || session.has('secretary')) ? (
        <p>
          <Link to={`/resolutions/${r.id}/canvass`} className="button secondary">
            扫楼：各户情况和离三分之二还差多少
          </Link>
        </p>
      ) : null}
      {session.has('secretary') && voting ? (
        <CloseVoting resolutionId={r.id} reload={props.reload} />
      ) : null}
      {r.phase === 'objection' || r.phase === 'final' ? <Publication resolution={r} /> : null}
      {r.phase === 'objection' || (r.phase === 'final' && r.preliminary) ? (
        <Objections resolution={r} reload={props.reload} />
      ) : null}
      {voting ? <ProxyBallots resolutionId={r.id} reload={props.reload} /> : null}
      {voting && (session.has('building-lead') || session.has('secretary')) ? (
        <BallotSheets resolutionId={r.id} />
      ) : null}
      {voting && session.has('building-lead') ? (
        <PaperBallots resolutionId={r.id} caseId={r.caseId} reload={props.reload} />
      ) : null}
    </article>
  );
}

/** An owner's own ballot for one of their units not voted yet: choose, confirm, cast once. */
function OwnBallot(props: {
  resolutionId: string;
  units: NonNullable<Resolution['me']>['units'];
  /** The owner's own vote replacing a proxy's or a paper ballot already counted. */
  replacing?: boolean;
  reload: () => void;
  onCast: (text: string) => void;
}) {
  const [choice, setChoice] = useState<Choice | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [bindingRequired, setBindingRequired] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const unitId = picked ?? props.units[0]?.unitId ?? null;

  const cast = () =>
    void action
      .run(async () => {
        try {
          await api(`/resolutions/${props.resolutionId}/ballots`, {
            method: 'POST',
            body: { choice, unitId },
            idempotencyKey: key,
          });
        } catch (error) {
          // Voted meanwhile (another device, a co-owner): the reload shows the ballot that counts.
          if (error instanceof ApiError && error.code === 'ALREADY_VOTED') props.reload();
          if (error instanceof ApiError && error.code === 'BINDING_REQUIRED')
            setBindingRequired(true);
          throw error;
        }
        setConfirming(false);
        props.onCast(`投票成功：您选择了「${choice === null ? '' : CHOICE_LABELS[choice]}」。`);
      })
      .then(() => setConfirming(false));

  return (
    <>
      <p className="muted">
        {props.replacing
          ? '您本人的选票将替代代理人/楼栋长录入的那一票，只计一票；投出后不能更改。'
          : '每户只能投一次，投出后不能更改；再次投票会提示“已经投过”，不会重复计票。'}
      </p>
      {props.units.length > 1 ? (
        <label>
          为哪一户投票
          <select value={unitId ?? ''} onChange={(e) => setPicked(e.target.value)}>
            {props.units.map((u) => (
              <option key={u.unitId} value={u.unitId}>
                {u.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <fieldset disabled={action.pending || confirming}>
        <legend>您的选择</legend>
        {(['for', 'against', 'abstain'] as const).map((c) => (
          <label key={c} className="choice">
            <input
              type="radio"
              name="choice"
              value={c}
              checked={choice === c}
              onChange={() => setChoice(c)}
            />
            {CHOICE_LABELS[c]}
          </label>
        ))}
      </fieldset>
      {confirming && choice !== null ? (
        <div className="confirm" role="group" aria-label="确认投票">
          <p>
            您选择了「{CHOICE_LABELS[choice]}」。
            {props.replacing ? '这一票将替代代理人/楼栋长录入的选票。' : ''}
            确认后不能更改，确定投票吗？
          </p>
          <button
            type="button"
            className="button primary big"
            disabled={action.pending}
            onClick={cast}
          >
            确认投票
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            再想想
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button primary big"
          disabled={choice === null}
          onClick={() => setConfirming(true)}
        >
          投票
        </button>
      )}
      <ActionNote error={action.error} done={action.done} />
      {bindingRequired ? (
        <p className="note note-error" data-testid="binding-required">
          您的账号还没有和这户房屋实名绑定，所以不能网上投票。{' '}
          <Link to="/bindings">去实名绑定 →</Link>
        </p>
      ) : null}
    </>
  );
}

function CloseVoting(props: { resolutionId: string; reload: () => void }) {
  return (
    <section className="card section" aria-label="结束表决">
      <h2>结束表决</h2>
      <p className="muted">到截止时间系统会自动结束；现在结束，就按目前的票数计票。</p>
      <ConfirmAction
        label="结束表决"
        confirmLabel="确定结束"
        groupLabel="确认结束表决"
        question="现在结束表决并公布结果吗？结束后不能再投票。"
        action={() => api(`/resolutions/${props.resolutionId}/close`, { method: 'POST' })}
        done="表决已结束"
        onDone={props.reload}
      />
    </section>
  );
}

/** What each condition of the rule counts, in plain words. */
const THRESHOLD_LABELS: Readonly<Record<ThresholdName, { title: string; of: string }>> = {
  participationArea: { title: '参加表决的面积', of: '占全部专有部分面积' },
  participationOwners: { title: '参加表决的人数', of: '占全部业主人数' },
  approvalArea: { title: '同意的面积', of: '占参加表决的面积' },
  approvalOwners: { title: '同意的人数', of: '占参加表决的人数' },
  forOverAgainst: { title: '同意票', of: '占同意和反对票之和' },
  allPresentFor: { title: '同意的出席方', of: '占出席议事会的各方' },
};

const FRACTION_TEXT: Readonly<Record<Threshold['required'], string>> = {
  '1/2': '一半',
  '2/3': '三分之二',
  '3/4': '四分之三',
  '1/1': '全部',
};

const FRACTION_VALUE: Readonly<Record<Threshold['required'], number>> = {
  '1/2': 1 / 2,
  '2/3': 2 / 3,
  '3/4': 3 / 4,
  '1/1': 1,
};

const ORDER: readonly ThresholdName[] = [
  'participationArea',
  'participationOwners',
  'approvalArea',
  'approvalOwners',
  'forOverAgainst',
  'allPresentFor',
];

/** One line of what a threshold needs, e.g. "需要：三分之二以上". */
const requiredText = (t: Threshold): string =>
  t.comparison === 'at-least'
    ? `需要达到${FRACTION_TEXT[t.required]}以上`
    : `需要超过${FRACTION_TEXT[t.required]}`;

const amount = (t: Threshold, n: number): string =>
  t.measure === 'area'
    ? `${(n / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 平方米`
    : t.measure === 'owners'
      ? `${n} 人`
      : `${n} 票`;

/**
 * The turnout against the rule (《民法典》第二百七十八条: participation by area and by headcount
 * against two-thirds, approval against half or three-quarters; or simple majority), one bar each
 * with a mark where the threshold is, from GET /resolutions/:id/tally.
 */
export function TurnoutBars(props: { tally: Tally; open: boolean }) {
  const thresholds = ORDER.flatMap((name) => {
    const t = props.tally.thresholds?.[name];
    return t === undefined ? [] : [t];
  });
  if (thresholds.length === 0) return null;
  return (
    <div className="turnout" data-testid="turnout-bars">
      <h3>{props.open ? '目前的票数离通过还差多少' : '计票结果'}</h3>
      <ul className="thresholds">
        {thresholds.map((t) => {
          const label = THRESHOLD_LABELS[t.name];
          const { numerator, denominator } = t.actual;
          const value = denominator > 0 ? numerator / denominator : 0;
          return (
            <li key={t.name} data-testid={`threshold-${t.name}`}>
              <p className="threshold-head">
                <strong>{label.title}</strong>
                <span className={t.held ? 'held' : 'unheld'}>
                  {t.held ? '✓ 已达到' : '✗ 未达到'}
                </span>
              </p>
              <ThresholdBar value={value} mark={FRACTION_VALUE[t.required]} held={t.held} />
              <p className="muted">
                {label.of} {percentText(numerator, denominator)}（{amount(t, numerator)} /{' '}
                {amount(t, denominator)}），{requiredText(t)}
              </p>
            </li>
          );
        })}
      </ul>
      <p className="muted">竖线是需要达到的位置。</p>
    </div>
  );
}
