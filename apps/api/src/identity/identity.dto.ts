import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PARTIES, ROLES } from '@yishi/domain';

const nfcTrim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.normalize('NFC').trim() : value;
/** Usernames in NFKC: full-width ｓｅｃＢ is secB, on registering and on logging in. */
const nfkcTrim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.normalize('NFKC').trim() : value;

export const USERNAME_PATTERN = /^[\p{L}\p{N}_.@-]{2,64}$/u;

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

export class UserSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
}

export class TokenResponse {
  @ApiProperty({ description: 'Send as Authorization: Bearer <accessToken>' })
  accessToken!: string;
  @ApiProperty({ description: 'Seconds until the token expires', example: 28800 })
  expiresIn!: number;
  @ApiProperty({ type: UserSummary }) user!: UserSummary;
}

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

export class MembershipView {
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty() communityName!: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['party-member'] }) roles!: string[];
  @ApiProperty({ enum: PARTIES, nullable: true, example: 'property-company' }) party!:
    string | null;
  @ApiProperty({ type: [String] }) unitIds!: string[];
}

export class ClientLimits {
  @ApiProperty({
    type: 'integer',
    example: 10_485_760,
    description:
      'the largest upload (task evidence, binding documents) in bytes: EVIDENCE_MAX_BYTES; the app refuses a larger file before sending it',
  })
  uploadMaxBytes!: number;
}

export class MeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ description: 'The platform admin' }) admin!: boolean;
  @ApiProperty({ type: [MembershipView] }) memberships!: MembershipView[];
  @ApiProperty({ type: ClientLimits, description: 'the platform limits a client checks first' })
  limits!: ClientLimits;
}

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

export class UserStatusResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ description: 'A disabled account cannot log in and holds no valid token' })
  disabled!: boolean;
}
