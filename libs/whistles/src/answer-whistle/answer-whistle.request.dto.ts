import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { nfcTrim } from '@yishi/platform';
import { MAX_WHISTLE_PHOTOS } from '../check-in/check-in.request.dto';
import { TrackRequest } from '../track-request.dto';

/** 反馈: the department's result, with photos. */
export class AnswerWhistleRequest extends TrackRequest {
  @ApiProperty({ example: '违建已责令当事人自行拆除，现场已清理', maxLength: 2000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  result!: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_WHISTLE_PHOTOS,
    description: 'ids of your own photos uploaded for this whistle (POST /whistles/:id/uploads)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_WHISTLE_PHOTOS)
  @IsUUID('all', { each: true })
  photoIds?: string[];
}
