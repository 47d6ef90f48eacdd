import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { StatusChipComponent } from '../../shared/labels/status-chip.component';
import { StatusLabel } from '../../shared/labels/status-labels';
import { BankImportPreview, BankImportReport, PaymentsService, STATEMENT_BANKS, StatementBank } from './payments.service';

/** The API's limit on one statement file. */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;

export const ROW_OUTCOME_LABELS: Record<string, StatusLabel> = {
  matched: { label: 'Cocok', tone: 'good' },
  ambiguous: { label: 'Meragukan', tone: 'warn' },
  unmatched: { label: 'Tidak cocok', tone: 'neutral' },
  invalid: { label: 'Tidak valid', tone: 'bad' },
  duplicate: { label: 'Sudah diimpor', tone: 'neutral' },
};

/**
 * Impor mutasi bank: upload the bank's CSV (progress shown) → preview per row (matched / ambiguous / unmatched /
 * invalid, with the reason) → confirm books the matched rows; the rest goes to the reconciliation queue.
 */
@Component({
  selector: 'lunas-bank-import-page',
  imports: [FormsModule, RupiahPipe, MatFormFieldModule, MatSelectModule, MatButtonModule, MatProgressBarModule, StatusChipComponent],
  templateUrl: './bank-import.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BankImportPageComponent {
  private readonly payments = inject(PaymentsService);

  protected readonly banks = STATEMENT_BANKS;
  protected readonly outcomeLabels = ROW_OUTCOME_LABELS;
  protected readonly bank = signal<StatementBank>('bca');
  protected readonly file = signal<File | null>(null);
  /** Upload progress 0–100 while the file is being sent; null otherwise. */
  protected readonly progress = signal<number | null>(null);
  protected readonly preview = signal<BankImportPreview | null>(null);
  protected readonly report = signal<BankImportReport | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly confirming = signal(false);
  protected readonly matchedCount = computed(() => this.preview()?.summary['matched'] ?? 0);
  protected readonly summary = computed(() => Object.entries(this.preview()?.summary ?? {}));

  protected choose(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.preview.set(null);
    this.report.set(null);
    this.error.set(file && file.size > MAX_STATEMENT_BYTES ? 'Berkas terlalu besar: paling besar 5 MB. Pecah mutasi per bulan.' : null);
    this.file.set(file && file.size <= MAX_STATEMENT_BYTES ? file : null);
  }

  protected upload(): void {
    const file = this.file();
    if (!file) {
      this.error.set('Pilih berkas CSV mutasi bank terlebih dahulu.');
      return;
    }
    this.error.set(null);
    this.progress.set(0);
    this.payments.previewStatement(file, this.bank()).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          this.progress.set(event.total ? Math.round((100 * event.loaded) / event.total) : 50);
        } else if (event.type === HttpEventType.Response) {
          this.progress.set(null);
          this.preview.set(event.body);
        }
      },
      error: (error: unknown) => {
        this.progress.set(null);
        this.error.set(apiErrorMessage(error));
      },
    });
  }

  protected confirm(): void {
    const preview = this.preview();
    if (!preview) return;
    this.confirming.set(true);
    this.payments.confirmStatement(preview.id).subscribe({
      next: (report) => {
        this.confirming.set(false);
        this.report.set(report);
        this.preview.set(null);
      },
      error: (error: unknown) => {
        this.confirming.set(false);
        this.error.set(apiErrorMessage(error));
      },
    });
  }
}
