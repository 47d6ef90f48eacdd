import { CATCH_UP_TOLERANCE_MS, missedItsMoment } from './catch-up';
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
});
