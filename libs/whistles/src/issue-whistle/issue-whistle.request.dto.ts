import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { nfcTrim } from '@yishi/platform';

/** 录入: the matter, the departments of the street it goes to, and where it came from. */
export class IssueWhistleRequest {
  @ApiProperty({ example: '金泰和庄12号楼旁违章搭建', maxLength: 100 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  subject!: string;

  @ApiProperty({ example: '居民多次反映，社区劝导无果，需城管、住建到场处置', maxLength: 2000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ type: [String], description: "departments of the community's street" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  departmentIds!: string[];

  @ApiPropertyOptional({ format: 'uuid', description: "a demand of the community's ledger" })
  @IsOptional()
  @IsUUID()
  demandId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'a case of the community' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ type: 'number', minimum: 0.5, maximum: 80, default: 2 })
  @IsOptional()
  @IsNumber()
  @Min(0.5)
  @Max(80)
  acceptWithinWorkingHours?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 60, default: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  resolveWithinWorkingDays?: number;

  @ApiPropertyOptional({
    default: true,
    description: 'false: the departments may answer without a site visit (报到)',
  })
  @IsOptional()
  @IsBoolean()
  onSite?: boolean;
}
