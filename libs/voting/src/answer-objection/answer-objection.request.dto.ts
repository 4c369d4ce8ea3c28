import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CHOICES } from '@yishi/domain';

export class CorrectionRequest {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({
    oneOf: [
      { type: 'string', enum: [...CHOICES], nullable: true },
      { type: 'integer', minimum: 0 },
    ],
    description:
      "the choice to count for the unit (choosing among plans: an option's index or abstain); null: its ballot is void",
  })
  choice!: string | number | null;
}

/** The correction is checked by the domain (`answerObjection`): its unit must be in the vote. */
export class AnswerObjectionRequest {
  @ApiProperty({ description: 'true: the objection is upheld (成立)' })
  @IsBoolean()
  upheld!: boolean;

  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'the recorded reason (答复理由)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    type: CorrectionRequest,
    nullable: true,
    description: 'an upheld objection may correct one unit’s ballot',
  })
  @IsOptional()
  @IsObject()
  correction?: unknown;
}
