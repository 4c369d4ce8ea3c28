import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MEETING_CIRCLES, type MeetingCircle, PARTIES, type Party } from '@yishi/domain';
import { nfcTrim } from '@yishi/platform';

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

export class InviteeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty({
    enum: MEETING_CIRCLES,
    description: 'the circle they come in: one of the five parties, 两代表一委员, …',
  })
  @IsIn(MEETING_CIRCLES)
  circle!: MeetingCircle;
}

/** With `attendance`, the old body: a meeting recorded after the fact from its paper sheet. */
const recorded = (o: RecordMeetingRequest): boolean => o.attendance !== undefined;

/**
 * Either a meeting announced ahead (`scheduledAt`, `place`, `inviteeUserIds`), whose attendees
 * then sign in, or, with `attendance`, one recorded after the fact from its paper sign-in sheet
 * (`heldAt`, `place`, `attendance`, `minutes`), each name a member of the party listed.
 */
export class RecordMeetingRequest {
  @ApiPropertyOptional({ format: 'date-time', description: 'with `attendance`: when it was held' })
  @ValidateIf(recorded)
  @IsISO8601({ strict: true })
  heldAt?: string;

  @ApiProperty({ example: '社区党群服务中心二楼', maxLength: 200 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  place!: string;

  @ApiPropertyOptional({
    type: [AttendanceDto],
    description: 'the paper sign-in sheet (签到表) of a meeting recorded after the fact',
  })
  @ValidateIf(recorded)
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => AttendanceDto)
  attendance?: AttendanceDto[];

  @ApiPropertyOptional({ maxLength: 20000, description: 'with `attendance`: the minutes' })
  @ValidateIf(recorded)
  @Transform(nfcTrim)
  @IsString()
  @MaxLength(20000)
  minutes?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'without `attendance`: when it is' })
  @ValidateIf((o: RecordMeetingRequest) => !recorded(o))
  @IsISO8601({ strict: true })
  scheduledAt?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'without `attendance`: who is invited (members of the community); each is told',
  })
  @ValidateIf((o: RecordMeetingRequest) => !recorded(o) && o.invitees === undefined)
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  inviteeUserIds?: string[];

  @ApiPropertyOptional({
    type: [InviteeDto],
    description:
      'invitees of a named circle (两代表一委员, 在职党员, 调解员 …), besides inviteeUserIds',
  })
  @ValidateIf((o: RecordMeetingRequest) => !recorded(o) && o.invitees !== undefined)
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => InviteeDto)
  invitees?: InviteeDto[];
}
