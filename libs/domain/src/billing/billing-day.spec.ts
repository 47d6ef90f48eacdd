import { DomainErrorCode } from '../errors';
import { assertBillingDay, isBillingDay } from './billing-day';

describe(isBillingDay.name, () => {
  it.each([1, 15, 28])('accepts %i', (day) => {
    expect(isBillingDay(day)).toBe(true);
  });

  it.each([0, 29, 31, 1.5, NaN, '5'])('rejects %p', (day) => {
    expect(isBillingDay(day)).toBe(false);
  });
});

describe(assertBillingDay.name, () => {
  it('returns a billing day and throws INVALID_BILLING_DAY with an Indonesian message otherwise', () => {
    expect(assertBillingDay(28)).toBe(28);
    expect(() => assertBillingDay(29)).toThrow('Tanggal tagihan tidak valid: 29. Pilih tanggal 1 sampai 28.');
    expect(() => assertBillingDay(29)).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidBillingDay }));
  });
});
