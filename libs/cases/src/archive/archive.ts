import { type Case, type CaseEvent, fold, WrongStageError, NotFoundError } from '@yishi/domain';
import { type Queryable } from '@yishi/event-store';
import { endStateOf } from '../case-view';
import { caseStream } from '../case-repository';
import { evidenceOfCase, evidencePath, type EvidenceFile } from '../evidence/evidence-store';
import { readVerifiedStream, type ArchivedEvent, type StreamVerification } from './stream-verify';

export interface ArchivedTimer {
  readonly kind: string;
  readonly party: string;
  readonly stage: string;
  readonly entry: number;
  readonly taskId: string | null;
  readonly dueAt: string;
  readonly deadline: string;
  readonly status: string;
  readonly doneAt: string | null;
}

/** 协商档案: the whole story of a closed case, from its own event log (docs/follow-up.md). */
export interface ConsultationArchive {
  readonly format: 'yishi-consultation-archive/1';
  readonly generatedAt: string;
  readonly community: { readonly id: string; readonly name: string };
  readonly case: Case;
  readonly endState: ReturnType<typeof endStateOf>;
  /** Reminders (催签, 催办) and escalation timers as they ran: `done` ones were sent. */
  readonly timers: readonly ArchivedTimer[];
  readonly evidenceFiles: readonly (Omit<EvidenceFile, 'storageKey'> & { url: string })[];
  readonly events: readonly ArchivedEvent[];
  readonly verification: StreamVerification;
}

/**
 * The archive of a closed case: the state folded from the verified log (not the read model),
 * the timers, the uploaded evidence, and every event with its hash. An open case has no archive
 * yet (409 WRONG_STAGE).
 */
export async function buildArchive(
  db: Queryable,
  caseId: string,
  community: { id: string; name: string },
  now = new Date().toISOString(),
): Promise<ConsultationArchive> {
  const { events, verification } = await readVerifiedStream(db, caseStream(caseId));
  const state = fold(events.map((e) => ({ type: e.type, data: e.data }) as CaseEvent));
  if (state === null) throw new NotFoundError('找不到该议题', { caseId });
  if (state.status !== 'closed')
    throw new WrongStageError('案件销号后才能生成协商档案', { status: state.status });
  const [{ rows }, files] = await Promise.all([
    db.query<{
      kind: string;
      party: string;
      stage: string;
      entry: number;
      task_id: string;
      due_at: Date;
      deadline: Date;
      status: string;
      done_at: Date | null;
    }>(
      `SELECT kind, party, stage, entry, task_id, due_at, deadline, status, done_at
         FROM case_deadlines WHERE case_id = $1 ORDER BY due_at, kind, party`,
      [caseId],
    ),
    evidenceOfCase(db, caseId),
  ]);
  return {
    format: 'yishi-consultation-archive/1',
    generatedAt: now,
    community,
    case: state,
    endState: endStateOf(state.closure),
    timers: rows.map((r) => ({
      kind: r.kind,
      party: r.party,
      stage: r.stage,
      entry: r.entry,
      taskId: r.task_id === '00000000-0000-0000-0000-000000000000' ? null : r.task_id,
      dueAt: r.due_at.toISOString(),
      deadline: r.deadline.toISOString(),
      status: r.status,
      doneAt: r.done_at === null ? null : r.done_at.toISOString(),
    })),
    evidenceFiles: files.map(({ storageKey: _key, ...f }) => ({
      ...f,
      url: evidencePath(f),
    })),
    events,
    verification,
  };
}
