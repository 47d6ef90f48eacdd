import { DEFAULT_RECEIPT_FIELDS, type BillingDocument, type ReceiptFieldToggles } from '@lunas/contracts';
import { renderBillingDocumentHtml } from './billing-document-html';
import { PdfRenderer } from './pdf-renderer';
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>;

/** A 1×1 PNG: the mitra's logo. */
const LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const invoice: BillingDocument = {
  kind: 'invoice',
  business: { name: 'WiFi Sukamaju', logoDataUrl: LOGO, address: 'Jl. Raya Sukamaju 1', npwp: '012345678901234', phone: '6281200000001', bankLine: 'BCA 1234567890 a.n. Sukamaju Net' },
  customer: { name: 'Budi Santoso', phone: '6281234567890', nik: '3201234567890001', address: 'Jl. Melati 5', area: 'WiFi Sukamaju' },
  number: 'INV-2026-03-0001',
  period: '2026-03',
  issuedOn: '2026-02-04',
  dueOn: '2026-02-05',
  lines: [{ description: 'Paket 10 Mbps', amount: 100_000, package: true }],
  discount: 0,
  ppn: { base: 100_000, rateBasisPoints: 1_100, amount: 11_000, included: false },
  total: 111_000,
  amountPaid: 0,
  payments: [],
  payLink: 'https://lunas.test/bayar/abc',
  fields: { ...DEFAULT_RECEIPT_FIELDS, showNik: true },
};
const paid = (amount: number, fields: Partial<ReceiptFieldToggles> = {}): BillingDocument => ({
  ...invoice,
  kind: 'receipt',
  lines: [{ description: 'Paket Dedicated', amount, package: true }],
  ppn: { base: amount, rateBasisPoints: 0, amount: 0, included: false },
  total: amount,
  amountPaid: amount,
  payments: [{ paidOn: '2026-02-04', method: 'Transfer BCA', amount, recordedBy: 'Sari (Kasir)' }],
  fields: { ...invoice.fields, ...fields },
});

// Real Chromium (/usr/bin/chromium) renders the PDFs; their text is read back with pdf-parse.
describe(PdfRenderer.name, () => {
  const renderer = new PdfRenderer();
  const textOf = async (document: BillingDocument) => {
    const pdf = await renderer.render(await renderBillingDocumentHtml(document));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    return (await pdfParse(pdf)).text.replace(/\s+/g, ' ');
  };
  afterAll(() => renderer.close());

  describe('render', () => {
    it('prints the invoice with lines, DPP, PPN 11 %, total, bank and the pay link', async () => {
      const text = await textOf(invoice);
      for (const expected of ['TAGIHAN', 'INV-2026-03-0001', 'Maret 2026', 'Budi Santoso', 'Paket 10 Mbps', 'Rp 100.000', 'PPN 11%', 'Rp 11.000', 'Total', 'Rp 111.000', 'Sisa tagihan', 'BCA 1234567890', 'https://lunas.test/bayar/abc', 'Pindai untuk membayar', '5 Februari 2026']) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain('e-Meterai');
    });

    it('prints a receipt of Rp 5.000.001 with the e-meterai place, and none at exactly Rp 5.000.000', async () => {
      const above = await textOf(paid(5_000_001));
      expect(above).toContain('NOTA PEMBAYARAN');
      expect(above).toContain('LUNAS');
      expect(above).toContain('Tempat e-Meterai Rp 10.000');
      expect(await textOf(paid(5_000_000))).not.toContain('e-Meterai');
    });

    it('leaves out the receipt fields the mitra switched off', async () => {
      const all = await textOf(paid(150_000));
      expect(all).toContain('NIK: 3201234567890001');
      expect(all).toContain('Transfer BCA');
      expect(all).toContain('Sari (Kasir)');
      expect(all).toContain('Paket Dedicated');
      expect(all).toContain('Jl. Raya Sukamaju 1');
      expect(all).toContain('Terima kasih telah membayar tepat waktu.');
      const hidden = await textOf(
        paid(150_000, { showNik: false, showPaymentMethod: false, showPaidBy: false, showCustomerPhone: false, showAddress: false, showPackage: false, showPeriod: false, footerText: '' }),
      );
      for (const gone of ['3201234567890001', 'Transfer BCA', 'Sari (Kasir)', '6281234567890', 'Jl. Raya Sukamaju 1', 'Jl. Melati 5', 'Paket Dedicated', 'Periode', 'Terima kasih']) expect(hidden).not.toContain(gone);
      for (const kept of ['Budi Santoso', 'Layanan internet', 'NPWP 012345678901234']) expect(hidden).toContain(kept);
    });

    it('renders concurrent requests beyond the pool size, each with its own content', async () => {
      const texts = await Promise.all(Array.from({ length: 5 }, (_, i) => textOf({ ...invoice, number: `INV-2026-03-000${i}` })));
      texts.forEach((text, i) => expect(text).toContain(`INV-2026-03-000${i}`));
      // Five Chromium renders through a pool of fewer pages: on a loaded 2-core machine this takes seconds.
    }, 60_000);
  });
});
