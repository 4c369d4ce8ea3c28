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
import { TrackRequest } from '../track-request.dto';

/** How many photos a check-in or an answer takes. */
export const MAX_WHISTLE_PHOTOS = 9;

/** 报到: on site now, with a note, the colleagues who came and photos. */
export class CheckInRequest extends TrackRequest {
  @ApiProperty({ example: '已到现场，违建约 20 平方米', maxLength: 2000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note!: string;

  @ApiPropertyOptional({ type: [String], description: 'names of colleagues who came along' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  colleagues?: string[];

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
