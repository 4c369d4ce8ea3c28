import { Command } from '@nestjs/cqrs';
import { type WhistleCaller } from '../whistle-caller';
import { type WhistleOutcome } from '../whistle-repository';

/** 反馈: the department answers; the community rates it. */
export class AnswerWhistleCommand extends Command<WhistleOutcome> {
  constructor(
    readonly whistleId: string,
    readonly communityId: string,
    readonly answer: {
      readonly departmentId: string | null;
      readonly result: string;
      readonly photoIds: readonly string[];
    },
    readonly caller: WhistleCaller,
  ) {
    super();
  }
}
