import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PARTIES, type Party } from '@yishi/domain';
import { nfcTrim } from '../../case.dto';

export class AssignTaskRequest {
  @ApiProperty({ example: '更换12号楼2单元主排水管', maxLength: 200 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ enum: PARTIES, description: 'the responsible party (责任方)' })
  @IsIn(PARTIES)
  assigneeParty!: Party;

  @ApiProperty({ format: 'date-time', description: 'due date; must be in the future' })
  @IsISO8601({ strict: true })
  dueAt!: string;
}
