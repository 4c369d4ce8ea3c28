import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { nfcTrim } from '@yishi/platform';

export class WithdrawDemandRequest {
  @ApiPropertyOptional({ example: '问题已自行解决', maxLength: 500 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}
