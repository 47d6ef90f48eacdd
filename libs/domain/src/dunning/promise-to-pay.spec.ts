import type { DunningInvoice } from './invoice';
import { DEFAULT_DUNNING_POLICY } from './policy';
import { type PromiseToPayRequest, validatePromise } from './promise-to-pay';
import { wib, wibText } from './wib.spec-helper';

// Invoice due Mon 2 March 2026; the customer calls on T+13, Sunday 15 March 10:00 WIB.
// Default policy: at most 7 days ahead (latest Sunday 22 March), once per invoice.
const invoice: DunningInvoice = { dueDate: '2026-03-02', total: 166_500, balance: 166_500, status: 'open' };
const request: PromiseToPayRequest = {
  policy: DEFAULT_DUNNING_POLICY,
  invoice,
  existingPromises: [],
  requestedUntil: '2026-03-20',
  now: wib('2026-03-15 10:00'),
};

describe(validatePromise.name, () => {
  it('accepts a date within 7 days and expires it when that day is over in Jakarta', () => {
    const result = validatePromise(request);
    if (!result.ok) throw new Error(result.message);
    expect(wibText(result.until)).toBe('Sat 2026-03-21 00:00');
  });

  it('accepts today and the 7th day, refuses the 8th', () => {
    expect(validatePromise({ ...request, requestedUntil: '2026-03-15' }).ok).toBe(true);
    expect(validatePromise({ ...request, requestedUntil: '2026-03-22' }).ok).toBe(true);
    expect(validatePromise({ ...request, requestedUntil: '2026-03-23' })).toEqual({
      ok: false,
      code: 'PROMISE_DATE_TOO_FAR',
      message: 'Tanggal janji bayar melebihi batas 7 hari (paling lambat 2026-03-22)',
    });
  });

  it('counts days in Jakarta: at 01:00 WIB on 16 March (still 15 March in UTC) the 15th is past', () => {
    const now = wib('2026-03-16 01:00');
    expect(validatePromise({ ...request, now, requestedUntil: '2026-03-15' })).toEqual({
      ok: false,
      code: 'PROMISE_DATE_IN_PAST',
      message: 'Tanggal janji bayar tidak boleh sebelum hari ini',
    });
    expect(validatePromise({ ...request, now, requestedUntil: '2026-03-23' }).ok).toBe(true);
  });

  it('allows one promise per invoice unless an admin overrides', () => {
    const second = { ...request, existingPromises: [{ until: wib('2026-03-12 00:00') }] };
    expect(validatePromise(second)).toEqual({
      ok: false,
      code: 'PROMISE_LIMIT_REACHED',
      message: 'Janji bayar untuk tagihan ini sudah 1 kali (batas 1 kali); perlu persetujuan admin',
    });
    expect(validatePromise({ ...second, adminOverride: true }).ok).toBe(true);
  });

  it('keeps the day limit even with an admin override', () => {
    expect(validatePromise({ ...request, adminOverride: true, requestedUntil: '2026-03-30' })).toMatchObject({
      ok: false,
      code: 'PROMISE_DATE_TOO_FAR',
    });
  });

  it('refuses a date that does not exist', () => {
    expect(validatePromise({ ...request, requestedUntil: '2026-02-30' })).toEqual({
      ok: false,
      code: 'PROMISE_DATE_INVALID',
      message: 'Tanggal janji bayar harus berupa tanggal yang valid (format YYYY-MM-DD)',
    });
    expect(validatePromise({ ...request, requestedUntil: '20-03-2026' })).toMatchObject({ code: 'PROMISE_DATE_INVALID' });
  });

  it('refuses a promise on a paid or void invoice', () => {
    expect(validatePromise({ ...request, invoice: { ...invoice, status: 'paid', balance: 0 } })).toEqual({
      ok: false,
      code: 'INVOICE_PAID',
      message: 'Tagihan sudah lunas, janji bayar tidak diperlukan',
    });
    expect(validatePromise({ ...request, invoice: { ...invoice, status: 'void' } })).toMatchObject({ code: 'INVOICE_VOID' });
  });

  it('refuses every promise when the policy disables them', () => {
    const policy = { ...DEFAULT_DUNNING_POLICY, promiseToPay: { maxDaysAhead: 0, maxPerInvoice: 1 } };
    expect(validatePromise({ ...request, policy })).toEqual({
      ok: false,
      code: 'PROMISE_DISABLED',
      message: 'Kebijakan penagihan ini tidak mengizinkan janji bayar',
    });
  });

  it('lets a partly paid invoice have a promise for the balance', () => {
    expect(validatePromise({ ...request, invoice: { ...invoice, balance: 66_500 } }).ok).toBe(true);
  });
});
