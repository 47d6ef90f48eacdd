import { NotificationLog } from '@lunas/persistence';
import type { DataSource } from 'typeorm';
import type { NotificationPort, OutgoingNotification } from '../ports/notification.port';
import { renderNotification } from './notification-texts';

/**
 * Records each message in `notification_log` (status `sent`, rendered body) instead of delivering it, until the
 * WhatsApp and email adapters land. The UNIQUE idempotency key makes a retry, a duplicate or a concurrent call
 * a no-op: exactly one row per key, whatever the worker crashes.
 */
export class LocalNotificationAdapter implements NotificationPort {
  constructor(private readonly dataSource: DataSource) {}

  async send(notification: OutgoingNotification): Promise<'sent' | 'duplicate'> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationLog)
      .values({
        tenantId: notification.tenantId,
        subscriptionId: notification.subscriptionId,
        customerId: notification.customerId,
        invoiceId: notification.invoiceId ?? null,
        channel: notification.recipient.channel,
        template: notification.template,
        recipient: notification.recipient.address,
        idempotencyKey: notification.idempotencyKey,
        status: 'sent',
        body: renderNotification(notification.template, notification.vars),
        sentAt: () => 'now()',
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0 ? 'sent' : 'duplicate';
  }
}
