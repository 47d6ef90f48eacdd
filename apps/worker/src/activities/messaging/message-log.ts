import type { Recipient } from '@lunas/messaging';
import type { NotificationLog } from '@lunas/persistence';
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
  // Plain SQL: a row per notice and receipt, without the insert builder's per-call work on the worker (bench/billing).
  const inserted: unknown[] = await manager.query(
    `INSERT INTO notification_log (tenant_id, subscription_id, customer_id, invoice_id, channel, template, recipient,
                                   idempotency_key, status, category, body, adapter, message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      notification.tenantId, notification.subscriptionId ?? null, notification.customerId, notification.invoiceId ?? null, recipient.channel,
      notification.template, recipient.address, row.idempotencyKey, row.status, row.category, row.body, row.adapter ?? null, row.messageId ?? null,
    ],
  );
  return inserted.length > 0;
}
