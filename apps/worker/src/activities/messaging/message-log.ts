import type { Recipient } from '@lunas/messaging';
import { NotificationLog } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';
import type { OutgoingNotification } from '../ports/notification.port';

/**
 * Adds the message-log row of a notification on one channel, unless its idempotency key is logged already; true when
 * this call added it.
 */
export async function logMessage(
  manager: EntityManager,
  notification: OutgoingNotification,
  recipient: Recipient,
  row: Pick<NotificationLog, 'idempotencyKey' | 'status' | 'category' | 'body'> & Partial<Pick<NotificationLog, 'adapter' | 'messageId'>>,
): Promise<boolean> {
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(NotificationLog)
    .values({
      tenantId: notification.tenantId,
      subscriptionId: notification.subscriptionId ?? null,
      customerId: notification.customerId,
      invoiceId: notification.invoiceId ?? null,
      channel: recipient.channel,
      template: notification.template,
      recipient: recipient.address,
      ...row,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  return (inserted.raw as unknown[]).length > 0;
}
