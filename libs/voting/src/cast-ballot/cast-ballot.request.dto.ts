import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { CHOICES, MAX_OPTIONS, type Choice } from '@yishi/domain';

export class CastBallotRequest {
  @ApiProperty({
    oneOf: [
      { type: 'string', enum: [...CHOICES] },
      { type: 'integer', minimum: 0, maximum: MAX_OPTIONS - 1 },
    ],
    description:
      "赞成 / 反对 / 弃权; choosing among plans: the option's index (0-based) or abstain. Checked against the resolution (400 otherwise)",
  })
  @IsDefined()
  choice!: Choice | number;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'the unit voting: required when the caller owns several units in the electorate, votes as an agent under a proxy, or enters a paper ballot',
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    enum: ['paper'],
    description: 'a building lead entering a paper ballot collected door to door (纸质选票)',
  })
  @IsOptional()
  @IsIn(['paper'])
  channel?: 'paper';

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'with channel "paper": the reference written on the paper sheet',
    example: '12-2-301-0045',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  sheetRef?: string;

  @ApiPropertyOptional({
    maxLength: 64,
    description:
      'with channel "paper": the serial printed on a ballot sheet (POST /resolutions/:id/ballot-sheets); it names the unit (unitId may be left out, and must match if given) and becomes the sheetRef. Entered once: a second entry is 409 SERIAL_ALREADY_ENTERED; a typo 400 SERIAL_INVALID',
    example: 'K7QD-3M9X-T2PW-H8RA',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  serial?: string;
}
