import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { WebhookIntakeService } from './webhook-intake.service';
import { WebhooksController } from './webhooks.controller';

/** `POST /webhooks/:gateway`: the transactional inbox of gateway notifications. */
@Module({
  imports: [PaymentsModule],
  controllers: [WebhooksController],
  providers: [WebhookIntakeService],
})
export class WebhooksModule {}
