import { ChannelUnavailableError, stableMessageId, type MessageAttachment, type MessageChannel, type Recipient } from '@lunas/messaging';
import { NotificationLog } from '@lunas/persistence';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { renderCustomerMessage } from '../messaging/customer-message';
import { logMessage } from '../messaging/message-log';
import type { NotificationPort, OutgoingNotification } from '../ports/notification.port';

/** The invoice or receipt PDF of an invoice, attached to emails. */
export type InvoicePdfSource = (manager: EntityManager, tenantId: string, invoiceId: string) => Promise<MessageAttachment | undefined>;

/**
 * Delivers customer messages on the real channels: the first recipient whose channel can deliver (WhatsApp, then
 * email as the fallback, the PDF attached), one `notification_log` row per channel keyed `<key>:<channel>`.
 *
 * Exactly once per channel, also when the worker dies mid-send: the key is locked (a PostgreSQL advisory lock held
 * by the transaction that sends and records), a channel already `sent` makes any later call a `duplicate`, and a
 * resend after a crash between the provider's acceptance and the commit carries the same message id (email
 * `Message-ID`, WhatsApp message id), which the receiving side drops as a repeat.
 */
export class MessagingNotificationAdapter implements NotificationPort {
  readonly name = 'messaging';

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: MessageChannel[],
    private readonly invoicePdf: InvoicePdfSource,
  ) {}

  async send(notification: OutgoingNotification): Promise<'sent' | 'duplicate' | 'failed'> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [notification.idempotencyKey]);
      const keys = notification.recipients.map((recipient) => channelKey(notification, recipient));
      if (await manager.existsBy(NotificationLog, { idempotencyKey: In(keys), status: 'sent' })) return 'duplicate';
      const message = renderCustomerMessage(notification);
      for (const recipient of notification.recipients) {
        const key = channelKey(notification, recipient);
        const channel = this.channels.find((candidate) => candidate.channel === recipient.channel);
        const { messageId } = await this.claim(manager, notification, recipient, key, message);
        try {
          if (!channel) throw new ChannelUnavailableError(recipient.channel === 'whatsapp' ? 'WhatsApp belum terhubung' : 'Email belum diatur');
          const attachments = recipient.channel === 'email' && notification.invoiceId ? await this.attachmentsOf(manager, notification) : [];
          const { providerMessageId } = await channel.send({
            tenantId: notification.tenantId,
            recipient,
            subject: message.subject,
            body: message.body,
            attachments,
            messageId,
          });
          await manager.update(NotificationLog, { idempotencyKey: key }, { status: 'sent', adapter: channel.name, providerMessageId, deliveryStatus: 'sent', sentAt: new Date(), error: null });
          return 'sent';
        } catch (error) {
          if (!(error instanceof ChannelUnavailableError)) throw error;
          await manager.update(NotificationLog, { idempotencyKey: key }, { status: 'failed', adapter: channel?.name ?? null, error: error.message });
        }
      }
      return 'failed';
    });
  }

  private async claim(
    manager: EntityManager,
    notification: OutgoingNotification,
    recipient: Recipient,
    key: string,
    message: { body: string; category: 'billing' | 'broadcast' },
  ): Promise<{ messageId: string }> {
    const messageId = stableMessageId(key);
    await logMessage(manager, notification, recipient, { idempotencyKey: key, status: 'pending', category: message.category, body: message.body, messageId });
    return { messageId };
  }

  private async attachmentsOf(manager: EntityManager, notification: OutgoingNotification): Promise<MessageAttachment[]> {
    const pdf = await this.invoicePdf(manager, notification.tenantId, notification.invoiceId as string);
    return pdf ? [pdf] : [];
  }
}

function channelKey(notification: OutgoingNotification, recipient: Recipient): string {
  return `${notification.idempotencyKey}:${recipient.channel}`;
}
