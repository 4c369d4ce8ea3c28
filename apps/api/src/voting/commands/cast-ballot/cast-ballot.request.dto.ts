import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CHOICES, type Choice } from '@yishi/domain';

export class CastBallotRequest {
  @ApiProperty({ enum: CHOICES, description: '赞成 / 反对 / 弃权' })
  @IsIn(CHOICES)
  choice!: Choice;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the unit voting: required when the caller owns several units in the electorate',
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}
