import { addMonthsToPeriodKey, formatJakartaDateTime } from '../calendar';
import { DomainErrorCode } from '../errors';
import { billingPeriod } from './billing-period';
import {
  assertInvoiceLeadTime,
  DEFAULT_INVOICE_LEAD_TIME,
  dueDate,
  invoiceIssueTime,
  nextDuePeriod,
  overdueAt,
  upcomingInvoicePeriod,
} from './invoice-schedule';

const utc = (iso: string) => Date.parse(iso);
const wib = (instant: number) => formatJakartaDateTime(instant);

describe('DEFAULT_INVOICE_LEAD_TIME', () => {
  it('is H-1 at 06:00 WIB', () => {
    expect(DEFAULT_INVOICE_LEAD_TIME).toEqual({ daysBefore: 1, hour: 6, minute: 0 });
  });
});

describe(assertInvoiceLeadTime.name, () => {
  it('accepts the bounds', () => {
    expect(assertInvoiceLeadTime({ daysBefore: 0, hour: 0, minute: 0 })).toEqual({ daysBefore: 0, hour: 0, minute: 0 });
    expect(assertInvoiceLeadTime({ daysBefore: 27, hour: 23, minute: 59 })).toEqual({ daysBefore: 27, hour: 23, minute: 59 });
  });

  it.each([
    { daysBefore: 28, hour: 6, minute: 0 },
    { daysBefore: -1, hour: 6, minute: 0 },
    { daysBefore: 1, hour: 24, minute: 0 },
    { daysBefore: 1, hour: 6, minute: 60 },
    { daysBefore: 1.5, hour: 6, minute: 0 },
  ])('refuses %p', (leadTime) => {
    expect(() => assertInvoiceLeadTime(leadTime)).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidLeadTime }));
  });
});

describe(dueDate.name, () => {
  it('is the billing day of the month before the period (004: on 5 February the March invoice is due)', () => {
    expect(dueDate(billingPeriod(5, '2026-03'))).toBe('2026-02-05');
  });

  it('falls in December for a January period', () => {
    expect(dueDate(billingPeriod(10, '2027-01'))).toBe('2026-12-10');
  });

  it('is 28 February for billing day 28, in common and leap years alike', () => {
    expect(dueDate(billingPeriod(28, '2026-03'))).toBe('2026-02-28');
    expect(dueDate(billingPeriod(28, '2028-03'))).toBe('2028-02-28');
  });
});

describe(overdueAt.name, () => {
  it('is 00:00 WIB the day after the due date, so the whole due date counts as on time', () => {
    expect(wib(overdueAt(billingPeriod(5, '2026-03')))).toBe('2026-02-06T00:00:00+07:00');
  });

  it('moves into March after a 28 February due date, and onto 29 February in a leap year', () => {
    expect(wib(overdueAt(billingPeriod(28, '2026-03')))).toBe('2026-03-01T00:00:00+07:00');
    expect(wib(overdueAt(billingPeriod(28, '2028-03')))).toBe('2028-02-29T00:00:00+07:00');
  });
});

describe(invoiceIssueTime.name, () => {
  it('is 06:00 WIB the day before the due date by default (23:00 UTC two days before)', () => {
    const issued = invoiceIssueTime(billingPeriod(5, '2026-03'));
    expect(wib(issued)).toBe('2026-02-04T06:00:00+07:00');
    expect(new Date(issued).toISOString()).toBe('2026-02-03T23:00:00.000Z');
  });

  it('crosses a month end with billing day 1: issued on the last day of the previous month', () => {
    expect(wib(invoiceIssueTime(billingPeriod(1, '2026-03')))).toBe('2026-01-31T06:00:00+07:00');
    expect(wib(invoiceIssueTime(billingPeriod(1, '2026-04')))).toBe('2026-02-28T06:00:00+07:00');
    expect(wib(invoiceIssueTime(billingPeriod(1, '2028-04')))).toBe('2028-02-29T06:00:00+07:00');
  });

  it('crosses the year end: the February period with billing day 1 is issued on 31 December', () => {
    expect(wib(invoiceIssueTime(billingPeriod(1, '2027-02')))).toBe('2026-12-31T06:00:00+07:00');
  });

  it('follows a configured lead time', () => {
    const period = billingPeriod(5, '2026-03');
    expect(wib(invoiceIssueTime(period, { daysBefore: 7, hour: 9, minute: 30 }))).toBe('2026-01-29T09:30:00+07:00');
    expect(wib(invoiceIssueTime(period, { daysBefore: 0, hour: 0, minute: 0 }))).toBe('2026-02-05T00:00:00+07:00');
  });

  it('refuses an invalid lead time', () => {
    expect(() => invoiceIssueTime(billingPeriod(5, '2026-03'), { daysBefore: 1, hour: 25, minute: 0 })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidLeadTime }),
    );
  });
});

describe(upcomingInvoicePeriod.name, () => {
  // Billing day 5, H-1 06:00 WIB: period 2026-03 is issued at 2026-02-04T06:00+07:00 = 2026-02-03T23:00Z.
  it('is the period issued at that very instant', () => {
    expect(upcomingInvoicePeriod(5, utc('2026-02-03T23:00:00Z')).key).toBe('2026-03');
  });

  it('is the same period one minute before its issue time', () => {
    expect(upcomingInvoicePeriod(5, utc('2026-02-03T22:59:00Z')).key).toBe('2026-03');
  });

  it('moves to the following period one minute after the issue time', () => {
    expect(upcomingInvoicePeriod(5, utc('2026-02-03T23:01:00Z')).key).toBe('2026-04');
  });

  it('skips periods already issued when the lead time is long', () => {
    // 2026-02-10: in service is 2026-02; 2026-03 was issued 2026-02-04; with H-27 2026-04 is issued 2026-02-06.
    const leadTime = { daysBefore: 27, hour: 6, minute: 0 };
    expect(upcomingInvoicePeriod(5, utc('2026-02-10T00:00:00Z'), leadTime).key).toBe('2026-05');
  });

  it('crosses December into the next year', () => {
    // 2026-12-20 WIB, billing day 10: 2027-01 was issued 2026-11-09; 2027-02 is issued 2027-01-09.
    expect(upcomingInvoicePeriod(10, utc('2026-12-20T00:00:00Z')).key).toBe('2027-02');
  });

  it('returns the first period issued at or after the instant, whatever the billing day', () => {
    const instant = utc('2026-02-14T10:00:00Z');
    for (let day = 1; day <= 28; day += 1) {
      const period = upcomingInvoicePeriod(day, instant);
      const previous = billingPeriod(day, addMonthsToPeriodKey(period.key, -1));
      expect(invoiceIssueTime(period)).toBeGreaterThanOrEqual(instant);
      expect(invoiceIssueTime(previous)).toBeLessThan(instant);
    }
  });
});

describe(nextDuePeriod.name, () => {
  // Billing day 5: period 2026-03 (service 5 March – 4 April) falls due 2026-02-05.
  it('is the period due on the next billing day, on the day before it (H-1)', () => {
    expect(nextDuePeriod(5, utc('2026-02-04T16:59:00Z')).key).toBe('2026-03'); // 4 Feb 23:59 WIB
  });

  it('is the period due a month later on the billing day itself', () => {
    expect(nextDuePeriod(5, utc('2026-02-04T17:00:00Z')).key).toBe('2026-04'); // 5 Feb 00:00 WIB
  });

  it('is the period due on the next billing day right after a billing day', () => {
    expect(nextDuePeriod(5, utc('2026-02-05T17:00:00Z')).key).toBe('2026-04'); // 6 Feb 00:00 WIB
  });
});
