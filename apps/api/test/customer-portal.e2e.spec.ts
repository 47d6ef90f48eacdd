import request from 'supertest';
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;
import { Invoice } from '@lunas/persistence';
import { insertInvoice, insertSubscription } from '@lunas/persistence/testing';
import { freePort } from '@lunas/testing';
import { startTestApp, type TestApp } from './test-app';

describe('CustomerPortalController (medium)', () => {
  let t: TestApp;
  let open: Invoice;
  let paid: Invoice;
  let voided: Invoice;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    // The sandbox gateway (default outside production) is served by this same API: it must listen.
    const port = await freePort();
    t = await startTestApp({ env: { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` } });
    await t.app.listen(port, '127.0.0.1');
    const m = t.database.dataSource.manager;
    const fixture = await insertSubscription(m);
    open = await insertInvoice(m, fixture, '2026-02');
    paid = await insertInvoice(m, fixture, '2026-03', { status: 'paid', amountPaid: 166_500, paidAt: new Date('2026-02-03T10:00:00+07:00') });
    voided = await insertInvoice(m, fixture, '2026-04', { status: 'void' });
  });
  afterAll(async () => t.close());

  it('shows an unpaid invoice with its balance and a pay button, in Indonesian, without login', async () => {
    const page = await http().get(`/bayar/${open.receiptToken}`).expect(200).expect('content-type', /text\/html/);
    expect(page.text).toContain(open.number);
    expect(page.text).toContain('Belum dibayar');
    expect(page.text).toContain('Februari 2026');
    expect(page.text).toContain('Bayar Rp 166.500');
    expect(page.text).toContain(`<a href="/bayar/${open.receiptToken}/pdf">Unduh tagihan (PDF)</a>`);
  });

  it('shows the receipt once the invoice is paid, with no pay button', async () => {
    const page = await http().get(`/bayar/${paid.receiptToken}`).expect(200);
    expect(page.text).toContain(`Nota pembayaran ${paid.number}`);
    expect(page.text).toContain('LUNAS');
    expect(page.text).toContain('Dibayar lunas pada 3 Februari 2026');
    expect(page.text).not.toContain('<form');
  });

  it('serves the invoice PDF at the token link, rendered by Chromium, with the pay link as text and QR', async () => {
    const response = await http().get(`/bayar/${open.receiptToken}/pdf`).responseType('blob').expect(200).expect('content-type', 'application/pdf');
    expect(response.headers['content-disposition']).toBe(`inline; filename="tagihan-${open.number}.pdf"`);
    const text = (await pdfParse(response.body as Buffer)).text;
    expect(text).toContain('TAGIHAN');
    expect(text).toContain(open.number);
    expect(text).toContain(`/bayar/${open.receiptToken}`);
  }, 30_000);

  it('serves the receipt (nota) PDF once the invoice is paid, and 404/410 for bad links', async () => {
    const response = await http().get(`/bayar/${paid.receiptToken}/pdf`).responseType('blob').expect(200);
    expect(response.headers['content-disposition']).toBe(`inline; filename="nota-${paid.number}.pdf"`);
    expect((await pdfParse(response.body as Buffer)).text).toContain('NOTA PEMBAYARAN');
    await http().get(`/bayar/${'A'.repeat(43)}/pdf`).expect(404);
    await http().get(`/bayar/${voided.receiptToken}/pdf`).expect(410);
  }, 30_000);

  it('answers a malformed or unknown token 404 with a page in Indonesian, not JSON', async () => {
    for (const token of ['abc', 'A'.repeat(43)]) {
      const page = await http().get(`/bayar/${token}`).expect(404).expect('content-type', /text\/html/);
      expect(page.text).toContain('Tagihan tidak ditemukan. Periksa kembali tautan yang Anda terima.');
      expect(page.text).toContain('<html lang="id">');
    }
  });

  it('answers the link of a voided invoice 410 with a page in Indonesian, on view and on pay', async () => {
    const page = await http().get(`/bayar/${voided.receiptToken}`).expect(410).expect('content-type', /text\/html/);
    expect(page.text).toContain('Tagihan ini sudah dibatalkan dan tidak perlu dibayar.');
    await http().post(`/bayar/${voided.receiptToken}`).type('form').send({ method: 'va' }).expect(410).expect('content-type', /text\/html/);
  });

  it('opens a payment at the tenant\'s gateway (the sandbox by default) and sends the customer there', async () => {
    const response = await http().post(`/bayar/${open.receiptToken}`).type('form').send({ method: 'va' }).expect(303);
    expect(response.headers['location']).toMatch(/\/sandbox\/pay\//);
  });

  it('refuses an unknown payment method with a page in Indonesian', async () => {
    const page = await http().post(`/bayar/${open.receiptToken}`).type('form').send({ method: 'bitcoin' }).expect(400).expect('content-type', /text\/html/);
    expect(page.text).toContain('Kolom &quot;method&quot; berisi nilai yang tidak diizinkan');
  });
});
