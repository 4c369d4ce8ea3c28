import { type FormEvent, useState } from 'react';
import { stableInstant } from '../../api/idempotency';
import { newIdempotencyKey } from '../../api/client';
import { type CaseDetail, type Matter, type VotingRule } from '../../api/types';
import { MATTER_LABELS, RULE_LABELS } from '../../labels';
import { Link } from '../../router';
import { ActionNote, useAction } from '../../ui';
import { resolutionStatusText } from './case-format';
import {
  isOwnersRule,
  MAX_PLANS,
  MIN_PLANS,
  offeredRules,
  planName,
  planTitles,
  type Procedure,
  RULE_HINTS,
} from './resolution-rules';
import { Section } from './section';
import { write } from './write';

/*
 * 民主协商: the resolutions put to the vote (each links to its vote page), and the secretary's form
 * (the meetings: meetings.tsx). Owners reach the vote from the action bar (VoteCall).
 */

export function ResolutionsSection(props: { c: CaseDetail }) {
  const { c } = props;
  if (c.resolutions.length === 0) return null;
  return (
    <Section title="决议与表决">
      <ul className="list">
        {c.resolutions.map((r) => (
          <li key={r.id}>
            <Link to={`/resolutions/${r.id}`}>{r.title}</Link>
            <p className="muted">
              {RULE_LABELS[r.rule]} · {resolutionStatusText(r)}
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** Drafting a resolution (决议) opens the vote; the rule cannot change afterwards. */
export function ResolutionForm(props: {
  caseId: string;
  procedure?: Procedure;
  reload: (done?: string) => void;
}) {
  const offered = offeredRules(props.procedure);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [picked, setRule] = useState<VotingRule>(offered.rules[0] ?? 'simple-majority');
  const rule = offered.rules.includes(picked) ? picked : (offered.rules[0] ?? 'simple-majority');
  const [chosenMatter, setMatter] = useState<Matter>('ordinary');
  // A poll or a council has no 一般/重大 matter; an Art. 278 matter fixes its threshold.
  const matter: Matter = offered.matter ?? (isOwnersRule(rule) ? chosenMatter : 'ordinary');
  const [withPlans, setWithPlans] = useState(false);
  const [plans, setPlans] = useState<string[]>(['', '']);
  const [days, setDays] = useState('7');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const closesAt = stableInstant(key, days, () =>
      new Date(Date.now() + Number(days) * 86_400_000).toISOString(),
    );
    const ok = await action.run(() =>
      write(`/cases/${props.caseId}/resolutions`, {
        method: 'POST',
        idempotencyKey: key,
        body: {
          title: title.trim(),
          text: text.trim(),
          rule,
          matter,
          closesAt,
          ...(withPlans ? { options: planTitles(plans) } : {}),
        },
      }),
    );
    if (ok) props.reload('决议已发布，表决开始');
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="起草决议">
      <h3>起草决议并开始表决</h3>
      <label>
        决议标题
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        决议全文
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} required />
      </label>
      <fieldset>
        <legend>由谁决定、怎样算通过（开始后不能更改）</legend>
        {offered.matter !== null ? (
          <p className="muted" data-testid="civil-code-only">
            本案属于《民法典》第二百七十八条规定由业主共同决定的事项，只能按该条表决（
            {MATTER_LABELS[offered.matter]}）。
          </p>
        ) : null}
        {offered.rules.map((r) => (
          <label key={r} className="choice">
            <input type="radio" name="rule" checked={rule === r} onChange={() => setRule(r)} />
            <span>
              {RULE_LABELS[r]}
              <br />
              <small className="muted">{RULE_HINTS[r]}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {offered.matter === null && isOwnersRule(rule) ? (
        <fieldset>
          <legend>事项</legend>
          {(['ordinary', 'major'] as const).map((m) => (
            <label key={m} className="choice">
              <input
                type="radio"
                name="matter"
                checked={matter === m}
                onChange={() => setMatter(m)}
              />
              {MATTER_LABELS[m]}
            </label>
          ))}
        </fieldset>
      ) : null}
      <PlansField on={withPlans} setOn={setWithPlans} plans={plans} setPlans={setPlans} />
      <label>
        表决天数
        <input
          type="number"
          min={1}
          max={60}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          required
        />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        发布决议，开始表决
      </button>
    </form>
  );
}

/** 在几个方案中选择: 2 to 10 plans, each with a title (an empty one is sent as 方案一, …). */
function PlansField(props: {
  on: boolean;
  setOn: (on: boolean) => void;
  plans: string[];
  setPlans: (plans: string[]) => void;
}) {
  const { plans, setPlans } = props;
  return (
    <fieldset>
      <legend>表决方式</legend>
      <label className="choice">
        <input type="radio" name="plans" checked={!props.on} onChange={() => props.setOn(false)} />
        对决议表示同意、反对或弃权
      </label>
      <label className="choice">
        <input type="radio" name="plans" checked={props.on} onChange={() => props.setOn(true)} />
        在几个方案中选一个（2 至 {MAX_PLANS} 个方案，得票最多的方案胜出）
      </label>
      {props.on ? (
        <ol className="plans" aria-label="方案">
          {plans.map((p, i) => (
            <li key={i}>
              <label>
                {planName(i)}
                <input
                  value={p}
                  maxLength={100}
                  placeholder="如：物业统一清理"
                  onChange={(e) => setPlans(plans.map((x, j) => (j === i ? e.target.value : x)))}
                  required
                />
              </label>
              {plans.length > MIN_PLANS ? (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => setPlans(plans.filter((_, j) => j !== i))}
                >
                  删去{planName(i)}
                </button>
              ) : null}
            </li>
          ))}
          {plans.length < MAX_PLANS ? (
            <li>
              <button
                type="button"
                className="button secondary"
                onClick={() => setPlans([...plans, ''])}
              >
                再加一个方案
              </button>
            </li>
          ) : null}
        </ol>
      ) : null}
    </fieldset>
  );
}
