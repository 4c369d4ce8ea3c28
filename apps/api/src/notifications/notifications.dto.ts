import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PARTIES, STAGES } from '@yishi/domain';
import { NOTIFICATION_KINDS } from '@yishi/messaging';
import { PageQuery } from '@yishi/registry';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only notifications not read yet' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;
}

export class NotificationItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) caseId!: string | null;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ enum: PARTIES, nullable: true }) party!: string | null;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: string;
  @ApiProperty({ enum: STAGES, nullable: true }) stage!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'the resolution of a vote notification: voting-opened (owners, building leads), voting-opened-notice (parties, information only), vote-reminder, vote-published; null otherwise',
  })
  resolutionId!: string | null;
  @ApiProperty({ example: '案件进入「分析研判」阶段' }) title!: string;
  @ApiProperty({
    example:
      '【议事】案件《12号楼2单元下水道反复堵塞》进入「分析研判」阶段，请于2026年3月5日 18:00前签收。',
  })
  body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationItem] }) items!: NotificationItem[];
  @ApiProperty() total!: number;
}

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

export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty() url!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreatedWebhookView extends WebhookView {
  @ApiProperty({
    description:
      'the signing secret: shown only in this response. Verify X-Yishi-Signature (t=<unix>,v1=<hex HMAC-SHA256 of "t.body">) with it',
  })
  secret!: string;
}

export class WebhookList {
  @ApiProperty({ type: [WebhookView] }) items!: WebhookView[];
}

export class DeadLetterQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "only this community's" })
  @IsOptional()
  @IsUUID()
  communityId?: string;
}

export class DeadLetterItem {
  @ApiProperty({ format: 'uuid', description: 'the delivery (X-Yishi-Event-Id)' }) id!: string;
  @ApiProperty({ format: 'uuid' }) webhookId!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ format: 'uuid' }) sourceEventId!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: string;
  @ApiProperty({ enum: PARTIES }) party!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the body that was posted (without its id)',
  })
  payload!: Record<string, unknown>;
  @ApiProperty() attempts!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'HTTP status of the last answer',
  })
  lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) deadAt!: string;
}

export class DeadLetterPage {
  @ApiProperty({ type: [DeadLetterItem] }) items!: DeadLetterItem[];
  @ApiProperty() total!: number;
}
