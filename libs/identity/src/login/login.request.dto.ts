import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { nfkcTrim } from '../identity.dto';

export class TokenRequest {
  @ApiProperty({ example: 'shuji', maxLength: 64 })
  @Transform(nfkcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'yishi-demo', maxLength: 256 })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}
