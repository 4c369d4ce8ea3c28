import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CHOICES, MAX_OPTION_TITLE } from '@yishi/domain';
import { nfcTrim } from '@yishi/platform';

/* The views and requests of the decision kinds (poll, council, choosing among plans). */

export class PlanOptionRequest {
  @ApiProperty({ example: '方案一：更换主排水管', minLength: 1, maxLength: MAX_OPTION_TITLE })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_OPTION_TITLE)
  title!: string;
}

export class PlanOptionView {
  @ApiProperty() title!: string;
}

export class OptionLawView {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "the option's approving count (units, owners, area, areaHundredths)",
  })
  for!: object;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "the option's thresholds under Art. 278 (participation shared)",
  })
  thresholds!: object;
  @ApiProperty() passed!: boolean;
}

export class OptionResultView {
  @ApiProperty({ type: 'integer', description: 'the index a ballot names' }) index!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'integer', description: 'answers (households, parties, units) for it' })
  answers!: number;
  @ApiPropertyOptional({ type: OptionLawView, description: 'civil-code-278 only' })
  law?: OptionLawView;
}

export class TurnoutView {
  @ApiProperty({ type: 'integer' }) answers!: number;
  @ApiProperty({ type: 'integer' }) households!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '75.00',
    description: 'answers ÷ households; never a quorum',
  })
  percent!: string | null;
}

export class CouncilPartyView {
  @ApiProperty() party!: string;
  @ApiProperty({ type: [String], description: 'its signed-in attendees, frozen at the draft' })
  attendees!: string[];
  @ApiProperty({ type: String, enum: CHOICES, nullable: true }) choice!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) option!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'the attendee who answered' })
  answeredBy!: string | null;
}

export class AgreedView {
  @ApiProperty() party!: string;
  @ApiProperty() userId!: string;
}
