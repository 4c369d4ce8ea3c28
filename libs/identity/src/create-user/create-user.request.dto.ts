import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { nfcTrim, nfkcTrim, USERNAME_PATTERN } from '../identity.dto';

export class CreateUserRequest {
  @ApiProperty({
    description:
      'Letters (any script), digits, _ . @ -; 2 to 64 characters; stored in NFKC (full-width ' +
      'letters become their ASCII forms); unique ignoring case and width',
    example: 'zhangsan',
  })
  @Transform(nfkcTrim)
  @IsString()
  @Matches(USERNAME_PATTERN, { message: '用户名须为 2 到 64 个字母、数字或 _ . @ -' })
  username!: string;

  @ApiProperty({
    minLength: 8,
    maxLength: 256,
    description:
      'At least 8 characters; not containing the username or display name; not a common or ' +
      'easily guessed password (zxcvbn score 2 or more): else 400 VALIDATION_FAILED saying why',
  })
  @IsString()
  @MinLength(8, { message: '密码至少需要 8 个字符' })
  @MaxLength(256, { message: '密码最多 256 个字符' })
  password!: string;

  @ApiProperty({ example: '张三', maxLength: 64 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  displayName!: string;

  @ApiPropertyOptional({ example: '13800138000', maxLength: 32 })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 -]{3,32}$/, { message: '电话号码只能包含数字、空格、- 和开头的 +' })
  phone?: string;
}
