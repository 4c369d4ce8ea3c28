import { Injectable } from '@nestjs/common';
import { type TaskAssigned, type TaskReassigned } from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { OnEvent } from '@yishi/messaging';
import { NotificationFlows } from '@yishi/notifications';
import { caseIdOf, CaseRepository } from '@yishi/cases';

/**
 * A task assigned or reassigned: the assignee party is told (`task-assigned`, with the due date),
 * keyed by the event so a replay tells it once. Run by the worker (its module provides this class).
 */
@Injectable()
export class TaskAssignedNotices {
  constructor(
    private readonly cases: CaseRepository,
    private readonly notifications: NotificationFlows,
  ) {}

  @OnEvent('TaskAssigned', 'TaskReassigned')
  private async onTaskAssigned(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const { state } = await this.cases.load(caseId);
    if (state === null) return;
    const task =
      event.type === 'TaskAssigned'
        ? (event.data as TaskAssigned['data'])
        : (event.data as TaskReassigned['data']);
    const current = state.tasks.find((t) => t.id === task.taskId);
    if (current === undefined) return;
    await this.notifications.add({
      sourceEventId: event.eventId,
      communityId: state.communityId,
      caseId,
      caseTitle: state.title,
      kind: 'task-assigned',
      parties: ['assigneeParty' in task ? task.assigneeParty : task.to],
      deadline: task.dueAt,
      subject: current.title,
      estate: state.scope.estate,
    });
  }
}
