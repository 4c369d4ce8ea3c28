import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { RATINGS, type Rating } from '@yishi/domain';
import { nfcTrim } from '@yishi/platform';

/** 评价 (一哨一评): of one department's answer, or of every answered track. */
export class RateWhistleRequest {
  @ApiProperty({ enum: RATINGS })
  @IsIn(RATINGS)
  rating!: Rating;

  @ApiPropertyOptional({ maxLength: 500, description: 'required when dissatisfied (the reason)' })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  comment?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the department whose answer is rated; without it, every answered track',
  })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}
