import { Command } from '@nestjs/cqrs';
import { type WhistleCaller } from '../whistle-caller';
import { type WhistleOutcome } from '../whistle-repository';

/** 报到: a member of the department is on site, at the request's time. */
export class CheckInCommand extends Command<WhistleOutcome> {
  constructor(
    readonly whistleId: string,
    readonly communityId: string,
    readonly checkIn: {
      readonly departmentId: string | null;
      readonly note: string;
      readonly colleagues: readonly string[];
      readonly photoIds: readonly string[];
    },
    readonly caller: WhistleCaller,
  ) {
    super();
  }
}
