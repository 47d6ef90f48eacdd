import { SmtpInbox } from '@lunas/testing';
import { ChannelUnavailableError, stableMessageId, type OutgoingMessage } from '../channels/message-channel.port';
import { SmtpEmailChannel, plainTextOf, smtpSettingsFromUrl } from './smtp-email.channel';

// A real SMTP server (smtp-server) on loopback receives the mails; mailparser reads them back.
describe(SmtpEmailChannel.name, () => {
  const inbox = new SmtpInbox();
  let url: string;
  let channel: SmtpEmailChannel;
  const message = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
    tenantId: 'tenant-1',
    recipient: { channel: 'email', address: 'budi@example.test' },
    subject: 'Tagihan WiFi Maret 2026 – INV-2026-03-0001',
    body: '🔔 *Tagihan WiFi Baru*\n\nHalo *Budi Santoso*,\n\n_WiFi Sukamaju_',
    attachments: [{ filename: 'tagihan-INV-2026-03-0001.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 test') }],
    messageId: stableMessageId('sub-1:2026-03:invoice_issued:email'),
    ...overrides,
  });

  beforeAll(async () => {
    ({ url } = await inbox.start());
    channel = new SmtpEmailChannel(async (tenantId) => (tenantId === 'tenant-1' ? smtpSettingsFromUrl(url.replace('smtp://', 'smtp://mitra:rahasia@'), '"WiFi Sukamaju" <tagihan@sukamaju.test>') : undefined));
  });
  afterAll(async () => {
    channel.close();
    await inbox.stop();
  });

  describe('send', () => {
    it('delivers the message as plain text with the PDF attached, from the mitra, over SMTP with login', async () => {
      const { providerMessageId } = await channel.send(message());
      expect(providerMessageId).toBe(`<${message().messageId}@lunas>`);
      const [mail] = inbox.mails;
      expect(mail).toMatchObject({ messageId: providerMessageId, user: 'mitra', from: '"WiFi Sukamaju" <tagihan@sukamaju.test>', to: 'budi@example.test', subject: 'Tagihan WiFi Maret 2026 – INV-2026-03-0001' });
      expect(mail.text.trim()).toBe('🔔 Tagihan WiFi Baru\n\nHalo Budi Santoso,\n\nWiFi Sukamaju');
      expect(mail.attachments).toEqual([{ filename: 'tagihan-INV-2026-03-0001.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 test') }]);
    });

    it('sends a repeat with the same Message-ID, which the mail system drops', async () => {
      const before = inbox.mails.length;
      await channel.send(message({ messageId: stableMessageId('sub-2:2026-03:invoice_issued:email') }));
      await channel.send(message({ messageId: stableMessageId('sub-2:2026-03:invoice_issued:email') }));
      expect(inbox.mails.length).toBe(before + 1);
      expect(inbox.duplicates).toBe(1);
    });

    it('says the channel is unavailable when the tenant has no SMTP server', async () => {
      await expect(channel.send(message({ tenantId: 'tenant-2' }))).rejects.toBeInstanceOf(ChannelUnavailableError);
    });
  });
});

describe(plainTextOf.name, () => {
  it('drops WhatsApp bold and italic marks but keeps snake_case words and lone stars', () => {
    expect(plainTextOf('*Rp 111.000* _WiFi Sukamaju_ link_bayar 5 * 3')).toBe('Rp 111.000 WiFi Sukamaju link_bayar 5 * 3');
  });
});
