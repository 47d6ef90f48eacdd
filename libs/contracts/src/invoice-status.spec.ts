import { carriedInvoiceStatus, INVOICE_STATUSES, isOutstandingStatus, settlementStatus } from './invoice-status';

describe('invoice status vocabulary', () => {
  it('is the set the database, REST and the workflow share', () => {
    expect(INVOICE_STATUSES).toEqual(['unpaid', 'partial', 'paid', 'void']);
    expect(INVOICE_STATUSES.filter(isOutstandingStatus)).toEqual(['unpaid', 'partial']);
  });

  describe(settlementStatus.name, () => {
    it('is unpaid while the whole amount is owed, partial once some is paid, paid at zero', () => {
      expect(settlementStatus(111_000, 111_000)).toBe('unpaid');
      expect(settlementStatus(111_000, 110_999)).toBe('partial');
      expect(settlementStatus(111_000, 1)).toBe('partial');
      expect(settlementStatus(111_000, 0)).toBe('paid');
    });
  });

  describe(carriedInvoiceStatus.name, () => {
    it('reads the old `open` of a carried workflow state as unpaid or partial, and leaves the vocabulary alone', () => {
      expect(carriedInvoiceStatus('open', 111_000, 111_000)).toBe('unpaid');
      expect(carriedInvoiceStatus('open', 116_000, 60_000)).toBe('partial');
      expect(carriedInvoiceStatus('void', 111_000, 0)).toBe('void');
      expect(carriedInvoiceStatus('partial', 111_000, 50_000)).toBe('partial');
    });
  });
});
