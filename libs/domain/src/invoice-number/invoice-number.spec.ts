import { DomainErrorCode } from '../errors';
import { formatCreditNoteNumber, formatInvoiceNumber, parseInvoiceNumber } from './invoice-number';

const invalid = expect.objectContaining({ code: DomainErrorCode.InvalidInvoiceNumber });

describe(formatInvoiceNumber.name, () => {
  it('writes INV/YYYY/MM/NNNNNN by default', () => {
    expect(formatInvoiceNumber({ year: 2026, month: 11, sequence: 123 })).toBe('INV/2026/11/000123');
  });

  it('pads the month and uses a tenant prefix', () => {
    expect(formatInvoiceNumber({ prefix: 'SKM-01', year: 2027, month: 1, sequence: 1 })).toBe('SKM-01/2027/01/000001');
  });

  it('widens the sequence beyond six digits instead of truncating it', () => {
    expect(formatInvoiceNumber({ year: 2026, month: 11, sequence: 999_999 })).toBe('INV/2026/11/999999');
    expect(formatInvoiceNumber({ year: 2026, month: 11, sequence: 1_000_000 })).toBe('INV/2026/11/1000000');
  });

  it.each([
    { year: 2026, month: 11, sequence: 0 },
    { year: 2026, month: 11, sequence: 1.5 },
    { year: 2026, month: 13, sequence: 1 },
    { year: 2026, month: 0, sequence: 1 },
    { year: 26, month: 11, sequence: 1 },
    { prefix: 'inv', year: 2026, month: 11, sequence: 1 },
    { prefix: 'INV/X', year: 2026, month: 11, sequence: 1 },
    { prefix: '', year: 2026, month: 11, sequence: 1 },
  ])('refuses %p', (parts) => {
    expect(() => formatInvoiceNumber(parts)).toThrow(invalid);
  });
});

describe(parseInvoiceNumber.name, () => {
  it('reads the parts back', () => {
    expect(parseInvoiceNumber('INV/2026/11/000123')).toEqual({ prefix: 'INV', year: 2026, month: 11, sequence: 123 });
    expect(parseInvoiceNumber('SKM-01/2027/01/1000000')).toEqual({ prefix: 'SKM-01', year: 2027, month: 1, sequence: 1_000_000 });
  });

  it('round-trips every formatted number', () => {
    for (const sequence of [1, 42, 999_999, 1_000_000, 123_456_789]) {
      const parts = { prefix: 'INV', year: 2026, month: 12, sequence };
      expect(parseInvoiceNumber(formatInvoiceNumber(parts))).toEqual(parts);
    }
  });

  it.each([
    'INV/2026/11/123', // not padded
    'INV/2026/11/0001234', // over-padded: two spellings of one number
    'INV/2026/11/000000', // sequence 0
    'INV/2026/13/000001',
    'INV/2026/1/000001',
    'inv/2026/11/000123',
    'INV-2026-11-000123',
    ' INV/2026/11/000123',
    '',
  ])('refuses %p', (value) => {
    expect(() => parseInvoiceNumber(value)).toThrow(invalid);
  });
});

describe(formatCreditNoteNumber.name, () => {
  it('numbers credit notes per year with six digits', () => {
    expect(formatCreditNoteNumber(2026, 7)).toBe('NK/2026/000007');
    expect(formatCreditNoteNumber(2026, 1_234_567)).toBe('NK/2026/1234567');
  });

  it('refuses a sequence below 1', () => {
    expect(() => formatCreditNoteNumber(2026, 0)).toThrow(invalid);
  });
});
