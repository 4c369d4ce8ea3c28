import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PARTIES, type Party } from '@yishi/domain';
import { actorOf, Auth, Can, NewId, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse, nfcTrim } from '../../case.dto';
import { RunCaseCommand } from '../../run-case-command';

export class AttendanceDto {
  @ApiProperty({ enum: PARTIES })
  @IsIn(PARTIES)
  party!: Party;

  @ApiProperty({ type: [String], description: 'user ids of those who came' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  attendees!: string[];
}

export class RecordMeetingRequest {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  heldAt!: string;

  @ApiProperty({ example: '社区党群服务中心二楼', maxLength: 200 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  place!: string;

  @ApiProperty({ type: [AttendanceDto] })
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => AttendanceDto)
  attendance!: AttendanceDto[];

  @ApiProperty({ maxLength: 20000 })
  @Transform(nfcTrim)
  @IsString()
  @MaxLength(20000)
  minutes!: string;
}

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
      new RunCaseCommand(
        caseId,
        {
          type: 'RecordMeeting',
          data: {
            meetingId,
            heldAt: new Date(body.heldAt).toISOString(),
            place: body.place,
            attendance: body.attendance.map((a) => ({ party: a.party, attendees: a.attendees })),
            minutes: body.minutes,
          },
        },
        actorOf(auth),
      ),
    );
    return { id: meetingId, version };
  }
}
