import { Command } from '@nestjs/cqrs';
import { type Rating } from '@yishi/domain';
import { type WhistleOutcome } from '../whistle-repository';

/** 评价, by the community's secretary: satisfied or basically closes a track, dissatisfied reopens it. */
export class RateWhistleCommand extends Command<WhistleOutcome> {
  constructor(
    readonly whistleId: string,
    readonly rating: {
      readonly departmentId: string | null;
      readonly rating: Rating;
      readonly comment: string | null;
    },
    readonly actorId: string,
  ) {
    super();
  }
}
