import { type FormEvent, useState } from 'react';
import { type CaseDetail, type Party, PARTIES, type Task } from '../../api/types';
import { formatTime, PARTY_LABELS } from '../../labels';
import { type Session } from '../../session';
import { ActionNote, useAction } from '../../ui';
import { WorkingDaysDue, workingDaysFromNow } from './due-date';
import { reportText, taskStatusText } from './case-format';
import { canReassign, isMyOpenTask } from './next-actions';
import { EvidenceList, PhotoPicker, type Upload } from './task-evidence';
import { write } from './write';

/** One task: its progress and reports; its party reports or completes it, the lead may 改派. */
export function TaskItem(props: {
  c: CaseDetail;
  task: Task;
  session: Session;
  reload: () => void;
}) {
  const { c, task, session, reload } = props;
  const mine = isMyOpenTask(task, session);
  const [percent, setPercent] = useState(String(Math.min(100, task.percent + 20)));
  const [note, setNote] = useState('');
  /** Photos uploaded for the next report (their API paths), with a local preview each. */
  const [photos, setPhotos] = useState<Upload[]>([]);
  const action = useAction();
  const evidence = photos.length === 0 ? {} : { evidence: photos.map((p) => p.url) };
  const reported = () => {
    setNote('');
    for (const p of photos) URL.revokeObjectURL(p.preview);
    setPhotos([]);
    reload();
  };
  const report = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(
      () =>
        write(`/tasks/${task.id}/progress`, {
          method: 'POST',
          body: { percent: Number(percent), note: note.trim(), ...evidence },
        }),
      '进度已报告',
    );
    if (ok) reported();
  };
  const complete = () =>
    void action
      .run(
        () =>
          write(`/tasks/${task.id}/complete`, {
            method: 'POST',
            body: { note: note.trim() === '' ? '已完成' : note.trim(), ...evidence },
          }),
        '任务已完成',
      )
      .then((ok) => ok && reported());
  return (
    <li id={`task-${task.id}`}>
      <p>
        <strong>{task.title}</strong>（{PARTY_LABELS[task.assigneeParty]}）
      </p>
      <p className="muted">
        {taskStatusText(task)} · 期限 {formatTime(task.dueAt)}
      </p>
      <progress value={task.percent} max={100} aria-label={`${task.title}进度`} />
      {task.reports.length === 0 ? null : (
        <ul className="reports">
          {task.reports.map((r, i) => (
            <li key={i}>
              {formatTime(r.reportedAt)} {reportText(r)}：{r.note}
              {r.evidence.length === 0 ? null : <EvidenceList urls={r.evidence} />}
            </li>
          ))}
        </ul>
      )}
      {mine ? (
        <form className="form" onSubmit={(e) => void report(e)} aria-label="报告进度">
          <label>
            完成进度（%）
            <input
              type="number"
              min={0}
              max={100}
              value={percent}
              onChange={(e) => setPercent(e.target.value)}
              required
            />
          </label>
          <label>
            进展说明
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} required />
          </label>
          <PhotoPicker
            taskId={task.id}
            photos={photos}
            onAdd={(p) => setPhotos((list) => [...list, p])}
            onRemove={(url) =>
              setPhotos((list) =>
                list.filter((p) => {
                  if (p.url === url) URL.revokeObjectURL(p.preview);
                  return p.url !== url;
                }),
              )
            }
          />
          <ActionNote error={action.error} done={action.done} />
          <div className="row">
            <button type="submit" className="button primary" disabled={action.pending}>
              报告进度
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={action.pending}
              onClick={complete}
            >
              标记完成
            </button>
          </div>
        </form>
      ) : (
        // Marking the task done closes its form on the reload; the confirmation stays in sight.
        <ActionNote error={action.error} done={action.done} />
      )}
      {canReassign(c, task, session) ? <ReassignForm task={task} reload={reload} /> : null}
    </li>
  );
}

/** 改派: an open task to another party and/or a new due date (the secretary, the lead party). */
function ReassignForm(props: { task: Task; reload: (done?: string) => void }) {
  const { task } = props;
  const [open, setOpen] = useState(false);
  const [party, setParty] = useState<Party>(task.assigneeParty);
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() =>
      write(`/tasks/${task.id}/reassign`, {
        method: 'POST',
        body: {
          assigneeParty: party,
          ...(days === '' ? {} : { dueAt: workingDaysFromNow(days) ?? '' }),
          ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
        },
      }),
    );
    if (ok) {
      setOpen(false);
      props.reload(`任务已改派给${PARTY_LABELS[party]}`);
    }
  };
  if (!open)
    return (
      <button type="button" className="button secondary" onClick={() => setOpen(true)}>
        改派任务
      </button>
    );
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label={`改派「${task.title}」`}>
      <label>
        改派给
        <select value={party} onChange={(e) => setParty(e.target.value as Party)}>
          {PARTIES.map((p) => (
            <option key={p} value={p}>
              {PARTY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        新的期限：几个工作日内完成（可不填）
        <input
          type="number"
          min={1}
          max={366}
          step={1}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </label>
      {days === '' ? null : <WorkingDaysDue days={days} />}
      <label>
        改派原因（可不填）
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <div className="row">
        <button type="submit" className="button primary" disabled={action.pending}>
          确定改派
        </button>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          取消
        </button>
      </div>
    </form>
  );
}
