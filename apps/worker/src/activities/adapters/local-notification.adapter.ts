import { NotificationLog } from '@lunas/persistence';
import type { DataSource } from 'typeorm';
import { renderCustomerMessage } from '../messaging/customer-message';
import type { NotificationPort, OutgoingNotification } from '../ports/notification.port';

/**
 * Stand-in when no channel is configured (no `SMTP_URL`, no WhatsApp sandbox, outside production): records each
 * message for its first channel in `notification_log` as `simulated` (adapter `local-notification`, rendered body)
 * and delivers nothing. The UNIQUE idempotency key makes a retry, a duplicate or a concurrent call a no-op.
 */
export class LocalNotificationAdapter implements NotificationPort {
  readonly name = 'local-notification';

  constructor(private readonly dataSource: DataSource) {}

  async send(notification: OutgoingNotification): Promise<'simulated' | 'duplicate'> {
    const [recipient] = notification.recipients;
    const { body, category } = await renderCustomerMessage(this.dataSource.manager, notification);
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationLog)
      .values({
        tenantId: notification.tenantId,
        subscriptionId: notification.subscriptionId,
        customerId: notification.customerId,
        invoiceId: notification.invoiceId ?? null,
        channel: recipient.channel,
        template: notification.template,
        recipient: recipient.address,
        idempotencyKey: notification.idempotencyKey,
        status: 'simulated',
        adapter: this.name,
        category,
        body,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0 ? 'simulated' : 'duplicate';
  }
}
