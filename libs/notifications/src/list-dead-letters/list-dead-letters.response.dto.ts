import { ApiProperty } from '@nestjs/swagger';
import { PARTIES } from '@yishi/domain';
import { NOTIFICATION_KINDS } from '@yishi/messaging';

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
