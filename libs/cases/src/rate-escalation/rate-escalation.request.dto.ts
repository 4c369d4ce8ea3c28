import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { RATINGS, type Rating } from '@yishi/domain';
import { nfcTrim } from '../cases.dto';

export class RateEscalationRequest {
  @ApiProperty({ enum: RATINGS, description: 'how the escalated party answered (一哨一评)' })
  @IsIn(RATINGS)
  rating!: Rating;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  comment?: string;
}
