import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  MATTERS,
  MAX_OPTIONS,
  MIN_OPTIONS,
  VOTING_RULES,
  type Matter,
  type VotingRule,
} from '@yishi/domain';
import { nfcTrim } from '@yishi/platform';
import { PlanOptionRequest } from '../decision.dto';

export class DraftResolutionRequest {
  @ApiProperty({ example: '关于更换12号楼2单元主排水管的决议', maxLength: 200 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ maxLength: 20000, description: 'the full text voted on' })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  text!: string;

  @ApiProperty({
    enum: VOTING_RULES,
    description:
      'simple-majority: for > against among ballots; civil-code-278: Article 278; resident-poll (居民意见征询): one answer per household, tenants included, for > against among answers, turnout reported; council (议事会决定): one answer per party present (signed in at a meeting of this round), passes when every party present answers for',
  })
  @IsIn(VOTING_RULES)
  rule!: VotingRule;

  @ApiPropertyOptional({
    enum: MATTERS,
    default: 'ordinary',
    description: 'major (重大事项) needs civil-code-278',
  })
  @IsOptional()
  @IsIn(MATTERS)
  matter?: Matter;

  @ApiProperty({ format: 'date-time', description: 'voting closes then (in the future, ≤ 1 year)' })
  @IsISO8601({ strict: true })
  closesAt!: string;

  @ApiPropertyOptional({
    type: [PlanOptionRequest],
    minItems: MIN_OPTIONS,
    maxItems: MAX_OPTIONS,
    description:
      "choosing among plans (2 to 10): a ballot's choice is then an option's index (or abstain); the most answers wins, a tie fails; under civil-code-278 each option is tallied under the law",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(MIN_OPTIONS)
  @ArrayMaxSize(MAX_OPTIONS)
  @ValidateNested({ each: true })
  @Type(() => PlanOptionRequest)
  options?: PlanOptionRequest[];
}
