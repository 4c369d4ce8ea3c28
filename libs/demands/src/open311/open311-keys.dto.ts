import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { nfcTrim } from '@yishi/platform';

export class IssueOpen311KeyRequest {
  @ApiProperty({
    example: '市民随手拍小程序',
    maxLength: 64,
    description: 'what the key is for (the 311 app), to recognise it by',
  })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name!: string;
}

export class Open311KeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '市民随手拍小程序' }) name!: string;
  @ApiProperty({ example: 'ys311_AbCd', description: "the key's first characters" })
  keyPrefix!: string;
  @ApiProperty({ format: 'uuid', description: 'the secretary who issued it' }) issuedBy!: string;
  @ApiProperty({ example: '王书记' }) issuedByName!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) revokedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: string | null;
}

export class IssuedOpen311KeyView extends Open311KeyView {
  @ApiProperty({
    example: 'ys311_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg',
    description:
      'the api_key: shown only in this answer (only its SHA-256 is kept). POST /open311/v2/requests.(json|xml) needs it; it acts for the secretary who issued it',
  })
  key!: string;
}

export class Open311KeyList {
  @ApiProperty({ type: [Open311KeyView] }) items!: Open311KeyView[];
}
