import ExcelJS from 'exceljs';
import request from 'supertest';
import { DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, SEED_MITRAS } from '@lunas/persistence';
import { ReportsController } from '../../src/reports/reports.controller';
import { bearer, startTestApp, type TestApp } from '../test-app';
import { seedFinanceCalendar, type FinanceCalendar } from './finance-calendar';

type Row = Record<string, string | number | null>;

// 1 September – 20 November 2026 of mitra A (see finance-calendar.ts).
describe(ReportsController.name, () => {
  let t: TestApp<FinanceCalendar>;
  let admin: string;
  const http = () => request(t.app.getHttpServer());
  const range = () => `from=2026-09-01&to=2026-11-20&tenantId=${t.fixture.mitraA.id}`;
  const report = async (kind: string) => (await http().get(`/api/v1/reports/${kind}?${range()}`).set('Authorization', admin).expect(200)).body as { rows: Row[]; totals: Row; columns: Array<{ key: string; label: string }> };
  const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    const stream = res as unknown as NodeJS.ReadableStream;
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => callback(null, Buffer.concat(chunks)));
  };

  beforeAll(async () => {
    t = await startTestApp<FinanceCalendar>({ prepare: (dataSource) => seedFinanceCalendar(dataSource.manager) });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  describe('show', () => {
    it('ages the receivables of 20 November per customer', async () => {
      const { rows, totals } = await report('aging');
      const code = (f: keyof FinanceCalendar['subs']) => t.fixture.subs[f].customer.code;
      expect(rows.map((r) => [r['customerCode'], r['current'], r['d1_7'], r['d8_14'], r['d15_30'], r['d31_60'], r['d61_plus'], r['total']]).sort()).toEqual(
        [
          [code('c2'), 0, 0, 0, 176_500, 0, 0, 176_500],
          [code('c3'), 0, 100_000, 0, 0, 0, 0, 100_000],
          [code('c4'), 166_500, 0, 0, 0, 0, 0, 166_500],
          [code('c5'), 0, 0, 0, 0, 0, 176_500, 176_500],
        ].sort(),
      );
      expect(rows[0]['mitra']).toBe('Net Sukamaju');
      expect(totals).toMatchObject({ customerCode: 'Total', current: 166_500, d1_7: 100_000, d15_30: 176_500, d61_plus: 176_500, total: 619_500 });
    });

    it('trends DSO month by month: outstanding at the month end / billed × days', async () => {
      const { rows, totals } = await report('dso-trend');
      expect(rows).toEqual([
        // I5 billed 176.500 and still open on 30 September: 176.500 / 176.500 × 30.
        { month: '2026-09', billed: 176_500, outstanding: 176_500, days: 30, dso: 30 },
        // I6 + I7 (with its fee) billed; I5 and I8 open on 31 October: 343.000 / 343.000 × 31.
        { month: '2026-10', billed: 343_000, outstanding: 343_000, days: 31, dso: 31 },
        { month: '2026-11', billed: 676_000, outstanding: 619_500, days: 20, dso: 18.3 },
      ]);
      // 619.500 / 1.195.500 × 81 days = 41,97.
      expect(totals).toMatchObject({ billed: 1_195_500, outstanding: 619_500, days: 81, dso: 42 });
    });

    it('reports revenue per mitra and per package', async () => {
      const byMitra = await report('revenue-by-mitra');
      // Seven invoices that are not void (I8 is), three late fees; P1–P4 collected.
      expect(byMitra.rows).toEqual([{ mitra: 'Net Sukamaju', invoices: 7, dpp: 1_050_000, ppn: 115_500, lateFees: 30_000, billed: 1_195_500, collected: 576_000 }]);
      const byPackage = await report('revenue-by-package');
      expect(byPackage.rows.map((r) => [r['invoices'], r['billed']])).toEqual([[2, 333_000], [2, 333_000], [1, 166_500], [1, 166_500], [1, 166_500]]);
      expect(byPackage.totals).toMatchObject({ invoices: 7, dpp: 1_050_000, ppn: 115_500, billed: 1_165_500 });
    });

    it('reports PPN collected per month from invoices paid in full', async () => {
      const { rows, totals } = await report('ppn-monthly');
      expect(rows).toEqual([
        { month: '2026-10', invoices: 2, dpp: 300_000, ppn: 33_000, total: 333_000 }, // I6, I7
        { month: '2026-11', invoices: 1, dpp: 150_000, ppn: 16_500, total: 166_500 }, // I1; I3 is only part paid
      ]);
      expect(totals).toMatchObject({ invoices: 3, ppn: 49_500 });
    });

    it('reports payments by gateway and method, late fees billed and collected, and write-offs', async () => {
      expect((await report('payments-by-method')).rows).toEqual([
        { gateway: 'bank_csv', method: 'transfer', payments: 1, amount: 176_500 },
        { gateway: 'manual', method: 'cash', payments: 1, amount: 166_500 },
        { gateway: 'midtrans', method: 'qris', payments: 1, amount: 166_500 },
        { gateway: 'xendit', method: 'va', payments: 1, amount: 66_500 },
      ]);
      expect((await report('late-fees')).rows).toEqual([
        { month: '2026-09', billed: 10_000, collected: 0 },
        { month: '2026-10', billed: 10_000, collected: 10_000 }, // I7 paid with its fee on 10-25
        { month: '2026-11', billed: 10_000, collected: 0 },
      ]);
      const writeOffs = await report('write-offs');
      expect(writeOffs.rows).toEqual([
        expect.objectContaining({ customerCode: t.fixture.subs.c3.customer.code, voidedOn: '2026-11-08', owed: 166_500, paid: 0, writtenOff: 166_500 }),
      ]);
    });

    it('refuses an unknown report and a reversed range with 400, and a caller without a token with 401', async () => {
      const unknown = await http().get('/api/v1/reports/profit').set('Authorization', admin).expect(400);
      expect(unknown.body.detail).toBe('Kolom "kind" berisi nilai yang tidak diizinkan');
      const reversed = await http().get('/api/v1/reports/aging?from=2026-11-20&to=2026-11-01').set('Authorization', admin).expect(400);
      expect(reversed.body.detail).toBe('Tanggal mulai harus sebelum atau sama dengan tanggal akhir.');
      await http().get('/api/v1/reports/aging').expect(401);
    });

    it("gives a mitra only its own figures even when it names another mitra", async () => {
      const mitra = await bearer(t, SEED_MITRAS[0].username, DEV_MITRA_PASSWORD);
      const body = (await http().get(`/api/v1/reports/revenue-by-mitra?${range()}`).set('Authorization', mitra).expect(200)).body;
      expect(body.rows.map((r: Row) => r['mitra'])).toEqual([SEED_MITRAS[0].businessName]);
    });
  });

  describe('export', () => {
    it('exports CSV with Indonesian headers, rupiah as plain numbers and the totals last', async () => {
      const response = await http().get(`/api/v1/reports/revenue-by-mitra/export?format=csv&${range()}`).set('Authorization', admin).expect(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['content-disposition']).toBe('attachment; filename="keuangan-revenue-by-mitra-2026-09-01_2026-11-20.csv"');
      expect(response.text.replace(/^\uFEFF/, '').trim().split('\r\n')).toEqual([
        'Mitra,Jumlah Tagihan,DPP,PPN,Denda,Total Ditagihkan,Terkumpul',
        'Net Sukamaju,7,1050000,115500,30000,1195500,576000',
        'Total,7,1050000,115500,30000,1195500,576000',
      ]);
    });

    it('exports XLSX that exceljs opens, with numeric rupiah cells whose totals match', async () => {
      const response = await http().get(`/api/v1/reports/aging/export?format=xlsx&${range()}`).set('Authorization', admin).buffer(true).parse(binary).expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.worksheets[0];
      expect(sheet.name).toBe('Umur Piutang per Pelanggan');
      expect(sheet.getRow(1).values).toEqual([undefined, 'Kode Pelanggan', 'Nama Pelanggan', 'Mitra', 'Belum jatuh tempo', '1–7 hari', '8–14 hari', '15–30 hari', '31–60 hari', '> 60 hari', 'Total Piutang']);
      const last = sheet.getRow(sheet.rowCount);
      expect(last.getCell(1).value).toBe('Total');
      expect(last.getCell(10).value).toBe(619_500);
      let sum = 0;
      for (let r = 2; r < sheet.rowCount; r++) sum += sheet.getRow(r).getCell(10).value as number;
      expect(sum).toBe(619_500);
    });

    it('refuses an unknown format with 400', async () => {
      const response = await http().get(`/api/v1/reports/aging/export?format=pdf&${range()}`).set('Authorization', admin).expect(400);
      expect(response.body.detail).toBe('Kolom "format" berisi nilai yang tidak diizinkan');
    });
  });
});
