import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordRequest {
  @ApiProperty({ maxLength: 256 })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword!: string;

  @ApiProperty({
    minLength: 8,
    maxLength: 256,
    description: "The same rules as a new account's password, and not the current one",
  })
  @IsString()
  @MinLength(8, { message: '密码至少需要 8 个字符' })
  @MaxLength(256, { message: '密码最多 256 个字符' })
  newPassword!: string;
}
