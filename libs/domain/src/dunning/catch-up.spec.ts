import { CATCH_UP_TOLERANCE_MS, ladderDueDate, missedItsMoment } from './catch-up';
import { wib } from './wib.spec-helper';

describe('catch-up', () => {
  describe(missedItsMoment.name, () => {
    const planned = wib('2026-03-16 09:00');

    it('tolerates a wake up to one hour late', () => {
      expect(missedItsMoment(planned, planned)).toBe(false);
      expect(missedItsMoment(planned, planned + CATCH_UP_TOLERANCE_MS)).toBe(false);
    });

    it('counts a wake more than one hour late as missed', () => {
      expect(missedItsMoment(planned, planned + CATCH_UP_TOLERANCE_MS + 1)).toBe(true);
      expect(missedItsMoment(planned, wib('2026-04-11 09:00'))).toBe(true);
    });
  });

  describe(ladderDueDate.name, () => {
    // Period due Monday 2 March 2026, issued H-1: Sunday 1 March 06:00 WIB.
    const scheduled = wib('2026-03-01 06:00');

    it('keeps the due date for an invoice issued on its day, however late in the day', () => {
      expect(ladderDueDate('2026-03-02', scheduled, scheduled)).toBe('2026-03-02');
      expect(ladderDueDate('2026-03-02', scheduled, wib('2026-03-01 23:59'))).toBe('2026-03-02');
    });

    it('moves the ladder by the calendar days (WIB) the invoice was issued late', () => {
      expect(ladderDueDate('2026-03-02', scheduled, wib('2026-03-02 00:00'))).toBe('2026-03-03');
      expect(ladderDueDate('2026-03-02', scheduled, wib('2026-03-06 10:00'))).toBe('2026-03-07');
    });
  });
});
