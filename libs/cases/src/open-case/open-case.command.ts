import { Command } from '@nestjs/cqrs';
import { type OpenCase } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** Opens a case in a community; the handler adds the community's settings as they are now. */
export class OpenCaseCommand extends Command<CaseOutcome> {
  constructor(
    readonly data: Omit<OpenCase['data'], 'settings'>,
    readonly actor: CaseActor,
  ) {
    super();
  }
}
