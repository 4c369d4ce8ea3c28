import { type FormEvent, useState } from 'react';
import { stableInstant } from '../../api/idempotency';
import { api, newIdempotencyKey } from '../../api/client';
import { type CaseDetail, type Matter, type Member, type VotingRule } from '../../api/types';
import { formatTime, MATTER_LABELS, PARTY_LABELS, RULE_LABELS } from '../../labels';
import { Link } from '../../router';
import { ActionNote, useAction, useLoad } from '../../ui';
import { resolutionStatusText } from './case-format';
import { attendance, attendeesOf } from './meeting-attendance';
import { Section } from './section';
import { write } from './write';

/*
 * 民主协商: the meetings held and the resolutions put to the vote (each links to its vote page),
 * and the secretary's forms for both. Owners reach the vote from the action bar (VoteCall).
 */

export function MeetingsSection(props: { c: CaseDetail }) {
  const { c } = props;
  if (c.meetings.length === 0) return null;
  return (
    <Section title="议事会">
      <ul className="list">
        {c.meetings.map((m) => (
          <li key={m.id}>
            <p>
              {formatTime(m.heldAt)} · {m.place}
            </p>
            <p className="muted">{m.minutes}</p>
          </li>
        ))}
      </ul>
    </Section>
  );
}

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

/** The deliberation meeting (议事会): where, who came for each party, the minutes. */
export function MeetingForm(props: { c: CaseDetail; reload: (done?: string) => void }) {
  const { c } = props;
  const [place, setPlace] = useState('社区党群服务中心');
  const [minutes, setMinutes] = useState('');
  const [present, setPresent] = useState<ReadonlySet<string>>(new Set());
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const [members] = useLoad(
    (signal) =>
      api<{ items: Member[] }>(
        `/communities/${c.communityId}/memberships?withParty=true&limit=500`,
        { signal },
      ).then((r) => r.items),
    [c.communityId],
  );
  const caseParties = c.parties.map((p) => p.party);
  const toggle = (userId: string) =>
    setPresent((set) => {
      const next = new Set(set);
      if (next.has(userId)) next.delete(userId);
      else next.add(userId);
      return next;
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (members.state !== 'ready') return;
    const ok = await action.run(() =>
      write(`/cases/${c.id}/meetings`, {
        method: 'POST',
        idempotencyKey: key,
        body: {
          heldAt: stableInstant(key, '', () => new Date().toISOString()),
          place: place.trim(),
          attendance: attendance(attendeesOf(caseParties, members.value), present),
          minutes,
        },
      }),
    );
    if (ok) props.reload('议事会已记录');
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="记录议事会">
      <h3>记录议事会</h3>
      <label>
        地点
        <input value={place} onChange={(e) => setPlace(e.target.value)} required />
      </label>
      {members.state === 'ready' ? (
        attendeesOf(caseParties, members.value).map((g) => (
          <fieldset key={g.party}>
            <legend>{PARTY_LABELS[g.party]}到会</legend>
            {g.members.map((m) => (
              <label key={m.userId} className="choice">
                <input
                  type="checkbox"
                  checked={present.has(m.userId)}
                  onChange={() => toggle(m.userId)}
                />
                {m.displayName}
              </label>
            ))}
          </fieldset>
        ))
      ) : members.state === 'error' ? (
        <p className="note note-error" role="alert">
          {members.message}
        </p>
      ) : (
        <p className="muted">正在读取参会人员…</p>
      )}
      <label>
        会议纪要
        <textarea value={minutes} onChange={(e) => setMinutes(e.target.value)} rows={3} required />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        记录议事会
      </button>
    </form>
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
