import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, NewId, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../cases.dto';
import {
  type MeetingRecord,
  type MeetingSchedule,
  RecordMeetingCommand,
} from './record-meeting.command';
import { RecordMeetingRequest } from './record-meeting.request.dto';

@ApiTags('cases')
@Controller('cases/:caseId/meetings')
export class RecordMeetingController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * 议事会, only in deliberation: announced ahead (each invitee is told, `meeting-scheduled`; they
   * sign in at `POST /meetings/:meetingId/sign-in`), or recorded after the fact with its paper
   * sign-in sheet (`attendance`).
   */
  @Post()
  @Can('cases.meeting')
  @ApiCreatedResponse({ type: CaseWriteResponse })
  @ApiConflictResponse({ description: 'WRONG_STAGE: only in deliberation' })
  async record(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: RecordMeetingRequest,
    @NewId('meeting') meetingId: string,
  ): Promise<CaseWriteResponse> {
    const meeting: MeetingRecord | MeetingSchedule =
      body.attendance !== undefined
        ? {
            kind: 'record',
            heldAt: new Date(body.heldAt!).toISOString(),
            place: body.place,
            attendance: body.attendance.map((a) => ({ party: a.party, attendees: a.attendees })),
            minutes: body.minutes!,
          }
        : {
            kind: 'schedule',
            scheduledAt: new Date(body.scheduledAt!).toISOString(),
            place: body.place,
            inviteeUserIds: body.inviteeUserIds ?? [],
            invitees: (body.invitees ?? []).map((i) => ({ userId: i.userId, circle: i.circle })),
          };
    const { version } = await this.commands.execute(
      new RecordMeetingCommand(caseId, meetingId, meeting, actorOf(auth)),
    );
    return { id: meetingId, version };
  }
}
