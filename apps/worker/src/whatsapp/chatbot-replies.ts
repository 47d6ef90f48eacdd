import { stableMessageId, type MessageChannel } from '@lunas/messaging';
import { Customer, NotificationLog } from '@lunas/persistence';
import type { DataSource } from 'typeorm';
import type { Chatbot, InboundWhatsapp } from './chatbot';

/**
 * What to do with a customer's WhatsApp message: the chatbot's answer, sent back on the same WhatsApp channel with a
 * message id derived from the inbound one (a redelivered message is answered once) and kept in the message log.
 */
export function answerWithChatbot(dataSource: DataSource, chatbot: Chatbot, channel: () => MessageChannel) {
  return async (tenantId: string, message: InboundWhatsapp): Promise<void> => {
    const reply = await chatbot.handle(tenantId, message);
    if (!reply) return;
    const key = `chatbot:${tenantId}:${message.messageId}`;
    const whatsapp = channel();
    const { providerMessageId } = await whatsapp.send({
      tenantId,
      recipient: { channel: 'whatsapp', address: message.from },
      subject: '',
      body: reply,
      attachments: [],
      messageId: stableMessageId(key),
    });
    const customer = await dataSource.manager.findOneBy(Customer, { tenantId, phone: message.from });
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationLog)
      .values({
        tenantId, customerId: customer?.id ?? null, channel: 'whatsapp', template: 'chatbot_reply', recipient: message.from, idempotencyKey: key,
        status: 'sent', body: reply, adapter: whatsapp.name, messageId: stableMessageId(key), providerMessageId, deliveryStatus: 'sent', sentAt: new Date(),
      })
      .orIgnore()
      .execute();
  };
}
