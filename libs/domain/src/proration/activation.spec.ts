import { jakartaInstant } from '../calendar';
import { activationPeriods, firstPeriodAmount, firstScheduledPeriod, prorateInvoicedPeriods } from './activation';

const wib = (text: string) => jakartaInstant(text.slice(0, 10), Number(text.slice(11, 13)), Number(text.slice(14, 16)));

describe(activationPeriods.name, () => {
  it('bills 12 of 31 days of 2026-12 and 2027-01 in advance for billing day 1 and activation on 20 December', () => {
    const periods = activationPeriods(1, '2026-12-20', '2027-01');
    expect(periods).toMatchObject({ first: { key: '2026-12', start: '2026-12-01', end: '2026-12-31', days: 31 }, firstDays: 12 });
    expect(periods.advance.map((period) => period.key)).toEqual(['2027-01']);
    expect(firstPeriodAmount(150_000, periods, 'prorated')).toBe(58_065); // 58.064,52
    expect(firstPeriodAmount(150_000, periods, 'full_month')).toBe(150_000);
  });

  it('counts the whole period when activated on the billing day and one day on the last day', () => {
    expect(activationPeriods(5, '2027-04-05', '2027-05')).toMatchObject({ first: { key: '2027-04' }, firstDays: 30 });
    const last = activationPeriods(5, '2027-05-04', '2027-06');
    expect(last).toMatchObject({ first: { key: '2027-04' }, firstDays: 1 });
    expect(last.advance.map((period) => period.key)).toEqual(['2027-05', '2027-06']);
  });
});

describe(firstScheduledPeriod.name, () => {
  it('is two periods after the activation period, or the next still to be issued when that issue time has passed', () => {
    expect(firstScheduledPeriod(1, '2026-12-20', wib('2026-12-20 10:00')).key).toBe('2027-02');
    expect(firstScheduledPeriod(1, '2026-12-31', wib('2026-12-31 05:59')).key).toBe('2027-02');
    expect(firstScheduledPeriod(1, '2026-12-31', wib('2026-12-31 10:00')).key).toBe('2027-03');
    expect(firstScheduledPeriod(1, '2026-10-15', wib('2026-12-20 10:00')).key).toBe('2027-02'); // dated back
    expect(firstScheduledPeriod(1, '2027-03-10', wib('2026-12-20 10:00')).key).toBe('2027-05'); // dated ahead
  });
});

describe(prorateInvoicedPeriods.name, () => {
  const change = { billingDay: 5, oldMonthlyAmount: 100_000, newMonthlyAmount: 150_000 };

  it('prorates the rest of the period in service and the whole period invoiced ahead', () => {
    const result = prorateInvoicedPeriods({ ...change, effectiveDate: '2027-04-20', billedFrom: '2027-03-05', lastInvoiced: '2027-05' });
    expect(result.map(({ period, from, remainingDays, daysInPeriod, net }) => ({ period, from, remainingDays, daysInPeriod, net }))).toEqual([
      { period: '2027-04', from: '2027-04-20', remainingDays: 15, daysInPeriod: 30, net: 25_000 },
      { period: '2027-05', from: '2027-05-05', remainingDays: 31, daysInPeriod: 31, net: 50_000 },
    ]);
  });

  it('leaves out the days before the first billed day and answers nothing when the change precedes every invoice', () => {
    const fromActivation = prorateInvoicedPeriods({ ...change, effectiveDate: '2027-04-20', billedFrom: '2027-05-05', lastInvoiced: '2027-05' });
    expect(fromActivation.map((p) => [p.period, p.from, p.net])).toEqual([['2027-05', '2027-05-05', 50_000]]);
    expect(prorateInvoicedPeriods({ ...change, effectiveDate: '2027-06-10', billedFrom: '2027-04-05', lastInvoiced: '2027-05' })).toEqual([]);
  });
});
