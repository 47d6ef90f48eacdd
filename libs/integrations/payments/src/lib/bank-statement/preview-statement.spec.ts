import { fixtureBytes } from '../../../test/fixtures';
import type { OpenInvoice } from '../reconciliation/match-payment';
import { parseBankStatement } from './parse-bank-statement';
import { previewBankStatement, summarisePreview } from './preview-statement';

const invoices: OpenInvoice[] = [
  { invoiceId: 'i-budi', invoiceNumber: 'INV-2026-08-0001', customerId: 'c-budi', customerCode: 'PLG-0001', amountDue: 166500, issuedOn: '2026-08-01', dueOn: '2026-08-10' },
  { invoiceId: 'i-siti', invoiceNumber: 'INV-2026-08-0002', customerId: 'c-siti', customerCode: 'PLG-0002', amountDue: 222000, issuedOn: '2026-08-01', dueOn: '2026-08-10' },
  { invoiceId: 'i-agus', invoiceNumber: 'INV-2026-08-0003', customerId: 'c-agus', customerCode: 'PLG-0003', amountDue: 166500, issuedOn: '2026-08-01', dueOn: '2026-08-10' },
];

function bcaRows() {
  const parsed = parseBankStatement(fixtureBytes('bank/bca.csv'), 'bca');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.rows;
}

describe('previewBankStatement', () => {
  it('lists every row as matched, ambiguous, unmatched or invalid with its reason', () => {
    const preview = previewBankStatement(bcaRows(), invoices);

    expect(preview.map((row) => [row.rowNumber, row.outcome, row.rule ?? null, row.invoiceId ?? row.candidateInvoiceIds ?? null, row.reason])).toEqual([
      [8, 'unmatched', null, null, 'Mutasi debet (uang keluar), bukan pembayaran pelanggan'],
      [9, 'matched', 'invoice_reference', 'i-budi', 'Nomor tagihan INV-2026-08-0001 tertulis di keterangan'],
      [10, 'matched', 'amount_customer_date', 'i-siti', 'Jumlah Rp222.000, pelanggan dan tanggal cocok dengan tagihan INV-2026-08-0002'],
      [11, 'ambiguous', 'amount_customer_date', ['i-budi', 'i-agus'], 'Pelanggan tidak dapat dipastikan; 2 tagihan sebesar Rp166.500 cocok dengan tanggalnya'],
      [12, 'unmatched', null, null, 'Tidak ada tagihan terbuka sebesar Rp75.000 pada rentang tanggal ini'],
      [13, 'invalid', null, null, "Baris 13: tanggal '31/02/2026' tidak valid"],
      [14, 'invalid', null, null, "Baris 14: jumlah '1O,000.00' tidak valid"],
      [15, 'invalid', null, null, "Baris 15: jumlah '1,234.56' memiliki sen; hanya rupiah bulat yang dicatat"],
      [16, 'invalid', null, null, "Baris 16: penanda CR/DB untuk jumlah '5,000.00' tidak ada"],
      [17, 'invalid', null, null, 'Baris 17: transaksi masih PEND (belum dibukukan) sehingga belum bertanggal'],
    ]);
  });

  it('shows rows recorded by an earlier import as already imported', () => {
    const rows = bcaRows();
    const first = previewBankStatement(rows, invoices);
    const recorded = new Set(first.flatMap((row) => (row.outcome === 'matched' && row.transaction ? [row.transaction.fingerprint] : [])));

    const again = previewBankStatement(bcaRows(), invoices, { knownFingerprints: recorded });

    expect(summarisePreview(again)).toEqual({ matched: 0, ambiguous: 1, unmatched: 2, invalid: 5, already_imported: 2 });
  });
});
