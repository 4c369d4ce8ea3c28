import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../cases.dto';
import {
  IssueMeetingCodeCommand,
  RecordMinutesCommand,
  SignInMeetingCommand,
} from './meetings.commands';
import { MeetingCodeView, RecordMinutesRequest, SignInRequest, SignInView } from './meetings.dto';

/** A meeting's sign-in (签到), the room's code and the minutes (docs/procedure.md). */
@ApiTags('cases')
@Controller('meetings/:meetingId')
export class MeetingsController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * 签到, by the attendee: on their own phone, or with the code shown in the room (`code`). From
   * two hours before the meeting to twelve after, while its deliberation lasts; again, the first
   * sign-in is answered.
   */
  @Post('sign-in')
  @HttpCode(200)
  @Can('meetings.sign-in')
  @ApiOkResponse({ type: SignInView })
  async signIn(
    @Auth() auth: RequestAuth,
    @Param('meetingId') meetingId: string,
    @Body() body: SignInRequest,
  ): Promise<SignInView> {
    const { caseId, signIn, version } = await this.commands.execute(
      new SignInMeetingCommand(meetingId, communityOf(auth), auth.user.id, body.code),
    );
    return {
      meetingId,
      caseId,
      userId: signIn.userId,
      party: signIn.party,
      circle: signIn.circle,
      by: signIn.by,
      signedInAt: signIn.at,
      version,
    };
  }

  /** A new one-time code for the room (six digits, valid 15 minutes; the old one stops working). */
  @Post('code')
  @Can('meetings.code')
  @ApiCreatedResponse({ type: MeetingCodeView })
  async code(
    @Auth() auth: RequestAuth,
    @Param('meetingId') meetingId: string,
  ): Promise<MeetingCodeView> {
    const { code, expiresAt } = await this.commands.execute(
      new IssueMeetingCodeCommand(meetingId, communityOf(auth), actorOf(auth)),
    );
    return { code, expiresAt, signInPath: `/meetings/${meetingId}/sign-in?code=${code}` };
  }

  /** 会议纪要, once the meeting has begun; recorded again, the latest stands. */
  @Post('minutes')
  @Can('meetings.minutes')
  @ApiCreatedResponse({ type: CaseWriteResponse })
  async minutes(
    @Auth() auth: RequestAuth,
    @Param('meetingId') meetingId: string,
    @Body() body: RecordMinutesRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new RecordMinutesCommand(
        meetingId,
        communityOf(auth),
        body.text,
        body.fileIds ?? [],
        actorOf(auth),
      ),
    );
    return { id: meetingId, version };
  }
}
