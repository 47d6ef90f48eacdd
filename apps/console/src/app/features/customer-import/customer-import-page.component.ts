import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  IMPORT_FIELD_SPECS, IMPORT_FIELDS, type ImportField, type ImportJobProgress, type ImportMapping, type ImportPreview,
} from '@lunas/contracts';
import { catchError, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { FinanceApiService, saveBlob } from '../reports/finance-api.service';

const STATUS_LABELS: Record<string, string> = { new: 'Baru', update: 'Diperbarui', unchanged: 'Tidak berubah', duplicate: 'Duplikat', invalid: 'Tidak valid' };

/** Import CSV: upload → column mapping → preview of every row → confirm → background job progress → done. */
@Component({
  selector: 'lunas-customer-import-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatProgressBarModule, MatSelectModule, MatTableModule],
  template: `
    <header class="page-header"><h1>Impor Pelanggan</h1>
      <p class="page-subtitle">Unggah CSV (UTF-8, pemisah koma atau titik koma). <button mat-button type="button" (click)="downloadTemplate()">Unduh templat CSV</button></p>
    </header>
    <div class="upload">
      @if (isSuperadmin()) {
        <mat-form-field appearance="outline">
          <mat-label>Mitra tujuan</mat-label>
          <mat-select [(ngModel)]="tenantId" data-testid="import-mitra">
            @for (tenant of tenants(); track tenant.id) {
              <mat-option [value]="tenant.id">{{ tenant.businessName }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <input type="file" accept=".csv,text/csv" (change)="pick($event)" data-testid="import-file" />
    </div>
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (error(); as message) {
      <p class="error" role="alert" data-testid="import-error">{{ message }}</p>
    }
    @if (preview(); as p) {
      <h2>Pemetaan kolom</h2>
      <div class="mapping">
        @for (field of fields; track field) {
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ specs[field].label }}{{ specs[field].required ? ' *' : '' }}</mat-label>
            <mat-select [ngModel]="mapping()[field]" (ngModelChange)="remap(field, $event)">
              <mat-option [value]="null">(tidak ada)</mat-option>
              @for (header of p.headers; track header) {
                <mat-option [value]="header">{{ header }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
      </div>
      <h2>Pratinjau</h2>
      <p data-testid="import-counts">
        Baru {{ p.counts.new }} · Diperbarui {{ p.counts.update }} · Tidak berubah {{ p.counts.unchanged }} · Duplikat {{ p.counts.duplicate }} · Tidak valid {{ p.counts.invalid }}
      </p>
      <div class="table-wrap">
        <table mat-table [dataSource]="p.rows" data-testid="import-preview">
          <ng-container matColumnDef="line"><th mat-header-cell *matHeaderCellDef>Baris</th><td mat-cell *matCellDef="let row">{{ row.line }}</td></ng-container>
          <ng-container matColumnDef="status"><th mat-header-cell *matHeaderCellDef>Status</th><td mat-cell *matCellDef="let row" [class]="'status-' + row.status">{{ statusLabel(row.status) }}</td></ng-container>
          <ng-container matColumnDef="name"><th mat-header-cell *matHeaderCellDef>Nama</th><td mat-cell *matCellDef="let row">{{ row.cells.name }}</td></ng-container>
          <ng-container matColumnDef="pppoeUser"><th mat-header-cell *matHeaderCellDef>User PPPoE</th><td mat-cell *matCellDef="let row">{{ row.cells.pppoeUser }}</td></ng-container>
          <ng-container matColumnDef="reasons"><th mat-header-cell *matHeaderCellDef>Keterangan</th><td mat-cell *matCellDef="let row">{{ row.reasons.join('; ') }}</td></ng-container>
          <tr mat-header-row *matHeaderRowDef="previewColumns"></tr>
          <tr mat-row *matRowDef="let row; columns: previewColumns"></tr>
        </table>
      </div>
      @if (!job()) {
        <button mat-flat-button type="button" (click)="confirm()" [disabled]="busy() || writable() === 0" data-testid="import-confirm">Impor {{ writable() }} baris</button>
      }
    }
    @if (job(); as j) {
      <h2>Proses impor</h2>
      <mat-progress-bar mode="determinate" [value]="percent()" data-testid="import-progress" />
      <p data-testid="import-status">
        {{ j.status === 'done' ? 'Selesai' : j.status === 'failed' ? 'Gagal' : 'Berjalan' }}: {{ j.processedRows }}/{{ j.totalRows }} baris ·
        dibuat {{ j.created }} · diperbarui {{ j.updated }} · tidak berubah {{ j.unchanged }} · dilewati {{ j.skipped }}
      </p>
    }
  `,
  styles: `
    .upload, .mapping { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
    .table-wrap { overflow-x: auto; max-height: 28rem; margin-bottom: 1rem; }
    .status-invalid, .status-duplicate { color: var(--danger); }
    .status-new, .status-update { color: var(--success); }
    .error { color: var(--danger); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CustomerImportPageComponent {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly fields = IMPORT_FIELDS;
  protected readonly specs = IMPORT_FIELD_SPECS;
  protected readonly previewColumns = ['line', 'status', 'name', 'pppoeUser', 'reasons'];
  protected readonly isSuperadmin = computed(() => this.auth.user()?.roles.includes('superadmin') ?? false);
  protected readonly tenants = toSignal(inject(FinanceApiService).tenants().pipe(catchError(() => of([]))), { initialValue: [] });
  protected tenantId: string | null = null;
  private file: File | null = null;
  protected readonly preview = signal<ImportPreview | null>(null);
  protected readonly mapping = signal<ImportMapping>({} as ImportMapping);
  protected readonly job = signal<ImportJobProgress | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly writable = computed(() => {
    const counts = this.preview()?.counts;
    return counts ? counts.new + counts.update : 0;
  });
  protected readonly percent = computed(() => {
    const j = this.job();
    return j && j.totalRows ? (100 * j.processedRows) / j.totalRows : 0;
  });

  protected pick(event: Event): void {
    this.file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.upload(null);
  }

  protected remap(field: ImportField, header: string | null): void {
    this.upload({ ...this.mapping(), [field]: header });
  }

  protected statusLabel(status: string): string {
    return STATUS_LABELS[status] ?? status;
  }

  protected downloadTemplate(): void {
    this.http.get('/api/v1/customer-imports/template', { responseType: 'blob' }).subscribe((blob) => saveBlob(blob, 'templat-import-pelanggan.csv'));
  }

  protected confirm(): void {
    const preview = this.preview();
    if (!preview) return;
    this.busy.set(true);
    this.http.post<ImportJobProgress>(`/api/v1/customer-imports/${preview.id}/confirm`, {}).subscribe({
      next: (job) => (this.busy.set(false), this.job.set(job), this.poll(job.id)),
      error: (error: unknown) => (this.busy.set(false), this.error.set(apiErrorMessage(error))),
    });
  }

  private upload(mapping: ImportMapping | null): void {
    if (!this.file) return;
    const form = new FormData();
    form.append('file', this.file);
    if (this.tenantId) form.append('tenantId', this.tenantId);
    if (mapping) form.append('mapping', JSON.stringify(mapping));
    this.busy.set(true);
    this.error.set(null);
    this.job.set(null);
    this.http.post<ImportPreview>('/api/v1/customer-imports', form).subscribe({
      next: (preview) => (this.busy.set(false), this.preview.set(preview), this.mapping.set(preview.mapping)),
      error: (error: unknown) => (this.busy.set(false), this.preview.set(null), this.error.set(apiErrorMessage(error))),
    });
  }

  /** Polls the job every 500 ms until it is done or failed. */
  private poll(id: string): void {
    const timer = setInterval(() => {
      this.http.get<ImportJobProgress>(`/api/v1/customer-imports/${id}`).subscribe({
        next: (job) => {
          this.job.set(job);
          if (job.status === 'done' || job.status === 'failed') clearInterval(timer);
        },
        error: (error: unknown) => (clearInterval(timer), this.error.set(apiErrorMessage(error))),
      });
    }, 500);
    this.destroyRef.onDestroy(() => clearInterval(timer));
  }
}
