import { NotificationLog } from '@lunas/persistence';
import type { DataSource } from 'typeorm';
import type { NotificationPort, OutgoingNotification } from '../ports/notification.port';
import { renderNotification } from './notification-texts';

/**
 * Stand-in until the WhatsApp and email adapters land: records each message in `notification_log` as `simulated`
 * (adapter `local-notification`, rendered body) and delivers nothing. The UNIQUE idempotency key makes a retry, a
 * duplicate or a concurrent call a no-op: exactly one row per key, whatever the worker crashes.
 */
export class LocalNotificationAdapter implements NotificationPort {
  readonly name = 'local-notification';

  constructor(private readonly dataSource: DataSource) {}

  async send(notification: OutgoingNotification): Promise<'simulated' | 'duplicate'> {
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
        status: 'simulated',
        adapter: this.name,
        body: renderNotification(notification.template, notification.vars),
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0 ? 'simulated' : 'duplicate';
  }
}
