import { ApiProperty } from '@nestjs/swagger';
import { NotificationItem } from '../notifications.dto';

export class NotificationPage {
  @ApiProperty({ type: [NotificationItem] }) items!: NotificationItem[];
  @ApiProperty() total!: number;
}
