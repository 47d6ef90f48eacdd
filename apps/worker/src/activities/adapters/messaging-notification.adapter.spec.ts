import type { BillingActivities } from '@lunas/contracts';
import { ChannelUnavailableError, DEFAULT_TEMPLATES, SmtpEmailChannel, smtpSettingsFromUrl, type MessageChannel, type OutgoingMessage } from '@lunas/messaging';
import { PdfRenderer } from '@lunas/documents';
import { NotificationLog } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { SmtpInbox } from '@lunas/testing';
import { billingDatabase, issueInput, PUBLIC_BASE_URL, subscriber } from '../../../test/support/billing-database';
import { invoicePdfSource } from '../messaging/invoice-pdf';
import type { OutgoingNotification } from '../ports/notification.port';
import { MessagingNotificationAdapter } from './messaging-notification.adapter';

const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;

/** A WhatsApp channel that is not paired (every send unavailable) or delivers into `sent`. */
class FakeWhatsapp implements MessageChannel {
  readonly name = 'whatsapp-fake';
  readonly channel = 'whatsapp' as const;
  paired = false;
  readonly sent: OutgoingMessage[] = [];
  async send(message: OutgoingMessage) {
    if (!this.paired) throw new ChannelUnavailableError('WhatsApp perlu scan ulang');
    this.sent.push(message);
    return { providerMessageId: message.messageId };
  }
}

