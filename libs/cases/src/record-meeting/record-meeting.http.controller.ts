import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, NewId, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../cases.dto';
import { RecordMeetingCommand } from './record-meeting.command';
import { RecordMeetingRequest } from './record-meeting.request.dto';

@ApiTags('cases')
@Controller('cases/:caseId/meetings')
export class RecordMeetingController {
  constructor(private readonly commands: CommandBus) {}

  /** 议事会: who came for each party and the minutes; only in deliberation. */
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
    const { version } = await this.commands.execute(
      new RecordMeetingCommand(
        caseId,
        {
          meetingId,
          heldAt: new Date(body.heldAt).toISOString(),
          place: body.place,
          attendance: body.attendance.map((a) => ({ party: a.party, attendees: a.attendees })),
          minutes: body.minutes,
        },
        actorOf(auth),
      ),
    );
    return { id: meetingId, version };
  }
}
