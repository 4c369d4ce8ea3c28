import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { nfcTrim } from '@yishi/platform';

export class DraftAgreementRequest {
  @ApiProperty({
    maxLength: 10000,
    example: '401 室于 12 月 20 日前修复卫生间防水层，并赔偿 301 室吊顶维修费 2000 元。',
    description: 'the agreement (调解协议) as the sides will read and sign it',
  })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1, { message: '调解协议内容不能为空' })
  @MaxLength(10000, { message: '调解协议内容不能超过 10000 字' })
  text!: string;
}

export class DraftAgreementResponse {
  @ApiProperty({ type: 'integer', description: 'the draft number: sign it with this number' })
  draft!: number;
  @ApiProperty({ description: 'the case version after this write' }) version!: number;
}
