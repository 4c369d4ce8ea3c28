import { ApiProperty } from '@nestjs/swagger';
import { WebhookView } from '../notifications.dto';

export class CreatedWebhookView extends WebhookView {
  @ApiProperty({
    description:
      'the signing secret: shown only in this response. Verify X-Yishi-Signature (t=<unix>,v1=<hex HMAC-SHA256 of "t.body">) with it',
  })
  secret!: string;
}
