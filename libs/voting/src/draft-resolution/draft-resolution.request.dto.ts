import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MATTERS, VOTING_RULES, type Matter, type VotingRule } from '@yishi/domain';
import { nfcTrim } from '@yishi/cases';

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
    description: 'simple-majority: for > against among ballots; civil-code-278: Article 278',
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
}
