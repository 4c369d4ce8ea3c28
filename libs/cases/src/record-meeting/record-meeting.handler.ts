import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@yishi/domain';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { MeetingPeople } from '../meetings/meeting-people';
import { RecordMeetingCommand } from './record-meeting.command';

/**
 * A meeting announced ahead (its invitees resolved against the registry) or recorded after the
 * fact (its sign-in sheet checked against the parties' members). The case is loaded first for its
 * community; the append decides on that same state.
 */
@CommandHandler(RecordMeetingCommand)
export class RecordMeetingHandler implements ICommandHandler<RecordMeetingCommand, CaseOutcome> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly people: MeetingPeople,
  ) {}

  async execute({ caseId, meetingId, meeting, actor }: RecordMeetingCommand): Promise<CaseOutcome> {
    const loaded = await this.cases.load(caseId);
    if (loaded.state === null) throw new NotFoundError('案件不存在', { caseId });
    const { communityId } = loaded.state;
    if (meeting.kind === 'record') {
      await this.people.checkSheet(communityId, meeting.attendance);
      const { kind: _, ...data } = meeting;
      return this.cases.execute(
        caseId,
        { type: 'RecordMeeting', data: { meetingId, ...data } },
        { ...actor, loaded },
      );
    }
    const invitees = await this.people.invitees(
      communityId,
      meeting.inviteeUserIds,
      meeting.invitees,
    );
    return this.cases.execute(
      caseId,
      {
        type: 'ScheduleMeeting',
        data: { meetingId, scheduledAt: meeting.scheduledAt, place: meeting.place, invitees },
      },
      { ...actor, loaded },
    );
  }
}
