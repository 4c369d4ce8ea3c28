import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MECHANISMS, PARTIES } from '@yishi/domain';
import { nfcTrim } from '../cases.dto';

export class CaseScopeDto {
  @ApiProperty({ example: '金泰和庄', maxLength: 64 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  estate!: string;

  @ApiPropertyOptional({ example: '12号楼', maxLength: 64 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  building?: string;

  @ApiPropertyOptional({ example: '2单元', maxLength: 64 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  entrance?: string;
}

export class OpenCaseRequest {
  @ApiProperty({ enum: MECHANISMS })
  @IsIn(MECHANISMS)
  mechanism!: (typeof MECHANISMS)[number];

  @ApiProperty({ example: '12号楼2单元下水道反复堵塞', maxLength: 100 })
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

  @ApiProperty({ example: '设施维修', maxLength: 32 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  category!: string;

  @ApiProperty({ type: CaseScopeDto })
  @ValidateNested()
  @Type(() => CaseScopeDto)
  scope!: CaseScopeDto;

  @ApiPropertyOptional({
    enum: PARTIES,
    isArray: true,
    description: '邻里会商: the parties the matter concerns, besides the required two',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(PARTIES, { each: true })
  involvedParties?: (typeof PARTIES)[number][];
}

export class OpenCaseResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'gathering' }) stage!: string;
  @ApiProperty({ example: 'open' }) status!: string;
  @ApiProperty() version!: number;
}
