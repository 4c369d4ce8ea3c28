import { Command } from '@nestjs/cqrs';
import { type WhistleCaller } from '../whistle-caller';
import { type WhistleOutcome } from '../whistle-repository';

/** 签收: a member of a department the whistle is with takes it on. */
export class AcceptWhistleCommand extends Command<WhistleOutcome> {
  constructor(
    readonly whistleId: string,
    readonly departmentId: string | null,
    readonly caller: WhistleCaller,
  ) {
    super();
  }
}
