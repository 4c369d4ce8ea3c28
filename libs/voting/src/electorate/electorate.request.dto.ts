import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class LeadBuildingInput {
  @ApiProperty({ example: '金泰和庄' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  estate!: string;

  @ApiProperty({ example: '12号楼' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  building!: string;
}

export class SetLeadBuildingsRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'a member holding the building-lead or grid-worker role',
  })
  @IsUUID()
  userId!: string;

  @ApiProperty({ type: [LeadBuildingInput], description: 'replaces the previous list' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => LeadBuildingInput)
  buildings!: LeadBuildingInput[];
}

export class DeveloperUnsoldRequest {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20000)
  @IsUUID('all', { each: true })
  unitIds!: string[];

  @ApiProperty({ description: 'true: unsold (the developer owns them); false: clear the mark' })
  @IsBoolean()
  unsold!: boolean;
}
