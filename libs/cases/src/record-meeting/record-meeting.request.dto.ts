import { ApiProperty } from '@nestjs/swagger';
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
import { nfcTrim } from '../cases.dto';

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
