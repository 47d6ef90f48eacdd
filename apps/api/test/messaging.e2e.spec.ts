import request from 'supertest';
import { hash } from '@node-rs/argon2';
import { AuditLog, DEV_MITRA_PASSWORD, NotificationLog, Role, SEED_MITRAS, Tenant, User, WhatsappSession } from '@lunas/persistence';
import { insertSubscription, insertTenant } from '@lunas/persistence/testing';
import { MessagingController } from '../src/messaging/messaging.controller';
import { bearer, startTestApp, type TestApp } from './test-app';

interface Fixture {
  mitraTenant: Tenant;
  otherTenant: Tenant;
}

const AUDITOR_PASSWORD = 'Auditor123!';

// The seeded mitra (and its auditor, who may read but not send), and another mitra whose log must stay hidden.
describe(MessagingController.name, () => {
  let t: TestApp<Fixture>;
  let mitra: string;
  let auditor: string;
  const http = () => request(t.app.getHttpServer());
  const m = () => t.database.dataSource.manager;

  beforeAll(async () => {
    t = await startTestApp<Fixture>({
      prepare: async (dataSource) => {
        const manager = dataSource.manager;
        const mitraTenant = await manager.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName });
        const user = await manager.save(User, manager.create(User, { tenantId: mitraTenant.id, username: 'auditor-msg', name: 'Auditor', passwordHash: await hash(AUDITOR_PASSWORD) }));
        await manager.query(`INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)`, [user.id, (await manager.findOneByOrFail(Role, { code: 'auditor' })).id]);
        return { mitraTenant, otherTenant: await insertTenant(manager) };
      },
    });
    mitra = await bearer(t, SEED_MITRAS[0].username, DEV_MITRA_PASSWORD);
    auditor = await bearer(t, 'auditor-msg', AUDITOR_PASSWORD);
  });
  afterAll(async () => t.close());

  it('refuses callers without a token', async () => {
    await http().get('/api/v1/messaging/templates').expect(401);
  });

  describe('templates', () => {
    it('lists the built-in templates and the variables', async () => {
      const { body } = await http().get('/api/v1/messaging/templates').set('authorization', mitra).expect(200);
      expect(body.templates).toHaveLength(10);
      expect(body.templates[0]).toMatchObject({ kind: 'invoice_issued', label: 'Tagihan baru', isDefault: true });
      expect(body.variables).toContainEqual({ name: 'link_bayar', description: 'Tautan halaman bayar' });
    });

    it('refuses a template with an unknown variable, naming it, and saves nothing', async () => {
      const response = await http().put('/api/v1/messaging/templates/payment_reminder_1').set('authorization', mitra).send({ variants: ['Halo {nama}, bayar {jumlah_tagihan}'] }).expect(400);
      expect(response.body.detail).toContain('Variabel {jumlah_tagihan} tidak dikenal');
      expect(await m().countBy(AuditLog, { action: 'message_template.update' })).toBe(0);
    });

    it('previews and saves the mitra\'s own variants, audited', async () => {
      const preview = await http().post('/api/v1/messaging/templates/preview').set('authorization', mitra).send({ variants: ['Halo *{nama}*, sisa {jumlah}. {denda?}'] }).expect(200);
      expect(preview.body.previews).toEqual(['Halo *Budi Santoso*, sisa Rp 121.000. Rp 10.000']);
      const saved = await http().put('/api/v1/messaging/templates/payment_reminder_1').set('authorization', mitra).send({ variants: ['A {nama}', 'B {nama}'] }).expect(200);
      expect(saved.body.templates.find((template: { kind: string }) => template.kind === 'payment_reminder_1')).toMatchObject({ variants: ['A {nama}', 'B {nama}'], isDefault: false });
      expect(await m().findOneByOrFail(AuditLog, { action: 'message_template.update' })).toMatchObject({ tenantId: t.fixture.mitraTenant.id });
    });

    it('lets an auditor read but not change templates', async () => {
      await http().get('/api/v1/messaging/templates').set('authorization', auditor).expect(200);
      await http().put('/api/v1/messaging/templates/late_fee').set('authorization', auditor).send({ variants: ['x'] }).expect(403);
      await http().post('/api/v1/messaging/bulk').set('authorization', auditor).send({ kind: 'maintenance', filter: 'all', preview: true }).expect(403);
    });
  });

  describe('whatsapp', () => {
    it('starts pairing for the mitra and shows the session, with the QR as an image once the host publishes it', async () => {
      await http().post('/api/v1/messaging/whatsapp/connect').set('authorization', mitra).send({ pairingPhone: '0812' }).expect(400);
      const { body } = await http().post('/api/v1/messaging/whatsapp/connect').set('authorization', mitra).send({}).expect(200);
      expect(body).toMatchObject({ status: 'disconnected', qrDataUrl: null });
      const session = await m().findOneByOrFail(WhatsappSession, { tenantId: t.fixture.mitraTenant.id });
      expect(session.pairingRequestedAt).toEqual(expect.any(Date));
      await m().update(WhatsappSession, { id: session.id }, { status: 'logged_out', qr: '2@abc,def' });
      const shown = await http().get('/api/v1/messaging/whatsapp').set('authorization', mitra).expect(200);
      expect(shown.body).toMatchObject({ status: 'logged_out', statusLabel: 'Perlu scan ulang', qrDataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
      expect(await m().countBy(AuditLog, { action: 'whatsapp.connect', tenantId: t.fixture.mitraTenant.id })).toBe(1);
    });
  });

  describe('settings', () => {
    it('keeps the mitra\'s SMTP password encrypted and never returns or audits it', async () => {
      const smtp = { host: 'smtp.sukamaju.test', port: 587, secure: false, user: 'tagihan@sukamaju.test', password: 'rahasia-smtp', from: '"WiFi Sukamaju" <tagihan@sukamaju.test>' };
      const saved = await http().put('/api/v1/messaging/settings').set('authorization', mitra).send({ smtp }).expect(200);
      expect(saved.body).toEqual({ smtp: { host: 'smtp.sukamaju.test', port: 587, secure: false, user: 'tagihan@sukamaju.test', from: smtp.from, hasPassword: true } });
      await http().put('/api/v1/messaging/settings').set('authorization', mitra).send({ smtp: { ...smtp, password: undefined, port: 465, secure: true } }).expect(200);
      const [raw] = await t.database.dataSource.query(`SELECT smtp_password FROM messaging_settings WHERE tenant_id = $1`, [t.fixture.mitraTenant.id]);
      expect(raw.smtp_password).toMatch(/^v1:/);
      expect(raw.smtp_password).not.toContain('rahasia');
      const audits = await m().findBy(AuditLog, { action: 'messaging_settings.update' });
      expect(audits).toHaveLength(2);
      expect(JSON.stringify(audits)).not.toContain('rahasia-smtp');
      const shown = await http().get('/api/v1/messaging/settings').set('authorization', mitra).expect(200);
      expect(shown.body.smtp).toMatchObject({ port: 465, secure: true, hasPassword: true });
      expect(JSON.stringify(shown.body)).not.toContain('rahasia');
    });

    it('refuses receipt fields and quiet dates here (they live in Pengaturan) and a bad sender address, naming them', async () => {
      const field = await http().put('/api/v1/messaging/settings').set('authorization', mitra).send({ receiptFields: { nik: false }, quietDates: [] }).expect(400);
      expect(field.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['quietDates', 'receiptFields']);
      const from = await http().put('/api/v1/messaging/settings').set('authorization', mitra).send({ smtp: { host: 'smtp.x.test', port: 25, secure: false, from: 'bukan alamat' } }).expect(400);
      expect(from.body.detail).toContain('Alamat pengirim harus alamat email');
      await http().put('/api/v1/messaging/settings').set('authorization', auditor).send({ smtp: null }).expect(403);
    });
  });

  describe('bulk and log', () => {
    it('previews the recipients of a bulk send and refuses an unknown template', async () => {
      const all = await http().post('/api/v1/messaging/bulk').set('authorization', mitra).send({ kind: 'maintenance', filter: 'all', preview: true }).expect(200);
      expect(all.body).toEqual({ recipients: expect.any(Number), queued: 0 });
      const unknown = await http().post('/api/v1/messaging/bulk').set('authorization', mitra).send({ kind: 'promo', filter: 'all' }).expect(400);
      expect(unknown.body.detail).toContain('Kolom "kind" berisi nilai yang tidak diizinkan');
    });

    it("refuses a manual message to another mitra's customer (404) and a malformed one (400)", async () => {
      const other = (await insertSubscription(m(), t.fixture.otherTenant)).customer;
      const response = await http().post('/api/v1/messaging/send').set('authorization', mitra).send({ customerId: other.id, kind: 'payment_reminder_1' }).expect(404);
      expect(response.body.detail).toBe('Pelanggan tidak ditemukan.');
      await http().post('/api/v1/messaging/send').set('authorization', mitra).send({ customerId: 'abc', kind: 'payment_reminder_1' }).expect(400);
      expect(await m().countBy(AuditLog, { action: 'message.manual_send' })).toBe(0);
    });

    it("shows the mitra's own message log only", async () => {
      const { mitraTenant, otherTenant } = t.fixture;
      await m().insert(NotificationLog, [
        { tenantId: mitraTenant.id, channel: 'whatsapp', template: 'invoice_issued', recipient: '6281234567890', idempotencyKey: 'log-own', status: 'sent', deliveryStatus: 'read' },
        { tenantId: otherTenant.id, channel: 'email', template: 'invoice_issued', recipient: 'x@example.test', idempotencyKey: 'log-other', status: 'sent' },
      ]);
      const { body } = await http().get('/api/v1/messaging/log').set('authorization', mitra).expect(200);
      expect(body.map((row: { recipient: string }) => row.recipient)).toEqual(['6281234567890']);
      expect(body[0]).toMatchObject({ status: 'sent', deliveryStatus: 'read', channel: 'whatsapp' });
      await http().get(`/api/v1/messaging/log?tenantId=${otherTenant.id}`).set('authorization', mitra).expect(200).expect((res) => expect(res.body).toHaveLength(1));
    });
  });
});
