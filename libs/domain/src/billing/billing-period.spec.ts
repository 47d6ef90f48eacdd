import { DomainErrorCode } from '../errors';
import { billingPeriod, isDateInPeriod, nextPeriod, periodContaining, periodContainingDate } from './billing-period';

const utc = (iso: string) => Date.parse(iso);

describe(billingPeriod.name, () => {
  it('runs from the billing day to the day before the next billing day', () => {
    expect(billingPeriod(5, '2026-03')).toEqual({
      key: '2026-03',
      billingDay: 5,
      start: '2026-03-05',
      end: '2026-04-04',
      days: 31,
    });
  });

  it('starts on 28 February with billing day 28 and lasts 28 days in a common year', () => {
    expect(billingPeriod(28, '2026-02')).toMatchObject({ start: '2026-02-28', end: '2026-03-27', days: 28 });
  });

  it('lasts 29 days across February in a leap year (2028)', () => {
    expect(billingPeriod(28, '2028-02')).toMatchObject({ start: '2028-02-28', end: '2028-03-27', days: 29 });
    expect(billingPeriod(28, '2028-01')).toMatchObject({ start: '2028-01-28', end: '2028-02-27', days: 31 });
  });

  it('covers the whole of February with billing day 1, ending on the 29th in a leap year', () => {
    expect(billingPeriod(1, '2026-02')).toMatchObject({ start: '2026-02-01', end: '2026-02-28', days: 28 });
    expect(billingPeriod(1, '2028-02')).toMatchObject({ start: '2028-02-01', end: '2028-02-29', days: 29 });
  });

  it('crosses from December into January', () => {
    expect(billingPeriod(15, '2026-12')).toMatchObject({ start: '2026-12-15', end: '2027-01-14', days: 31 });
  });

  it('refuses a billing day outside 1–28 and a malformed key', () => {
    expect(() => billingPeriod(29, '2026-03')).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidBillingDay }));
    expect(() => billingPeriod(5, '2026-3')).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidPeriod }));
  });
});

describe(periodContainingDate.name, () => {
  it('is the period of the month from the billing day on, and of the previous month before it', () => {
    expect(periodContainingDate(5, '2026-03-05').key).toBe('2026-03');
    expect(periodContainingDate(5, '2026-03-04').key).toBe('2026-02');
    expect(periodContainingDate(5, '2026-03-31').key).toBe('2026-03');
  });

  it('reaches back into December early in January', () => {
    expect(periodContainingDate(10, '2027-01-09').key).toBe('2026-12');
    expect(periodContainingDate(10, '2027-01-10').key).toBe('2027-01');
  });

  it('puts 29 February 2028 in the February period with billing day 28, and 27 February in January\'s', () => {
    expect(periodContainingDate(28, '2028-02-29').key).toBe('2028-02');
    expect(periodContainingDate(28, '2028-02-27').key).toBe('2028-01');
  });

  it('refuses an invalid date', () => {
    expect(() => periodContainingDate(5, '2026-02-30')).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidDate }));
  });
});

describe(periodContaining.name, () => {
  it('takes the date in Asia/Jakarta: 17:00 UTC the day before the billing day is already the billing day', () => {
    expect(periodContaining(5, utc('2026-03-04T16:59:59Z')).key).toBe('2026-02');
    expect(periodContaining(5, utc('2026-03-04T17:00:00Z')).key).toBe('2026-03');
  });

  it('turns to January at 00:00 WIB on 1 January with billing day 1', () => {
    expect(periodContaining(1, utc('2026-12-31T16:59:59Z')).key).toBe('2026-12');
    expect(periodContaining(1, utc('2026-12-31T17:00:00Z')).key).toBe('2027-01');
  });
});

describe(nextPeriod.name, () => {
  it('moves from December to January of the next year', () => {
    expect(nextPeriod(billingPeriod(5, '2026-12'))).toEqual(billingPeriod(5, '2027-01'));
  });

  it('starts the day after the previous period ends', () => {
    const february = billingPeriod(28, '2028-02');
    expect(nextPeriod(billingPeriod(28, '2028-01')).start).toBe(february.start);
    expect(nextPeriod(february)).toMatchObject({ key: '2028-03', start: '2028-03-28' });
  });
});

describe(isDateInPeriod.name, () => {
  const period = billingPeriod(5, '2026-02');

  it('includes the first and the last day', () => {
    expect(isDateInPeriod(period, '2026-02-05')).toBe(true);
    expect(isDateInPeriod(period, '2026-03-04')).toBe(true);
  });

  it('excludes the day before and the day after', () => {
    expect(isDateInPeriod(period, '2026-02-04')).toBe(false);
    expect(isDateInPeriod(period, '2026-03-05')).toBe(false);
  });
});
