import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PARTIES, type Party } from '@yishi/domain';
import { nfcTrim } from '@yishi/cases';

export class ReassignTaskRequest {
  @ApiProperty({ enum: PARTIES, description: 'the new responsible party' })
  @IsIn(PARTIES)
  assigneeParty!: Party;

  @ApiPropertyOptional({ format: 'date-time', description: 'a new due date (in the future)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}
