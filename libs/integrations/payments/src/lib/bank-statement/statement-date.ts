import { format, isValid, parse, type Locale } from 'date-fns';
import { enUS, id } from 'date-fns/locale';

/** Month names may be English or Indonesian (Mandiri exports vary), so both locales are tried. */
const LOCALES: readonly Locale[] = [enUS, id];
const REFERENCE_DATE = new Date(2000, 0, 1);

/** Parses a printed date with the first matching date-fns pattern; returns YYYY-MM-DD or undefined. */
export function parseCalendarDate(text: string, patterns: readonly string[]): string | undefined {
  for (const pattern of patterns) {
    for (const locale of LOCALES) {
      const parsed = parse(text, pattern, REFERENCE_DATE, { locale });
      if (isValid(parsed)) return format(parsed, 'yyyy-MM-dd');
    }
  }
  return undefined;
}
