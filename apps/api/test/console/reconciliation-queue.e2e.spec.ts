import request from 'supertest';
import { AuditLog, DEV_ADMIN_PASSWORD, Invoice, Payment } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { ReconciliationQueueController } from '../../src/reconciliation/reconciliation-queue.controller';
import { RecordingSignalSender, startPaymentsTestApp, type PaymentsTestApp } from '../webhooks/payments-test-app';

interface Fixture {
  budi: SubscriptionFixture;
  siti: SubscriptionFixture;
}

/** A KlikBCA export for January 2026 with one cash deposit that fits two invoices of Rp 166.500. */
const statement = Buffer.from(
  [
    'Informasi Rekening - Mutasi Rekening', 'No. rekening : 1111111111', 'Nama : PT UJI SEJAHTERA', 'Periode : 01/01/2026 - 31/01/2026', 'Kode Mata Uang : IDR', '',
    'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo',
    `'11/01,"SETORAN TUNAI",'0000,"166,500.00",CR,"1,333,000.00"`,
  ].join('\n'),
);

// Finance confirms an import whose only row is ambiguous; the row waits in the queue until one click books it on Siti's invoice.
describe(ReconciliationQueueController.name, () => {
  const temporal = new RecordingSignalSender();
  let t: PaymentsTestApp<Fixture>;
  let admin: string;
  const http = () => request(t.app.getHttpServer());
  const db = () => t.database.dataSource;

  beforeAll(async () => {
    t = await startPaymentsTestApp<Fixture>({
      sender: temporal,
      prepare: async (dataSource) => {
        const budi = await insertSubscription(dataSource.manager);
        return { budi, siti: await insertSubscription(dataSource.manager, budi.tenant) };
      },
      payments: () => ({ tenants: {} }),
    });
    admin = `Bearer ${(await http().post('/api/v1/auth/login').send({ username: 'superadmin', password: DEV_ADMIN_PASSWORD }).expect(200)).body.accessToken}`;
  });
  afterAll(async () => t.close());

  it('lists the ambiguous row with its candidates, books it with one click (audited with the reason), and then no longer lists it', async () => {
    await insertInvoice(db().manager, t.fixture.budi, '2026-01', { number: 'INV-2026-01-0001' });
    const siti = await insertInvoice(db().manager, t.fixture.siti, '2026-01', { number: 'INV-2026-01-0002' });
    const previewed = await http().post('/api/v1/bank-imports/preview').set('Authorization', admin)
      .field('bank', 'bca').field('tenantId', t.fixture.budi.tenant.id).attach('file', statement, 'mutasi.csv').expect(201);
    await http().post(`/api/v1/bank-imports/${previewed.body.id}/confirm`).set('Authorization', admin).expect(200);

    const queue = await http().get('/api/v1/reconciliation/queue').set('Authorization', admin).expect(200);
    expect(queue.body).toMatchObject({ total: 1, items: [{ id: `bank:${previewed.body.id}:8`, kind: 'ambiguous_bank_row', amount: 166_500, description: 'SETORAN TUNAI' }] });
    expect(queue.body.items[0].candidates.map((c: { number: string }) => c.number).sort()).toEqual(['INV-2026-01-0001', 'INV-2026-01-0002']);

    await http().post(`/api/v1/reconciliation/queue/${queue.body.items[0].id}/match`).set('Authorization', admin).send({ invoiceId: siti.id }).expect(400);
    const matched = await http().post(`/api/v1/reconciliation/queue/${queue.body.items[0].id}/match`).set('Authorization', admin)
      .send({ invoiceId: siti.id, reason: 'Setoran tunai Bu Siti, dikonfirmasi via telepon' }).expect(200);
    expect(matched.body).toMatchObject({ invoiceId: siti.id, paymentId: expect.any(String) });
    expect(await db().getRepository(Payment).findOneByOrFail({ id: matched.body.paymentId })).toMatchObject({ gateway: 'bank_csv', amount: 166_500, matchedRule: 'operator' });
    expect(await db().getRepository(Invoice).findOneByOrFail({ id: siti.id })).toMatchObject({ status: 'paid' });
    expect(await db().getRepository(AuditLog).findOneByOrFail({ action: 'payment.matched', entityId: matched.body.paymentId })).toMatchObject({ reason: 'Setoran tunai Bu Siti, dikonfirmasi via telepon' });

    expect((await http().get('/api/v1/reconciliation/queue').set('Authorization', admin).expect(200)).body.total).toBe(0);
    const again = await http().post(`/api/v1/reconciliation/queue/${queue.body.items[0].id}/match`).set('Authorization', admin).send({ invoiceId: siti.id, reason: 'lagi' }).expect(409);
    expect(again.body.detail).toBe('Baris mutasi ini sudah dicatat sebagai pembayaran.');
  });

  it('answers 404 for an item that does not exist', async () => {
    await http().post('/api/v1/reconciliation/queue/event:00000000-0000-4000-8000-000000000000/match').set('Authorization', admin)
      .send({ invoiceId: t.fixture.budi.subscription.id, reason: 'x' }).expect(404);
  });
});
