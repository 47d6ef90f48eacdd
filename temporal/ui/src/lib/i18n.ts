import i18next from 'i18next';

import { i18nNamespaces } from '@temporalio/ui/i18n/index';
import Locales from '@temporalio/ui/i18n/locales/index';

/**
 * Loads the package's English strings into i18next, which the package's `translate()` reads.
 * Without this every label renders blank. The UI is English-only, as the official image ships it.
 */
export function initialiseTranslations(): void {
  if (i18next.isInitialized) return;
  void i18next.init({
    lng: 'en',
    fallbackLng: 'en',
    ns: i18nNamespaces,
    defaultNS: 'common',
    resources: Locales,
    initImmediate: false,
    interpolation: { escapeValue: false },
  });
}
