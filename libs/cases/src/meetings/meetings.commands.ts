import { Command } from '@nestjs/cqrs';
import { type MeetingSignIn } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** An attendee signs in, on their phone or with the room's code. */
export class SignInMeetingCommand extends Command<{
  readonly caseId: string;
  readonly signIn: MeetingSignIn;
  readonly version: number;
}> {
  constructor(
    readonly meetingId: string,
    readonly communityId: string,
    readonly userId: string,
    readonly code: string | undefined,
  ) {
    super();
  }
}

/** The room's one-time code, new (the old one stops working). */
export class IssueMeetingCodeCommand extends Command<{
  readonly code: string;
  readonly expiresAt: string;
}> {
  constructor(
    readonly meetingId: string,
    readonly communityId: string,
    readonly actor: CaseActor,
  ) {
    super();
  }
}

/** The minutes of a meeting, with photos or a signed scan (uploads of the caller). */
export class RecordMinutesCommand extends Command<CaseOutcome> {
  constructor(
    readonly meetingId: string,
    readonly communityId: string,
    readonly text: string,
    readonly fileIds: readonly string[],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
