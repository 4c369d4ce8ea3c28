import { Command } from '@nestjs/cqrs';
import { type RequestAdvance } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** A request to advance the case; the queue checks the gate. */
export class RequestAdvanceCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly data: RequestAdvance['data'],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
