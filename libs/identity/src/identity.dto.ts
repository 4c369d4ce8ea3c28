import { ApiProperty } from '@nestjs/swagger';

/** NFC and trimmed: display names as typed, composed. */
export const nfcTrim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.normalize('NFC').trim() : value;
/** Usernames in NFKC: full-width ｓｅｃＢ is secB, on registering and on logging in. */
export const nfkcTrim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.normalize('NFKC').trim() : value;

export const USERNAME_PATTERN = /^[\p{L}\p{N}_.@-]{2,64}$/u;

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

export class UserStatusResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ description: 'A disabled account cannot log in and holds no valid token' })
  disabled!: boolean;
}
