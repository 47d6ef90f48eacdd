import type { DataSource } from 'typeorm';
import { renderCustomerMessage } from '../messaging/customer-message';
import { logMessage } from '../messaging/message-log';
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
    const { body, category } = renderCustomerMessage(notification);
    const added = await logMessage(this.dataSource.manager, notification, recipient, {
      idempotencyKey: notification.idempotencyKey,
      status: 'simulated',
      adapter: this.name,
      category,
      body,
    });
    return added ? 'simulated' : 'duplicate';
  }
}
