import { DomainErrorCode } from '../errors';
import { formatIndonesianDate, formatPeriodLabel, INDONESIAN_MONTH_NAMES } from './indonesian-labels';

describe(formatPeriodLabel.name, () => {
  it.each([
    ['2026-01', 'Januari 2026'],
    ['2026-03', 'Maret 2026'],
    ['2026-12', 'Desember 2026'],
  ])('labels %s as %s', (key, label) => {
    expect(formatPeriodLabel(key)).toBe(label);
  });

  it('has twelve month names', () => {
    expect(INDONESIAN_MONTH_NAMES).toHaveLength(12);
  });

  it('refuses a malformed key', () => {
    expect(() => formatPeriodLabel('2026-13')).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidPeriod }));
  });
});

describe(formatIndonesianDate.name, () => {
  it('writes day without padding, month name and year', () => {
    expect(formatIndonesianDate('2026-02-05')).toBe('5 Februari 2026');
    expect(formatIndonesianDate('2026-08-17')).toBe('17 Agustus 2026');
  });

  it('refuses an invalid date', () => {
    expect(() => formatIndonesianDate('2026-02-30')).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidDate }));
  });
});
