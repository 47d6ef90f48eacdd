import type { DeliveryUpdate } from '@lunas/messaging';
import type { EntityManager } from 'typeorm';

/**
 * Records a WhatsApp receipt on the message log row with that provider message id. Receipts may arrive out of
 * order, so the status never steps back (read > delivered > sent); `failed` only replaces `sent`.
 */
export async function recordDelivery(manager: EntityManager, tenantId: string, providerMessageId: string, status: DeliveryUpdate): Promise<void> {
  await manager.query(
    `UPDATE notification_log SET delivery_status = $3::text,
            delivered_at = CASE WHEN $3::text IN ('delivered', 'read') THEN coalesce(delivered_at, now()) ELSE delivered_at END,
            read_at = CASE WHEN $3::text = 'read' THEN coalesce(read_at, now()) ELSE read_at END
      WHERE tenant_id = $1 AND provider_message_id = $2
        AND CASE WHEN $3::text = 'failed' THEN coalesce(delivery_status, 'sent') = 'sent'
                 ELSE coalesce(array_position(ARRAY['sent', 'delivered', 'read'], delivery_status::text), 0) < array_position(ARRAY['sent', 'delivered', 'read'], $3::text) END`,
    [tenantId, providerMessageId, status],
  );
}
