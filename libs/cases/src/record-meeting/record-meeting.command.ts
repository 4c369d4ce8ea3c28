import { Command } from '@nestjs/cqrs';
import { type Attendance, type MeetingCircle } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** 议事会 recorded after the fact: the paper sign-in sheet of each party, and the minutes. */
export interface MeetingRecord {
  readonly kind: 'record';
  readonly heldAt: string;
  readonly place: string;
  readonly attendance: readonly Attendance[];
  readonly minutes: string;
}

/** 议事会 announced ahead: time, place and who is invited (a wider circle named as such). */
export interface MeetingSchedule {
  readonly kind: 'schedule';
  readonly scheduledAt: string;
  readonly place: string;
  readonly inviteeUserIds: readonly string[];
  readonly invitees: readonly { readonly userId: string; readonly circle: MeetingCircle }[];
}

export class RecordMeetingCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly meetingId: string,
    readonly meeting: MeetingRecord | MeetingSchedule,
    readonly actor: CaseActor,
  ) {
    super();
  }
}
