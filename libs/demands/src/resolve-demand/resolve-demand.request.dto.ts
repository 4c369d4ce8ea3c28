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
import { MAX_PHOTOS } from '../submit-demand/submit-demand.request.dto';

export class ResolveDemandRequest {
  @ApiProperty({ example: '已更换路灯灯泡，夜间照明恢复', maxLength: 2000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note!: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_PHOTOS,
    description: 'ids of your own photos uploaded to this community and not yet used',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PHOTOS)
  @IsUUID('all', { each: true })
  photoIds?: string[];
}
