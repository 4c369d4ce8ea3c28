import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { nfcTrim } from '@yishi/platform';

export class RefuseDemandRequest {
  @ApiProperty({ example: '商品房室内装修纠纷，不在本网格准入清单内', maxLength: 500 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}
