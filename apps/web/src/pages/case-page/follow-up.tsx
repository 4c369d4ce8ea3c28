import { type FormEvent, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { type CaseDetail, type Party, PARTIES, type Rating } from '../../api/types';
import { PARTY_LABELS, RATING_LABELS } from '../../labels';
import { type Session } from '../../session';
import { ActionNote, useAction } from '../../ui';
import { WorkingDaysDue } from './due-date';
import { Section } from './section';
import { TaskItem } from './task-item';
import { write } from './write';

/*
 * 跟踪落实: the tasks (each reported on by its party, see task-item.tsx), the secretary's form that
 * assigns one, and the residents' evaluation once every task is done.
 */

export function TasksSection(props: {
  c: CaseDetail;
  session: Session;
  reload: (done?: string) => void;
}) {
  const { c, session, reload } = props;
  if (c.tasks.length === 0) return null;
  return (
    <Section title="落实任务">
      <ul className="list">
        {c.tasks.map((t) => (
          <TaskItem key={t.id} c={c} task={t} session={session} reload={reload} />
        ))}
      </ul>
    </Section>
  );
}

export function TaskForm(props: { caseId: string; reload: () => void }) {
  const [title, setTitle] = useState('');
  const [assigneeParty, setAssigneeParty] = useState<Party>('property-company');
  const [days, setDays] = useState('7');
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Working days, as the API counts them (its Chinese calendar: weekends, holidays, 调休).
    const ok = await action.run(
      () =>
        write(`/cases/${props.caseId}/tasks`, {
          method: 'POST',
          idempotencyKey: key,
          body: { title: title.trim(), assigneeParty, dueInWorkingDays: Number(days) },
        }),
      '任务已分派',
    );
    if (ok) {
      setTitle('');
      setKey(newIdempotencyKey());
      props.reload();
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="分派任务">
      <h3>分派落实任务</h3>
      <label>
        任务
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        负责方
        <select value={assigneeParty} onChange={(e) => setAssigneeParty(e.target.value as Party)}>
          {PARTIES.map((p) => (
            <option key={p} value={p}>
              {PARTY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        几个工作日内完成
        <input
          type="number"
          min={1}
          max={366}
          step={1}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          required
        />
      </label>
      <WorkingDaysDue days={days} />
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        分派任务
      </button>
    </form>
  );
}

export function EvaluationForm(props: { caseId: string; reload: (done?: string) => void }) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (rating === null) return;
    const ok = await action.run(() =>
      write(`/cases/${props.caseId}/evaluations`, {
        method: 'POST',
        body: { rating, ...(comment.trim() === '' ? {} : { comment: comment.trim() }) },
      }),
    );
    if (ok) props.reload('评价已提交，谢谢您！');
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="评价">
      <fieldset>
        <legend>您对办理结果满意吗？（每户一次）</legend>
        {(['satisfied', 'basically-satisfied', 'dissatisfied'] as const).map((r) => (
          <label key={r} className="choice">
            <input
              type="radio"
              name="rating"
              value={r}
              checked={rating === r}
              onChange={() => setRating(r)}
            />
            {RATING_LABELS[r]}
          </label>
        ))}
      </fieldset>
      <label>
        想说的话（可不填）
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending || rating === null}>
        提交评价
      </button>
    </form>
  );
}
