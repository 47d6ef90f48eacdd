import type { OutgoingMessage, SandboxWhatsappChannel, SandboxWhatsappEvent } from '@lunas/messaging';
import { NotificationLog } from '@lunas/persistence';
import type { TestDatabase } from '@lunas/persistence/testing';
import { billingDatabase, PUBLIC_BASE_URL, subscriber } from '../../test/support/billing-database';
import { Chatbot } from './chatbot';
import { answerWithChatbot } from './chatbot-replies';
import { SandboxEventsRelay } from './sandbox-events-relay';

// Real PostgreSQL; the WhatsApp sandbox's feed is given as the events it answers.
describe(SandboxEventsRelay.name, () => {
  let db: TestDatabase;
  beforeAll(async () => ({ db } = await billingDatabase()));
  afterAll(() => db.destroy());

  it('records receipts on the message log and answers each customer message once through the chatbot', async () => {
    const f = await subscriber(db);
    const tenantId = f.tenant.id;
    await db.dataSource.manager.insert(NotificationLog, { tenantId, channel: 'whatsapp', template: 'invoice_issued', recipient: '6281234567890', idempotencyKey: 'k:whatsapp', status: 'sent', providerMessageId: 'OUT1', deliveryStatus: 'sent' });
    const feed: SandboxWhatsappEvent[] = [
      { seq: 1, type: 'receipt', tenantId, messageId: 'OUT1', status: 'delivered' },
      { seq: 2, type: 'inbound', tenantId, from: '6281234567890', messageId: 'IN1', text: 'status' },
      { seq: 3, type: 'receipt', tenantId, messageId: 'OUT1', status: 'read' },
    ];
    const sent: OutgoingMessage[] = [];
    const channel = {
      name: 'whatsapp-sandbox', channel: 'whatsapp' as const,
      events: async (after: number) => feed.filter((event) => event.seq > after),
      send: async (message: OutgoingMessage) => (sent.push(message), { providerMessageId: message.messageId }),
    } as unknown as SandboxWhatsappChannel;
    const relay = new SandboxEventsRelay(channel, db.dataSource, answerWithChatbot(db.dataSource, new Chatbot(db.dataSource, PUBLIC_BASE_URL), () => channel));

    await relay.poll();
    await relay.poll();
    expect(sent.map((message) => [message.recipient.address, message.body])).toEqual([['6281234567890', 'Layanan WiFi Anda *aktif*. Terima kasih 🙏']]);
    expect(await db.dataSource.manager.findOneByOrFail(NotificationLog, { idempotencyKey: 'k:whatsapp' })).toMatchObject({ deliveryStatus: 'read', deliveredAt: expect.any(Date), readAt: expect.any(Date) });
    expect(await db.dataSource.manager.findOneByOrFail(NotificationLog, { template: 'chatbot_reply', tenantId })).toMatchObject({ customerId: f.customer.id, status: 'sent', adapter: 'whatsapp-sandbox', body: 'Layanan WiFi Anda *aktif*. Terima kasih 🙏' });
  });
});
