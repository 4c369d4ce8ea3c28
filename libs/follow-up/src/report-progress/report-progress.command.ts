import { Command } from '@nestjs/cqrs';
import { type ReportProgress } from '@yishi/domain';
import { type CaseActor, type CaseOutcome } from '@yishi/cases';

/** Progress of an open task, with evidence. */
export class ReportProgressCommand extends Command<CaseOutcome> {
  constructor(
    readonly taskId: string,
    readonly data: Omit<ReportProgress['data'], 'taskId'>,
    readonly actor: CaseActor,
  ) {
    super();
  }
}
