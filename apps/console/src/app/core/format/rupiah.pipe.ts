import { formatNumber } from '@angular/common';
import { inject, LOCALE_ID, Pipe, PipeTransform } from '@angular/core';

/** Formats an integer rupiah amount the Indonesian way: `150000` → `Rp 150.000`, `-5000` → `-Rp 5.000`. */
@Pipe({ name: 'rupiah' })
export class RupiahPipe implements PipeTransform {
  private readonly locale = inject(LOCALE_ID);

  transform(amount: number | null | undefined): string {
    if (amount === null || amount === undefined) {
      return '';
    }
    const digits = formatNumber(Math.abs(amount), this.locale, '1.0-0');
    return `${amount < 0 ? '-' : ''}Rp ${digits}`;
  }
}
