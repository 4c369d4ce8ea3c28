import { ApiProperty } from '@nestjs/swagger';
import { WebhookView } from '../notifications.dto';

export class WebhookList {
  @ApiProperty({ type: [WebhookView] }) items!: WebhookView[];
}
