import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateWebhookRequest {
  @ApiProperty({
    example: 'https://hooks.example.cn/yishi',
    maxLength: 2048,
    description: 'https://, or plain http:// to localhost, 127.0.0.1 or [::1] only',
  })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiPropertyOptional({
    minLength: 16,
    maxLength: 256,
    description: 'the HMAC-SHA256 signing secret; generated when omitted',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret?: string;
}
