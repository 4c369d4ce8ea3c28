import { useState } from 'react';
import { api, newIdempotencyKey } from '../api/client';
import { ApiError, errorText } from '../api/errors';
import { type Choice, type Member, type MyVote, type Resolution, type Tally } from '../api/types';
import { CHOICE_LABELS } from '../labels';
import { ActionNote, useAction, useLoad } from '../ui';
import {
  agreedText,
  partyLines,
  planText,
  pollTurnoutText,
  tieText,
  whoAnswersText,
  winnerText,
} from './decision-words';

/*
 * The ballot of a resident poll (one answer per household, tenants included), of a council (the
 * party's answer by a signed-in attendee) and of a choice among plans (one large button per plan,
 * and 弃权), and their result: per plan counts, the winner or the tie, the poll's turnout, the
 * council's parties and who agreed. The owners' yes/no ballot stays in vote.tsx.
 */

type Answer = number | Choice;

const answerLabel = (r: Resolution, a: Answer): string =>
  typeof a === 'number' ? planText(r.options, a) : CHOICE_LABELS[a];

/** 「同意」, or 方案二「居民自清」 (a plan carries its own quotes). */
const quoted = (r: Resolution, a: Answer): string =>
  typeof a === 'number' ? planText(r.options, a) : `「${CHOICE_LABELS[a]}」`;

/** Choose with one tap, confirm, cast once; a refusal (already answered) is said in the API's words. */
export function DecisionBallot(props: {
  resolution: Resolution;
  units: MyVote['units'];
  /** The owner's own ballot replacing a proxy's or a paper one (owners' rules only). */
  replacing?: boolean;
  onCast: (text: string) => void;
  onRefused: (text: string) => void;
}) {
  const r = props.resolution;
  const [picked, setPicked] = useState<Answer | null>(null);
  const [unit, setUnit] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const unitId = unit ?? props.units[0]?.unitId ?? null;
  const label = props.units.find((u) => u.unitId === unitId)?.label ?? '本户';
  const plans = r.options ?? [];
  const answers: Answer[] =
    plans.length > 0 ? [...plans.map((_, i) => i), 'abstain'] : ['for', 'against', 'abstain'];
  const verb = r.rule === 'council' ? '答复' : r.rule === 'resident-poll' ? '作答' : '投票';

  const cast = (choice: Answer) =>
    void action.run(async () => {
      try {
        await api(`/resolutions/${r.id}/ballots`, {
          method: 'POST',
          // A council's answer names no unit: the party is the attendee's.
          body: r.rule === 'council' ? { choice } : { choice, unitId },
          idempotencyKey: key,
        });
      } catch (error) {
        // Another of the household (or party) answered first: the page says so in the API's
        // words and shows the answer that counts.
        if (error instanceof ApiError && error.code === 'ALREADY_VOTED') {
          setPicked(null);
          props.onRefused(errorText(error));
          return;
        }
        throw error;
      }
      setPicked(null);
      props.onCast(`${verb}成功：您选择了${quoted(r, choice)}。`);
    });

  return (
    <div className="decision-ballot" data-testid="decision-ballot">
      <p className="muted" data-testid="who-answers">
        {props.replacing
          ? '您本人的选票将替代代理人/楼栋长录入的那一票，只计一票；投出后不能更改。'
          : whoAnswersText(r.rule, label)}
      </p>
      {props.units.length > 1 && r.rule !== 'council' ? (
        <label>
          为哪一户{verb}
          <select value={unitId ?? ''} onChange={(e) => setUnit(e.target.value)}>
            {props.units.map((u) => (
              <option key={u.unitId} value={u.unitId}>
                {u.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {picked === null ? (
        <div className="plan-choices" role="group" aria-label="您的选择">
          {answers.map((a) => (
            <button
              key={String(a)}
              type="button"
              className={a === 'abstain' ? 'button secondary big' : 'button primary big'}
              disabled={action.pending}
              onClick={() => setPicked(a)}
            >
              {answerLabel(r, a)}
            </button>
          ))}
        </div>
      ) : (
        <div className="confirm" role="group" aria-label={`确认${verb}`}>
          <p>
            您选择了{quoted(r, picked)}。确认后不能更改，确定{verb}吗？
          </p>
          <button
            type="button"
            className="button primary big"
            disabled={action.pending}
            onClick={() => cast(picked)}
          >
            确认{verb}
          </button>
          <button type="button" className="button secondary" onClick={() => setPicked(null)}>
            再想想
          </button>
        </div>
      )}
      <ActionNote error={action.error} done={action.done} />
    </div>
  );
}

/** Per plan counts, the winner or the tie, the poll's turnout, the council's parties and agreement. */
export function DecisionResult(props: { resolution: Resolution; tally: Tally; open: boolean }) {
  const { resolution: r, tally, open } = props;
  const council = r.rule === 'council';
  const [members] = useLoad(
    async (signal) =>
      council
        ? api<{ items: Member[] }>(
            `/communities/${r.communityId}/memberships?withParty=true&limit=500`,
            { signal },
          )
            .then((res) => res.items)
            .catch(() => null)
        : null,
    [council, r.communityId],
  );
  const known = members.state === 'ready' ? members.value : null;
  const nameOf = (userId: string): string =>
    known?.find((m) => m.userId === userId)?.displayName ?? '参会人';
  const options = tally.options ?? [];
  const most = Math.max(1, ...options.map((o) => o.answers));
  const tie = tieText(tally);
  const winner = winnerText(tally, open);
  const agreed = council ? agreedText(tally, nameOf) : null;
  return (
    <div className="decision-result" data-testid="decision-result">
      <h3>{open ? '目前的答复' : '结果'}</h3>
      {options.length > 0 ? (
        <ul className="plan-results" aria-label="各方案得票">
          {options.map((o) => (
            <li key={o.index} data-testid={`plan-${o.index}`}>
              <p className="threshold-head">
                <strong>{planText(r.options, o.index)}</strong>
                <span>{o.answers} 票</span>
              </p>
              <div className="plan-bar" aria-hidden="true">
                <span style={{ width: `${(o.answers / most) * 100}%` }} />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {tie !== null ? (
        <p className="note note-error" data-testid="tie">
          {tie}
        </p>
      ) : null}
      {winner !== null ? (
        <p className={open ? 'note' : 'note note-done'} data-testid="winner">
          {winner}
        </p>
      ) : null}
      {tally.turnout ? <p data-testid="poll-turnout">{pollTurnoutText(tally.turnout)}</p> : null}
      {council && (tally.parties?.length ?? 0) > 0 ? (
        <ul className="list" aria-label="出席各方的答复" data-testid="council-parties">
          {partyLines(tally, nameOf).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {agreed !== null ? <p data-testid="agreed">{agreed}</p> : null}
    </div>
  );
}
