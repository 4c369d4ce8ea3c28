import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { nfcTrim } from '@yishi/platform';

export class WithdrawWhistleRequest {
  @ApiProperty({ example: '居民已自行协商解决', maxLength: 500 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}
