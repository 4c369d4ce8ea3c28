import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { RATINGS, type Rating } from '@yishi/domain';
import { nfcTrim } from '@yishi/cases';

export class EvaluateRequest {
  @ApiProperty({ enum: RATINGS, description: '满意 / 基本满意 / 不满意' })
  @IsIn(RATINGS)
  rating!: Rating;

  @ApiPropertyOptional({ example: '管道通了，心也通了', maxLength: 2000 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "the unit evaluated: one of the caller's in the case's scope; required if several",
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}
