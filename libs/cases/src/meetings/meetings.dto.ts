import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { MEETING_CIRCLES, PARTIES, SIGN_IN_METHODS } from '@yishi/domain';
import { nfcTrim } from '@yishi/platform';

export class SignInRequest {
  @ApiPropertyOptional({
    example: '482913',
    description: 'the one-time code shown in the room; without it, a sign-in on one’s own phone',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{6}$/, { message: '签到码为 6 位数字' })
  code?: string;
}

export class SignInView {
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: PARTIES, nullable: true, type: String }) party!: string | null;
  @ApiProperty({ enum: MEETING_CIRCLES }) circle!: string;
  @ApiProperty({ enum: SIGN_IN_METHODS }) by!: string;
  @ApiProperty({ format: 'date-time' }) signedInAt!: string;
  @ApiProperty({ description: 'the case version after the sign-in' }) version!: number;
}

export class MeetingCodeView {
  @ApiProperty({ example: '482913', description: 'six digits, shown in the room' }) code!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({
    example: '/meetings/0b0e…/sign-in?code=482913',
    description: 'the web app’s sign-in page with the code: what the room’s QR code opens',
  })
  signInPath!: string;
}

export class RecordMinutesRequest {
  @ApiProperty({ maxLength: 20000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  text!: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'photos or a signed scan: ids from POST /communities/:communityId/uploads',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  fileIds?: string[];
}
