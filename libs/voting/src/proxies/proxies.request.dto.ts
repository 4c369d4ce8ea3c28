import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class RegisterProxyRequest {
  @ApiProperty({ format: 'uuid', description: 'one of your units' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ format: 'uuid', description: 'the agent (受托人): a member of the community' })
  @IsUUID()
  agentId!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'unset: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiProperty({ format: 'date-time', description: 'after validFrom, at most one year later' })
  @IsISO8601({ strict: true })
  validUntil!: string;

  @ApiProperty({
    maxLength: 2000,
    description: 'http(s) URL of the scan of the signed proxy (委托书)',
    example: 'https://files.example.cn/proxies/12-2-301.pdf',
  })
  @IsString()
  @MaxLength(2000)
  scanUrl!: string;
}

export class ProxiesQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "only this unit's proxies" })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}
