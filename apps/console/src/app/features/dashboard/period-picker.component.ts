import { ChangeDetectionStrategy, Component, effect, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { DateAdapter, MAT_DATE_LOCALE, NativeDateAdapter, provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { CONSOLE_LOCALE } from '../../core/format/locale';

/** A period of whole days in Asia/Jakarta, both ends inclusive, as `YYYY-MM-DD`. */
export interface Period {
  from: string;
  to: string;
}

/** Today's date in Asia/Jakarta as `YYYY-MM-DD`. */
export function jakartaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A calendar date (the picker's local midnight) as `YYYY-MM-DD`, and back. */
const isoOf = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
const dateOf = (iso: string) => new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** The native adapter, reading typed dates the way id-ID shows them: `dd/mm/yyyy` (day first). */
class IndonesianDateAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    const match = typeof value === 'string' ? /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value.trim()) : null;
    if (!match) return super.parse(value, parseFormat);
    const date = new Date(Number(match[3]), Number(match[2]) - 1, Number(match[1]));
    return date.getDate() === Number(match[1]) ? date : this.invalid();
  }
}

/**
 * Beranda's period: a Material date range picker in Indonesian (dd/mm/yyyy, typed or picked). Days are calendar days in
 * Asia/Jakarta; the picker's dates are read as calendar dates, so the browser's own time zone never shifts them.
 * Emits once both ends are chosen; days after today (WIB) cannot be picked.
 */
@Component({
  selector: 'lunas-period-picker',
  imports: [MatDatepickerModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  providers: [provideNativeDateAdapter(), { provide: DateAdapter, useClass: IndonesianDateAdapter }, { provide: MAT_DATE_LOCALE, useValue: CONSOLE_LOCALE }],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Periode</mat-label>
      <mat-date-range-input [formGroup]="range" [rangePicker]="picker" [max]="today" data-testid="dashboard-period">
        <input matStartDate formControlName="start" placeholder="Mulai" data-testid="dashboard-from" />
        <input matEndDate formControlName="end" placeholder="Sampai" data-testid="dashboard-to" (dateChange)="chosen()" />
      </mat-date-range-input>
      <mat-datepicker-toggle matIconSuffix [for]="picker" />
      <mat-date-range-picker #picker />
    </mat-form-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PeriodPickerComponent {
  readonly period = input.required<Period>();
  readonly periodChange = output<Period>();
  protected readonly today = dateOf(jakartaToday());
  protected readonly range = new FormGroup({ start: new FormControl<Date | null>(null), end: new FormControl<Date | null>(null) });

  constructor() {
    effect(() => this.range.setValue({ start: dateOf(this.period().from), end: dateOf(this.period().to) }, { emitEvent: false }));
  }

  protected chosen(): void {
    const { start, end } = this.range.getRawValue();
    if (start && end && start <= end) this.periodChange.emit({ from: isoOf(start), to: isoOf(end) });
  }
}
