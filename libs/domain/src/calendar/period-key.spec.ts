import { DomainErrorCode } from '../errors';
import { addMonthsToPeriodKey, formatPeriodKey, isPeriodKey, parsePeriodKey } from './period-key';

const invalidPeriod = expect.objectContaining({ code: DomainErrorCode.InvalidPeriod });

describe(isPeriodKey.name, () => {
  it('accepts YYYY-MM with months 01–12 only', () => {
    expect(isPeriodKey('2026-03')).toBe(true);
    expect(isPeriodKey('2026-12')).toBe(true);
    expect(isPeriodKey('2026-13')).toBe(false);
    expect(isPeriodKey('2026-00')).toBe(false);
    expect(isPeriodKey('2026-3')).toBe(false);
    expect(isPeriodKey('2026-03-01')).toBe(false);
    expect(isPeriodKey(202603)).toBe(false);
  });
});

describe(parsePeriodKey.name, () => {
  it('splits a key into year and month', () => {
    expect(parsePeriodKey('2026-03')).toEqual({ year: 2026, month: 3 });
  });

  it('throws INVALID_PERIOD for a malformed key', () => {
    expect(() => parsePeriodKey('Maret 2026')).toThrow(invalidPeriod);
  });
});

describe(formatPeriodKey.name, () => {
  it('pads the month', () => {
    expect(formatPeriodKey({ year: 2026, month: 3 })).toBe('2026-03');
  });

  it('throws INVALID_PERIOD for an impossible month', () => {
    expect(() => formatPeriodKey({ year: 2026, month: 13 })).toThrow(invalidPeriod);
  });
});

describe(addMonthsToPeriodKey.name, () => {
  it.each([
    ['2026-12', 1, '2027-01'],
    ['2027-01', -1, '2026-12'],
    ['2026-03', 0, '2026-03'],
    ['2026-03', 22, '2028-01'],
    ['2026-03', -15, '2024-12'],
  ])('%s + %i months is %s', (key, months, result) => {
    expect(addMonthsToPeriodKey(key, months)).toBe(result);
  });

  it('throws INVALID_PERIOD for a fractional month count', () => {
    expect(() => addMonthsToPeriodKey('2026-03', 0.5)).toThrow(invalidPeriod);
  });
});
