import { DomainErrorCode } from '../errors';
import {
  addDaysToIsoDate,
  assertInstant,
  assertIsoDate,
  daysBetween,
  formatJakartaDateTime,
  isIsoDate,
  isoDate,
  jakartaDateOf,
  jakartaInstant,
} from './jakarta-time';

const invalidDate = expect.objectContaining({ code: DomainErrorCode.InvalidDate });
const utc = (iso: string) => Date.parse(iso);

describe(isIsoDate.name, () => {
  it.each(['2026-02-28', '2028-02-29', '2026-12-31', '2027-01-01'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-2-5', '05-02-2026', '', 20260205])(
    'rejects %p',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );
});

describe(assertIsoDate.name, () => {
  it('returns a valid date and throws INVALID_DATE for an impossible one', () => {
    expect(assertIsoDate('2028-02-29')).toBe('2028-02-29');
    expect(() => assertIsoDate('2027-02-29')).toThrow(invalidDate);
  });
});

describe(assertInstant.name, () => {
  it('accepts finite epoch milliseconds and refuses NaN or Infinity', () => {
    expect(assertInstant(0)).toBe(0);
    expect(() => assertInstant(NaN)).toThrow(invalidDate);
    expect(() => assertInstant(Infinity)).toThrow(invalidDate);
  });
});

describe(jakartaDateOf.name, () => {
  it('is already the next day from 17:00 UTC (00:00 WIB)', () => {
    expect(jakartaDateOf(utc('2026-02-03T16:59:59.999Z'))).toBe('2026-02-03');
    expect(jakartaDateOf(utc('2026-02-03T17:00:00Z'))).toBe('2026-02-04');
  });

  it('turns the year at 17:00 UTC on 31 December', () => {
    expect(jakartaDateOf(utc('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  it('refuses an instant whose WIB date has more than four year digits', () => {
    expect(jakartaDateOf(utc('9999-12-31T16:59:59.999Z'))).toBe('9999-12-31');
    expect(() => jakartaDateOf(utc('9999-12-31T17:00:00Z'))).toThrow(invalidDate);
  });
});

describe(jakartaInstant.name, () => {
  it('places a WIB wall-clock time seven hours before the same UTC time', () => {
    expect(new Date(jakartaInstant('2026-02-04', 6)).toISOString()).toBe('2026-02-03T23:00:00.000Z');
    expect(new Date(jakartaInstant('2027-01-01')).toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(new Date(jakartaInstant('2026-02-04', 23, 59)).toISOString()).toBe('2026-02-04T16:59:00.000Z');
  });

  it.each([
    ['2026-02-30', 0, 0],
    ['2026-02-04', 24, 0],
    ['2026-02-04', 6, 60],
    ['2026-02-04', 6.5, 0],
    ['2026-02-04', -1, 0],
  ])('refuses %s %p:%p', (date, hour, minute) => {
    expect(() => jakartaInstant(date, hour, minute)).toThrow(invalidDate);
  });
});

describe(formatJakartaDateTime.name, () => {
  it('writes ISO 8601 with the +07:00 offset', () => {
    expect(formatJakartaDateTime(utc('2026-02-03T23:00:00Z'))).toBe('2026-02-04T06:00:00+07:00');
    expect(formatJakartaDateTime(utc('2026-12-31T17:00:00Z'))).toBe('2027-01-01T00:00:00+07:00');
  });
});

describe(addDaysToIsoDate.name, () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-02-05', 0, '2026-02-05'],
    ['2026-01-31', 30, '2026-03-02'],
  ])('%s + %i days is %s', (date, days, result) => {
    expect(addDaysToIsoDate(date, days)).toBe(result);
  });

  it.each([1.5, -0.5, NaN, Infinity])('refuses %p days, which is not a whole number', (days) => {
    expect(() => addDaysToIsoDate('2026-02-28', days)).toThrow(invalidDate);
  });
});

describe(daysBetween.name, () => {
  it.each([
    ['2026-02-05', '2026-03-05', 28],
    ['2028-02-05', '2028-03-05', 29],
    ['2026-12-05', '2027-01-05', 31],
    ['2026-03-05', '2026-02-05', -28],
    ['2026-03-05', '2026-03-05', 0],
  ])('from %s to %s is %i', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('refuses an invalid date', () => {
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(invalidDate);
  });
});

describe(isoDate.name, () => {
  it('pads numbers into an ISO date', () => {
    expect(isoDate(2027, 1, 5)).toBe('2027-01-05');
  });

  it('refuses a day the month does not have', () => {
    expect(() => isoDate(2026, 2, 29)).toThrow(invalidDate);
  });
});
