import { type FormEvent, useState } from 'react';
import { stableInstant } from '../../api/idempotency';
import { newIdempotencyKey } from '../../api/client';
import { type CaseDetail, type Matter, type VotingRule } from '../../api/types';
import { MATTER_LABELS, RULE_LABELS } from '../../labels';
import { Link } from '../../router';
import { ActionNote, useAction } from '../../ui';
import { resolutionStatusText } from './case-format';
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
export function ResolutionForm(props: { caseId: string; reload: (done?: string) => void }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [rule, setRule] = useState<VotingRule>('simple-majority');
  const [matter, setMatter] = useState<Matter>('ordinary');
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
        body: { title: title.trim(), text: text.trim(), rule, matter, closesAt },
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
        <legend>表决规则（开始后不能更改）</legend>
        {(['simple-majority', 'civil-code-278'] as const).map((r) => (
          <label key={r} className="choice">
            <input type="radio" name="rule" checked={rule === r} onChange={() => setRule(r)} />
            {RULE_LABELS[r]}
          </label>
        ))}
      </fieldset>
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
