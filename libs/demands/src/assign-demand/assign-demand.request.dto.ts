import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  MaxLength,
} from 'class-validator';
import { MAX_WORKING_DAYS, PARTIES, type Party } from '@yishi/domain';
import { nfcTrim } from '@yishi/platform';

/** At least one of party, userId and gridId (the decider says so in Chinese). */
export class AssignDemandRequest {
  @ApiPropertyOptional({ enum: PARTIES, description: 'the party that handles it (物业 …)' })
  @IsOptional()
  @IsIn(PARTIES)
  party?: Party;

  @ApiPropertyOptional({ format: 'uuid', description: 'a member of the community who handles it' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'another grid of the community' })
  @IsOptional()
  @IsUUID()
  gridId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_WORKING_DAYS,
    description:
      'due this many working days from now; neither this nor dueAt: the current deadline',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_WORKING_DAYS)
  dueInWorkingDays?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'due at this time (not with dueInWorkingDays)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MaxLength(500)
  note?: string;
}