// Real PostgreSQL (migrated), a real SMTP server on loopback (mailparser reads what arrives) and real Chromium for the PDF.
describe(MessagingNotificationAdapter.name, () => {
  let db: TestDatabase;
  let activities: BillingActivities;
  const inbox = new SmtpInbox();
  const renderer = new PdfRenderer();
  let email: SmtpEmailChannel;
  const whatsapp = new FakeWhatsapp();
  let adapter: MessagingNotificationAdapter;

  beforeAll(async () => {
    ({ db, activities } = await billingDatabase());
    const { url } = await inbox.start();
    email = new SmtpEmailChannel(async () => smtpSettingsFromUrl(url, '"WiFi Sukamaju" <tagihan@sukamaju.test>'));
    adapter = new MessagingNotificationAdapter(db.dataSource, [whatsapp, email], invoicePdfSource(renderer, PUBLIC_BASE_URL));
  });
  afterAll(async () => {
    email.close();
    await renderer.close();
    await inbox.stop();
    await db.destroy();
  });

  const notification = async (f: SubscriptionFixture, overrides: Partial<OutgoingNotification> = {}): Promise<OutgoingNotification> => ({
    tenantId: f.tenant.id,
    subscriptionId: f.subscription.id,
    customerId: f.customer.id,
    template: 'invoice_issued',
    variants: DEFAULT_TEMPLATES.invoice_issued,
    recipients: [{ channel: 'whatsapp', address: '6281234567890' }, { channel: 'email', address: `${f.customer.id}@example.test` }],
    vars: { namaPelanggan: 'Ahmad Fauzi', namaUsaha: 'WiFi Sukamaju', nomorTagihan: 'INV-1', periode: '2026-03', jatuhTempo: '2026-02-05', sisaTagihan: 111_000, linkBayar: 'https://lunas.test/bayar/x' },
    idempotencyKey: `${f.subscription.id}:2026-03:invoice_issued`,
    ...overrides,
  });
  const mailsTo = (f: SubscriptionFixture) => inbox.mails.filter((mail) => mail.to === `${f.customer.id}@example.test`);
  const logOf = (f: SubscriptionFixture) => db.dataSource.manager.find(NotificationLog, { where: { subscriptionId: f.subscription.id }, order: { channel: 'DESC' } });

  describe('send', () => {
    it('falls back to email with the invoice PDF when WhatsApp is not paired, and logs both channels', async () => {
      const f = await subscriber(db);
      const issued = await activities.issueInvoice(issueInput(f));
      expect(await adapter.send(await notification(f, { invoiceId: issued.invoiceId }))).toBe('sent');
      const [mail] = mailsTo(f);
      expect(mail.subject).toBe('Tagihan baru INV-1 – WiFi Sukamaju');
      expect(mail.text).toContain('Ahmad Fauzi');
      expect(mail.text).not.toContain('*Ahmad Fauzi*');
      expect(mail.attachments.map((file) => [file.filename, file.contentType])).toEqual([[`tagihan-${issued.number}.pdf`, 'application/pdf']]);
      const pdfText = (await pdfParse(mail.attachments[0].content)).text;
      expect(pdfText).toContain('TAGIHAN');
      expect(pdfText).toContain(issued.number);
      const rows = await logOf(f);
      expect(rows).toEqual([
        expect.objectContaining({ channel: 'whatsapp', status: 'failed', error: 'WhatsApp perlu scan ulang', idempotencyKey: `${f.subscription.id}:2026-03:invoice_issued:whatsapp` }),
        expect.objectContaining({ channel: 'email', status: 'sent', adapter: 'smtp', deliveryStatus: 'sent', providerMessageId: mail.messageId }),
      ]);
    });

    it('sends once however often and however concurrently it is called: later calls are duplicates', async () => {
      const f = await subscriber(db);
      const results = await Promise.all([1, 2, 3].map(async () => adapter.send(await notification(f))));
      expect(results.sort()).toEqual(['duplicate', 'duplicate', 'sent']);
      expect(await adapter.send(await notification(f))).toBe('duplicate');
      expect(mailsTo(f)).toHaveLength(1);
    });

    it('resends after a crash between delivery and commit with the same Message-ID, which the mail system drops', async () => {
      const f = await subscriber(db);
      const crashing: MessageChannel = {
        name: 'smtp', channel: 'email',
        send: async (message) => {
          await email.send(message);
          throw new Error('worker died after the SMTP server accepted the mail');
        },
      };
      await expect(new MessagingNotificationAdapter(db.dataSource, [crashing], async () => undefined).send(await notification(f))).rejects.toThrow('worker died');
      expect(await db.dataSource.manager.countBy(NotificationLog, { subscriptionId: f.subscription.id })).toBe(0);
      const duplicatesBefore = inbox.duplicates;
      expect(await adapter.send(await notification(f))).toBe('sent');
      expect(mailsTo(f)).toHaveLength(1);
      expect(inbox.duplicates).toBe(duplicatesBefore + 1);
    });

    it('prefers WhatsApp once paired, with the mitra\'s own template, and never emails the same step', async () => {
      const f = await subscriber(db);
      const ownText = { variants: ['Tagihan {nama} {jumlah}: {link_bayar}'] };
      whatsapp.paired = true;
      try {
        expect(await adapter.send(await notification(f, ownText))).toBe('sent');
        expect(await adapter.send(await notification(f, ownText))).toBe('duplicate');
      } finally {
        whatsapp.paired = false;
      }
      expect(whatsapp.sent.map((message) => [message.recipient.address, message.body])).toEqual([['6281234567890', 'Tagihan Ahmad Fauzi Rp 111.000: https://lunas.test/bayar/x']]);
      expect(mailsTo(f)).toHaveLength(0);
      expect((await logOf(f)).map((row) => [row.channel, row.status])).toEqual([['whatsapp', 'sent']]);
    });

    it('answers failed when no channel can deliver, and delivers on a later call once one can', async () => {
      const f = await subscriber(db);
      const onlyWhatsapp = { ...(await notification(f)), recipients: [{ channel: 'whatsapp' as const, address: '6281234567890' }] };
      expect(await adapter.send(onlyWhatsapp)).toBe('failed');
      whatsapp.paired = true;
      try {
        expect(await adapter.send(onlyWhatsapp)).toBe('sent');
      } finally {
        whatsapp.paired = false;
      }
      expect((await logOf(f)).map((row) => [row.channel, row.status, row.error])).toEqual([['whatsapp', 'sent', null]]);
    });
  });
});
