import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { nfcTrim } from '../cases.dto';

export class PostOpinionRequest {
  @ApiProperty({ maxLength: 5000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  content!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the opinion this answers (threaded)' })
  @IsOptional()
  @IsUUID()
  replyTo?: string;
}
