import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { WebhookInboxProcessor } from './webhook-inbox.processor';
import { WebhookIntakeService } from './webhook-intake.service';
import { WebhooksController } from './webhooks.controller';

/** `POST /webhooks/:gateway`: the transactional inbox of gateway notifications and its booking processor. */
@Module({
  imports: [PaymentsModule],
  controllers: [WebhooksController],
  providers: [WebhookIntakeService, WebhookInboxProcessor],
})
export class WebhooksModule {}
