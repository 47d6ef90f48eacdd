import request from 'supertest';
import { parseBankStatement } from '@lunas/payments';
import { AuditLog, DEV_ADMIN_PASSWORD, Invoice, Payment } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { BankImportsController } from '../../src/reconciliation/bank-imports.controller';
import { eventually, RecordingSignalSender, startPaymentsTestApp, type PaymentsTestApp } from '../webhooks/payments-test-app';

interface Fixture {
  budi: SubscriptionFixture;
  siti: SubscriptionFixture;
}

/** A KlikBCA export for January 2026 (layout of the bank's "Mutasi Rekening" CSV). */
function bcaStatement(lines: readonly string[]): Buffer {
  return Buffer.from(
    [
      'Informasi Rekening - Mutasi Rekening',
      'No. rekening : 1111111111',
      'Nama : PT UJI SEJAHTERA',
      'Periode : 01/01/2026 - 31/01/2026',
      'Kode Mata Uang : IDR',
      '',
      'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo',
      ...lines,
    ].join('\n'),
  );
}

describe(BankImportsController.name, () => {
  const temporal = new RecordingSignalSender();
  let t: PaymentsTestApp<Fixture>;
  let admin: string;
  const db = () => t.database.dataSource;
  const http = () => request(t.app.getHttpServer());
  const preview = (file: Buffer, bank = 'bca') =>
    http().post('/api/v1/bank-imports/preview').set('Authorization', `Bearer ${admin}`)
      .field('bank', bank).field('tenantId', t.fixture.budi.tenant.id).attach('file', file, 'mutasi.csv');
  const confirm = (id: string) => http().post(`/api/v1/bank-imports/${id}/confirm`).set('Authorization', `Bearer ${admin}`);

  beforeAll(async () => {
    t = await startPaymentsTestApp<Fixture>({
      sender: temporal,
      prepare: async (dataSource) => {
        const budi = await insertSubscription(dataSource.manager);
        return { budi, siti: await insertSubscription(dataSource.manager, budi.tenant) };
      },
      payments: () => ({ tenants: {} }),
    });
    admin = (await http().post('/api/v1/auth/login').send({ username: 'superadmin', password: DEV_ADMIN_PASSWORD }).expect(200)).body.accessToken;
  });
  afterAll(async () => t.close());

  describe('preview and confirm', () => {
    it('classifies every row, records only the matched one, and records nothing again on re-import', async () => {
      const m = db().manager;
      const budiInvoice = await insertInvoice(m, t.fixture.budi, '2026-01', { number: 'INV-2026-01-0001' });
      await insertInvoice(m, t.fixture.siti, '2026-01', { number: 'INV-2026-01-0002' });
      const file = bcaStatement([
        `'10/01,"TRSF E-BANKING CR 1001/FTSCY/WS95221 INV-2026-01-0001 BUDI",'0000,"166,500.00",CR,"1,166,500.00"`,
        `'11/01,"SETORAN TUNAI",'0000,"166,500.00",CR,"1,333,000.00"`,
        `'12/01,"TRSF E-BANKING CR TANPA KETERANGAN",'0000,"75,000.00",CR,"1,408,000.00"`,
        `'31/02,"TRSF E-BANKING CR TANGGAL RUSAK",'0000,"10,000.00",CR,"1,418,000.00"`,
        `'13/01,"BIAYA ADM",'0000,"15,000.00",DB,"1,403,000.00"`,
      ]);

      const first = await preview(file).expect(201);
      expect(first.body.summary).toEqual({ matched: 1, ambiguous: 1, unmatched: 2, invalid: 1, already_imported: 0 });
      expect(first.body.rows.map((row: { rowNumber: number; outcome: string }) => [row.rowNumber, row.outcome])).toEqual([
        [8, 'matched'], [9, 'ambiguous'], [10, 'unmatched'], [11, 'invalid'], [12, 'unmatched'],
      ]);
      expect(first.body.rows[0]).toMatchObject({ invoiceId: budiInvoice.id, rule: 'invoice_reference', reason: 'Nomor tagihan INV-2026-01-0001 tertulis di keterangan' });
      expect(first.body.rows[3].reason).toMatch(/^Baris 11: /);
      expect(await db().getRepository(Payment).countBy({ gateway: 'bank_csv' })).toBe(0);

      const report = await confirm(first.body.id).expect(200);
      expect(report.body).toMatchObject({ recorded: 1, alreadyImported: 0, skipped: 4 });
      const payment = await db().getRepository(Payment).findOneByOrFail({ id: report.body.rows[0].paymentId });
      expect(payment).toMatchObject({ gateway: 'bank_csv', invoiceId: budiInvoice.id, amount: 166_500, matchedRule: 'invoice_reference', status: 'succeeded' });
      expect(await db().getRepository(Invoice).findOneByOrFail({ id: budiInvoice.id })).toMatchObject({ status: 'paid', amountPaid: 166_500 });
      expect(await db().getRepository(AuditLog).countBy({ action: 'payment.matched', entityId: payment.id })).toBe(1);
      await eventually(() => expect(temporal.signals.filter((s) => s.payload.paymentId === payment.id).map((s) => s.payload.source)).toEqual(['bank_import']));
      await confirm(first.body.id).expect(409);

      const again = await preview(file).expect(201);
      expect(again.body.summary).toMatchObject({ matched: 0, already_imported: 1 });
      const secondReport = await confirm(again.body.id).expect(200);
      expect(secondReport.body).toMatchObject({ recorded: 0, alreadyImported: 1 });
      expect(await db().getRepository(Payment).countBy({ gateway: 'bank_csv' })).toBe(1);
    });

    it.each([
      ['a semicolon-delimited file for BCA', bcaStatement([]).toString('utf8').replace(/,/g, ';'), 'bca'],
      ['a Latin-1 file', Buffer.from('Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo\n\'10/01,"SETORAN \xc9",\'0000,"1.00",CR,"1.00"\n', 'latin1'), 'bca'],
      ['a file without the bank columns', 'a,b,c\n1,2,3\n', 'mandiri'],
    ])('refuses %s with 400 and the precise reason', async (_case, content, bank) => {
      const file = Buffer.isBuffer(content) ? content : Buffer.from(content);
      const parsed = parseBankStatement(file, bank as 'bca');
      expect(parsed.ok).toBe(false);
      const response = await preview(file, bank).expect(400);
      expect(response.body).toMatchObject({ code: 'BANK_FILE_INVALID', detail: !parsed.ok && parsed.error.message });
    });

    it('rejects an unknown bank with 400', async () => {
      const response = await preview(bcaStatement([]), 'bni').expect(400);
      expect(response.body.detail).toBe('Kolom "bank" berisi nilai yang tidak diizinkan');
    });
  });
});
