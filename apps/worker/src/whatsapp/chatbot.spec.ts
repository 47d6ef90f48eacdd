import type { BillingActivities } from '@lunas/contracts';
import { Customer, InboundMessage, OperatorNotification } from '@lunas/persistence';
import type { TestDatabase } from '@lunas/persistence/testing';
import { billingDatabase, issueInput, PUBLIC_BASE_URL, subscriber } from '../../test/support/billing-database';
import { Chatbot } from './chatbot';

// Real PostgreSQL with the real migrations and the real invoice activity.
describe(Chatbot.name, () => {
  let db: TestDatabase;
  let activities: BillingActivities;
  let bot: Chatbot;
  let seq = 0;
  const says = (tenantId: string, text: string, from = '6281234567890', image?: { content: Buffer; mimetype: string }) => bot.handle(tenantId, { from, messageId: `IN${++seq}`, text, image });

  beforeAll(async () => {
    ({ db, activities } = await billingDatabase());
    bot = new Chatbot(db.dataSource, PUBLIC_BASE_URL);
  });
  afterAll(() => db.destroy());

  describe('handle', () => {
    it('lists outstanding bills with pay links, gives the pay link and the service status', async () => {
      const f = await subscriber(db);
      const invoice = await activities.issueInvoice(issueInput(f));
      const bills = await says(f.tenant.id, 'Cek tagihan');
      expect(bills).toContain(`${invoice.number} periode Maret 2026: *Rp 111.000* (jatuh tempo 5 Februari 2026)`);
      expect(bills).toContain(`${PUBLIC_BASE_URL}/bayar/`);
      expect(await says(f.tenant.id, 'bayar')).toContain(invoice.number);
      expect(await says(f.tenant.id, 'status')).toBe('Layanan WiFi Anda *aktif*. Terima kasih 🙏');
    });

    it('attaches a transfer photo to the oldest outstanding invoice for the kasir', async () => {
      const f = await subscriber(db);
      const invoice = await activities.issueInvoice(issueInput(f));
      expect(await says(f.tenant.id, 'bukti', '6281234567890', { content: Buffer.from('jpeg-bytes'), mimetype: 'image/jpeg' })).toContain('akan diperiksa oleh kasir');
      const proof = await db.dataSource.manager.findOneOrFail(InboundMessage, { where: { tenantId: f.tenant.id, intent: 'bukti' }, select: { id: true, invoiceId: true, image: true, imageType: true } });
      expect(proof).toMatchObject({ invoiceId: invoice.invoiceId, imageType: 'image/jpeg', image: Buffer.from('jpeg-bytes') });
      expect(await db.dataSource.manager.findOneByOrFail(OperatorNotification, { tenantId: f.tenant.id, kind: 'payment_proof' })).toMatchObject({ permission: 'payment.record', entityType: 'invoice', entityId: invoice.invoiceId });
    });

    it('stops and resumes broadcasts on STOP and MULAI', async () => {
      const f = await subscriber(db);
      expect(await says(f.tenant.id, 'STOP')).toContain('Tagihan dan pemberitahuan layanan tetap kami kirim');
      expect((await db.dataSource.manager.findOneByOrFail(Customer, { id: f.customer.id })).broadcastOptOutAt).toEqual(expect.any(Date));
      await says(f.tenant.id, 'mulai');
      expect((await db.dataSource.manager.findOneByOrFail(Customer, { id: f.customer.id })).broadcastOptOutAt).toBeNull();
    });

    it('hands anything else to a person with a console notification, also for an unknown number', async () => {
      const f = await subscriber(db);
      expect(await says(f.tenant.id, 'internet saya mati sejak pagi')).toBe('Pesan Anda sudah kami teruskan ke petugas. Mohon tunggu balasannya 🙏');
      expect(await says(f.tenant.id, 'tagihan', '6289999999999')).toContain('belum terdaftar');
      const notes = await db.dataSource.manager.find(OperatorNotification, { where: { tenantId: f.tenant.id, kind: 'customer_message' }, order: { createdAt: 'ASC' } });
      expect(notes.map((note) => [note.permission, note.body])).toEqual([
        ['notification.send', expect.stringContaining('6281234567890): internet saya mati sejak pagi')],
        ['notification.send', '6289999999999 (6289999999999): tagihan'],
      ]);
    });

    it('answers a message delivered twice only once', async () => {
      const f = await subscriber(db);
      const message = { from: '6281234567890', messageId: 'DUP-1', text: 'status' };
      expect(await bot.handle(f.tenant.id, message)).toContain('aktif');
      expect(await bot.handle(f.tenant.id, message)).toBeNull();
    });
  });
});
