import { DATE_PIPE_DEFAULT_OPTIONS, DatePipeConfig, registerLocaleData } from '@angular/common';
import localeId from '@angular/common/locales/id';
import { DEFAULT_CURRENCY_CODE, LOCALE_ID, Provider } from '@angular/core';

/** The console speaks Bahasa Indonesia as used in Indonesia. */
export const CONSOLE_LOCALE = 'id-ID';

/**
 * Asia/Jakarta (WIB) as the offset Angular's DatePipe understands. WIB has been UTC+07:00 without
 * daylight saving since 1964, so a fixed offset is exact.
 */
export const JAKARTA_UTC_OFFSET = '+0700';

/** Indonesian number and date formats, rupiah as the currency, every date shown in WIB. */
export function provideIndonesianLocale(): Provider[] {
  registerLocaleData(localeId);
  const datePipeOptions: DatePipeConfig = { timezone: JAKARTA_UTC_OFFSET };
  return [
    { provide: LOCALE_ID, useValue: CONSOLE_LOCALE },
    { provide: DEFAULT_CURRENCY_CODE, useValue: 'IDR' },
    { provide: DATE_PIPE_DEFAULT_OPTIONS, useValue: datePipeOptions },
  ];
}
