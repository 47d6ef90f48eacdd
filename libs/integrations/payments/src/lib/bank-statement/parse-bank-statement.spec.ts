import { fixtureBytes } from '../../../test/fixtures';
import { parseBankStatement } from './parse-bank-statement';
import type { BankStatementParse, StatementRow } from './statement-types';

function rowsOf(result: BankStatementParse): readonly StatementRow[] {
  if (!result.ok) throw new Error(`expected rows, got ${result.error.message}`);
  return result.rows;
}

const summary = (rows: readonly StatementRow[]) =>
  rows.map((row) => (row.status === 'valid' ? [row.rowNumber, row.date, row.amount, row.direction] : [row.rowNumber, row.reason]));

describe('parseBankStatement', () => {
  describe('BCA', () => {
    it('reads every line of a KlikBCA export, skipping preamble and totals, with a precise reason per bad line', () => {
      const result = parseBankStatement(fixtureBytes('bank/bca.csv'), 'bca');

      expect(result).toMatchObject({ ok: true, bank: 'bca', layout: 'KlikBCA Mutasi Rekening', accountNumber: '1111111111' });
      expect(summary(rowsOf(result))).toEqual([
        [8, '2026-08-01', 11100000, 'debit'],
        [9, '2026-08-03', 166500, 'credit'],
        [10, '2026-08-04', 222000, 'credit'],
        [11, '2026-08-05', 166500, 'credit'],
        [12, '2026-08-06', 75000, 'credit'],
        [13, "Baris 13: tanggal '31/02/2026' tidak valid"],
        [14, "Baris 14: jumlah '1O,000.00' tidak valid"],
        [15, "Baris 15: jumlah '1,234.56' memiliki sen; hanya rupiah bulat yang dicatat"],
        [16, "Baris 16: penanda CR/DB untuk jumlah '5,000.00' tidak ada"],
        [17, 'Baris 17: transaksi masih PEND (belum dibukukan) sehingga belum bertanggal'],
      ]);
      expect(rowsOf(result)[1]).toMatchObject({ description: 'TRSF E-BANKING CR 0308/FTSCY/WS95221 INV-2026-08-0001 BUDI', accountNumber: '1111111111' });
    });

    it('reads the CR/DB marker inside Jumlah and takes the year from a period spanning new year', () => {
      expect(summary(rowsOf(parseBankStatement(fixtureBytes('bank/bca-amount-marker.csv'), 'bca')))).toEqual([
        [6, '2025-12-28', 150000, 'credit'],
        [7, '2026-01-02', 15000, 'debit'],
      ]);
    });

    it('needs the period (or a given year) to date DD/MM lines', () => {
      const withoutPeriod = Buffer.from(fixtureBytes('bank/bca.csv').toString().replace(/^Periode.*$/m, ''));

      expect(parseBankStatement(withoutPeriod, 'bca')).toMatchObject({ ok: false, error: { code: 'MISSING_PERIOD' } });
      expect(rowsOf(parseBankStatement(withoutPeriod, 'bca', { year: 2026 }))[0]).toMatchObject({ date: '2026-08-01' });
    });
  });

  describe('Mandiri', () => {
    it('reads English and Indonesian month names and separate credit/debit columns', () => {
      const result = parseBankStatement(fixtureBytes('bank/mandiri.csv'), 'mandiri');

      expect(summary(rowsOf(result))).toEqual([
        [2, '2026-08-07', 1000000, 'credit'],
        [3, '2026-08-08', 166500, 'credit'],
        [4, '2026-08-09', 6500, 'debit'],
        [5, "Baris 5: tanggal '32 August 2026 12:00:00' tidak valid"],
        [6, 'Baris 6: kredit (5000.00) dan debet (5000.00) sama-sama terisi'],
        [7, 'Baris 7: mata uang USD bukan IDR'],
      ]);
      expect(rowsOf(result)[0]).toMatchObject({ description: 'PT SARANA CEPAT LOGISTIN Trf Inw CN BANK CENTRAL ASIA', accountNumber: '1060055988896' });
    });
  });

  describe('BRI', () => {
    it('reads the fully quoted data export', () => {
      expect(summary(rowsOf(parseBankStatement(fixtureBytes('bank/bri.csv'), 'bri')))).toEqual([
        [2, '2026-07-10', 70000, 'debit'],
        [3, '2026-07-11', 222000, 'credit'],
        [4, '2026-07-11', 222000, 'credit'],
        [5, "Baris 5: tanggal '2026-13-01 08:00:00' tidak valid"],
      ]);
    });

    it('reads the semicolon variant with the account on its first line', () => {
      const result = parseBankStatement(fixtureBytes('bank/bri-simple.csv'), 'bri');

      expect(result).toMatchObject({ ok: true, layout: 'BRI ringkas (titik koma)', accountNumber: '3333333333' });
      expect(rowsOf(result)).toMatchObject([{ rowNumber: 3, date: '2026-08-03', amount: 166500, direction: 'credit', accountNumber: '3333333333' }]);
    });
  });

  describe('fingerprints', () => {
    it('are identical when the same file is imported again', () => {
      const fingerprints = () => rowsOf(parseBankStatement(fixtureBytes('bank/bca.csv'), 'bca')).map((row) => row.status === 'valid' && row.fingerprint);

      expect(fingerprints()).toEqual(fingerprints());
    });

    it('survive an overlapping export that starts later', () => {
      const full = rowsOf(parseBankStatement(fixtureBytes('bank/mandiri.csv'), 'mandiri'));
      const lines = fixtureBytes('bank/mandiri.csv').toString().split('\n');
      const later = rowsOf(parseBankStatement(Buffer.from([lines[0], ...lines.slice(2)].join('\n')), 'mandiri'));

      expect(later.find((row) => row.status === 'valid')).toMatchObject({ date: '2026-08-08', fingerprint: (full[1] as { fingerprint: string }).fingerprint });
    });

    it('tell apart two identical transfers on the same day', () => {
      const [, first, second] = rowsOf(parseBankStatement(fixtureBytes('bank/bri.csv'), 'bri'));
      const identical = Buffer.from(fixtureBytes('bank/bri.csv').toString().replace('"7547313.00","Cr"', '"7325313.00","Cr"'));
      const [, sameFirst, sameSecond] = rowsOf(parseBankStatement(identical, 'bri'));

      expect(first.status === 'valid' && second.status === 'valid' && first.fingerprint !== second.fingerprint).toBe(true);
      expect(sameFirst.status === 'valid' && sameSecond.status === 'valid' && sameFirst.fingerprint !== sameSecond.fingerprint).toBe(true);
    });
  });

  describe('malformed files', () => {
    it.each([
      ['bank/mandiri-comma.csv', 'mandiri', 'WRONG_DELIMITER', 'Baris 1: pemisah kolom salah, berkas memakai koma (,) sedangkan format Mandiri memakai titik koma (;)'],
      ['bank/mandiri-missing-columns.csv', 'mandiri', 'MISSING_COLUMNS', 'Baris 1: kolom wajib format Mandiri tidak ditemukan: Credit Amount, Debit Amount'],
      ['bank/mandiri.csv', 'bca', 'MISSING_COLUMNS', 'Kolom format BCA tidak ditemukan; berkas ini tampaknya mutasi Mandiri'],
      ['bank/mandiri-unclosed-quote.csv', 'mandiri', 'MALFORMED_CSV', 'Tanda kutip yang dibuka tidak pernah ditutup hingga baris 3'],
      ['bank/excel.xlsx', 'bca', 'BINARY_FILE', 'Berkas ini tampaknya Excel (.xlsx), bukan CSV; simpan ulang sebagai CSV'],
      ['bank/bca-latin1.csv', 'bca', 'NOT_UTF8', 'Baris 2: berkas bukan teks UTF-8 yang valid; simpan ulang sebagai CSV UTF-8'],
    ] as const)('refuses %s read as %s with %s', (file, bank, code, message) => {
      expect(parseBankStatement(fixtureBytes(file), bank)).toEqual({ ok: false, error: { code, message } });
    });

    it('refuses an empty file, other binary data and a file without any header', () => {
      expect(parseBankStatement(Buffer.from('  \n'), 'bri')).toMatchObject({ error: { code: 'EMPTY_FILE', message: 'Berkas kosong' } });
      expect(parseBankStatement(Buffer.from([0x41, 0x00, 0x42]), 'bri')).toMatchObject({ error: { code: 'BINARY_FILE' } });
      expect(parseBankStatement(Buffer.from('halo\ndunia\n'), 'bri')).toMatchObject({
        error: { code: 'MISSING_COLUMNS', message: 'Baris judul kolom format BRI tidak ditemukan (kolom wajib: NOREK, TGL_TRAN, DESK_TRAN, MUTASI_DEBET, MUTASI_KREDIT)' },
      });
    });

    it('flags a line with too few columns', () => {
      const short = Buffer.from('AccountNo;Ccy;PostDate;Remarks;AdditionalDesc;Credit Amount;Debit Amount;Close Balance\n1060055988896;IDR;07 August 2026\n');

      expect(rowsOf(parseBankStatement(short, 'mandiri'))).toMatchObject([{ status: 'invalid', reason: 'Baris 2: ada 3 kolom, seharusnya minimal 7' }]);
    });
  });
});
