import { SandboxWhatsappChannel, stableMessageId } from '@lunas/messaging';
import { freePort } from '@lunas/testing';
import { WhatsappSandboxStandIn } from './whatsapp-sandbox.stand-in';

// The worker's real WhatsApp sandbox channel against the stand-in on loopback.
describe(WhatsappSandboxStandIn.name, () => {
  describe('start', () => {
    it('shows each chat as a phone would, drops a repeated message id, reports delivered/read and what the customer types', async () => {
      const port = await freePort();
      const running = await new WhatsappSandboxStandIn({ port }).start();
      const base = `http://127.0.0.1:${port}`;
      const channel = new SandboxWhatsappChannel(base);
      try {
        const message = { tenantId: 'tenant-1', recipient: { channel: 'whatsapp' as const, address: '6281234567890' }, subject: '', body: 'Halo *Budi* <b>', attachments: [], messageId: stableMessageId('k:whatsapp') };
        expect(await channel.send(message)).toEqual({ providerMessageId: message.messageId });
        await channel.send(message);
        expect(await (await fetch(`${base}/`)).text()).toContain('+6281234567890');
        const chat = await (await fetch(`${base}/chat/tenant-1/6281234567890`)).text();
        expect(chat.match(/Halo \*Budi\* &#60;b&#62;/g)).toHaveLength(1);

        await fetch(`${base}/chat/tenant-1/6281234567890/reply`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=cek+tagihan', redirect: 'manual' });
        await fetch(`${base}/chat/tenant-1/6281234567890/photo`, { method: 'POST', redirect: 'manual' });
        const events = await channel.events(0);
        expect(events.map((event) => (event.type === 'receipt' ? `${event.type}:${event.messageId}:${event.status}` : `${event.type}:${event.from}:${event.text}:${event.image?.mimetype ?? '-'}`))).toEqual([
          `receipt:${message.messageId}:delivered`,
          `receipt:${message.messageId}:read`,
          'inbound:6281234567890:cek tagihan:-',
          'inbound:6281234567890:bukti:image/png',
        ]);
        expect(await channel.events(events[2].seq)).toHaveLength(1);
        await expect(channel.send({ ...message, recipient: { channel: 'whatsapp', address: '0812' } })).rejects.toThrow('400');
      } finally {
        await running.stop();
      }
    });
  });
});
