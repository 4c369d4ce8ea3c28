import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PARTIES, type Party } from '@yishi/domain';
import { nfcTrim } from '../cases.dto';

export class AnalysisOptionDto {
  @ApiProperty({ example: '更换主排水管', maxLength: 100 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  title!: string;

  @ApiProperty({ maxLength: 5000 })
  @Transform(nfcTrim)
  @IsString()
  @MaxLength(5000)
  description!: string;
}

export class RecordAnalysisRequest {
  @ApiProperty({ maxLength: 5000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  summary!: string;

  @ApiProperty({ enum: PARTIES, description: '牵头方' })
  @IsIn(PARTIES)
  leadParty!: Party;

  @ApiPropertyOptional({ maxLength: 5000, description: '现场勘查' })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MaxLength(5000)
  siteSurvey?: string;

  @ApiProperty({ type: [AnalysisOptionDto], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AnalysisOptionDto)
  options!: AnalysisOptionDto[];
}
