import { Command } from '@nestjs/cqrs';
import { type RecordMeeting } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** 议事会: who came for each party, and the minutes. */
export class RecordMeetingCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly data: RecordMeeting['data'],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
