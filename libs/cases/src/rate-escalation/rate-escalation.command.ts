import { Command } from '@nestjs/cqrs';
import { type RateEscalation } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** 一哨一评: the secretary rates how a party answered an escalation. */
export class RateEscalationCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly data: RateEscalation['data'],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
