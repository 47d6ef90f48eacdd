import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { WebhookInboxProcessor } from './webhook-inbox.processor';
import { WebhookIntakeService } from './webhook-intake.service';
import { DEFAULT_WEBHOOK_RATE_LIMIT, WEBHOOK_RATE_LIMIT } from './webhook-route';

/**
 * The transactional inbox of gateway notifications and its booking processor. Its route, `POST /webhooks/:gateway`,
 * is served on the HTTP server ahead of Express and Nest by `mountWebhookRoute` (bootstrap).
 */
@Module({
  imports: [PaymentsModule],
  providers: [WebhookIntakeService, WebhookInboxProcessor, { provide: WEBHOOK_RATE_LIMIT, useValue: DEFAULT_WEBHOOK_RATE_LIMIT }],
})
export class WebhooksModule {}
