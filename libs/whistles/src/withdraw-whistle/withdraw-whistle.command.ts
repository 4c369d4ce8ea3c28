import { Command } from '@nestjs/cqrs';
import { type WhistleOutcome } from '../whistle-repository';

/** 撤回, by the community's secretary while no department has answered. */
export class WithdrawWhistleCommand extends Command<WhistleOutcome> {
  constructor(
    readonly whistleId: string,
    readonly reason: string,
    readonly actorId: string,
  ) {
    super();
  }
}
