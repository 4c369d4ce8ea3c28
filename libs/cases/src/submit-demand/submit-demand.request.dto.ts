import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DEMAND_SOURCES } from '@yishi/domain';
import { nfcTrim } from '../cases.dto';

export class SubmitDemandRequest {
  @ApiProperty({ example: '下水道又堵了，一楼返水', maxLength: 2000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  content!: string;

  @ApiProperty({ enum: DEMAND_SOURCES })
  @IsIn(DEMAND_SOURCES)
  source!: (typeof DEMAND_SOURCES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: "the unit concerned (a resident's own)" })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}
