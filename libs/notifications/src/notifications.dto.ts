import { ApiProperty } from '@nestjs/swagger';
import { PARTIES, STAGES } from '@yishi/domain';
import { NOTIFICATION_KINDS } from '@yishi/messaging';

/** One inbox row, as GET /me/notifications, POST …/read and the event stream return it. */
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
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'the demand of a ledger notice (demand-reminder, demand-overdue …); null otherwise',
  })
  demandId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'the whistle of a whistle notice (whistle-issued, whistle-answered …); null otherwise',
  })
  whistleId!: string | null;
  @ApiProperty({ example: '案件进入「分析研判」阶段' }) title!: string;
  @ApiProperty({
    example:
      '【议事】案件《12号楼2单元下水道反复堵塞》进入「分析研判」阶段，请于2026年3月5日 18:00前签收。',
  })
  body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

/** A community's webhook, never its secret. */
export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty() url!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
