import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RATINGS, type Rating } from '@yishi/domain';
import { nfcTrim } from '@yishi/platform';

export class ConfirmDemandRequest {
  @ApiProperty({ enum: RATINGS })
  @IsIn(RATINGS)
  rating!: Rating;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MaxLength(1000)
  comment?: string;
}
