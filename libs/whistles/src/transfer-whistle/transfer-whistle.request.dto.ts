import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { nfcTrim } from '@yishi/platform';
import { TrackRequest } from '../track-request.dto';

/** 流转: to another department of the street, with the reason. */
export class TransferWhistleRequest extends TrackRequest {
  @ApiProperty({ format: 'uuid', description: 'the department it passes to' })
  @IsUUID()
  departmentId!: string;

  @ApiProperty({ example: '属住建所职责范围', maxLength: 500 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}
