import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import { FINANCE_REPORT_KINDS, FINANCE_REPORT_TITLES, type FinanceReport, type FinanceReportKind, type ReportCell, type ReportColumn } from '@lunas/contracts';
import { catchError, finalize, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { FinanceApiService, saveBlob, type ReportFilter } from './finance-api.service';

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** Keuangan: one finance report at a time over a date range and mitra, kept in the URL; CSV and XLSX exports. */
@Component({
  selector: 'lunas-reports-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule, MatTableModule],
  template: `
    <header class="page-header"><h1>Laporan Keuangan</h1></header>
    <form class="filters" (ngSubmit)="apply()">
      <mat-form-field appearance="outline">
        <mat-label>Laporan</mat-label>
        <mat-select name="kind" [(ngModel)]="draftKind" data-testid="report-kind">
          @for (k of kinds; track k) {
            <mat-option [value]="k">{{ titles[k] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Dari tanggal</mat-label>
        <input matInput type="date" name="from" [(ngModel)]="draftFrom" required data-testid="report-from" />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Sampai tanggal</mat-label>
        <input matInput type="date" name="to" [(ngModel)]="draftTo" required data-testid="report-to" />
      </mat-form-field>
      @if (isSuperadmin()) {
        <mat-form-field appearance="outline">
          <mat-label>Mitra</mat-label>
          <mat-select name="tenantId" [(ngModel)]="draftTenantId">
            <mat-option [value]="null">Semua mitra</mat-option>
            @for (tenant of tenants(); track tenant.id) {
              <mat-option [value]="tenant.id">{{ tenant.businessName }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <button mat-flat-button type="submit" data-testid="report-show">Tampilkan</button>
      <button mat-stroked-button type="button" (click)="download('csv')" [disabled]="busy()" data-testid="export-csv">Ekspor CSV</button>
      <button mat-stroked-button type="button" (click)="download('xlsx')" [disabled]="busy()" data-testid="export-xlsx">Ekspor XLSX</button>
    </form>
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" data-testid="report-progress" />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (report(); as r) {
      <h2>{{ r.title }} · {{ r.from }} s.d. {{ r.to }}</h2>
      <div class="table-wrap">
        <table mat-table [dataSource]="rowsWithTotal()" data-testid="report-table">
          @for (column of r.columns; track column.key) {
            <ng-container [matColumnDef]="column.key">
              <th mat-header-cell *matHeaderCellDef [class.num]="isNumeric(column)">{{ column.label }}</th>
              <td mat-cell *matCellDef="let row" [class.num]="isNumeric(column)">{{ format(column, row[column.key]) }}</td>
            </ng-container>
          }
          <tr mat-header-row *matHeaderRowDef="columnKeys()"></tr>
          <tr mat-row *matRowDef="let row; columns: columnKeys(); let last = last" [class.total]="last"></tr>
        </table>
      </div>
      @if (r.rows.length === 0) {
        <p>Tidak ada data pada rentang ini.</p>
      }
    }
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
    .table-wrap { overflow-x: auto; }
    .num { text-align: right; }
    .total td { font-weight: 600; }
    .error { color: var(--danger); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportsPageComponent {
  private readonly api = inject(FinanceApiService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  private readonly rupiah = new RupiahPipe();

  /** Route parameter and query (the URL is the filter). */
  readonly kind = input<FinanceReportKind>('aging');
  readonly from = input<string>();
  readonly to = input<string>();
  readonly tenantId = input<string>();

  protected readonly kinds = FINANCE_REPORT_KINDS;
  protected readonly titles = FINANCE_REPORT_TITLES;
  protected readonly isSuperadmin = computed(() => this.auth.user()?.roles.includes('superadmin') ?? false);
  protected readonly tenants = toSignal(this.api.tenants().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly report = signal<FinanceReport | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected draftKind: FinanceReportKind = 'aging';
  protected draftFrom = `${today().slice(0, 7)}-01`;
  protected draftTo = today();
  protected draftTenantId: string | null = null;

  protected readonly columnKeys = computed(() => this.report()?.columns.map((c) => c.key) ?? []);
  protected readonly rowsWithTotal = computed(() => {
    const r = this.report();
    return r ? [...r.rows, r.totals] : [];
  });

  constructor() {
    effect(() => {
      const filter = this.filter();
      this.draftKind = this.kind();
      this.draftFrom = filter.from;
      this.draftTo = filter.to;
      this.draftTenantId = filter.tenantId;
      this.load(this.kind(), filter);
    });
  }

  protected apply(): void {
    void this.router.navigate(['/laporan', this.draftKind], {
      queryParams: { from: this.draftFrom, to: this.draftTo, tenantId: this.draftTenantId ?? undefined },
    });
  }

  protected download(format: 'csv' | 'xlsx'): void {
    const kind = this.kind();
    const filter = this.filter();
    this.busy.set(true);
    this.api
      .export(kind, filter, format)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (blob) => saveBlob(blob, `keuangan-${kind}-${filter.from}_${filter.to}.${format}`),
        error: (error: unknown) => this.error.set(apiErrorMessage(error)),
      });
  }

  protected isNumeric(column: ReportColumn): boolean {
    return ['count', 'rupiah', 'percent', 'days'].includes(column.type);
  }

  protected format(column: ReportColumn, value: ReportCell): string {
    if (value === null || value === undefined) return '';
    if (column.type === 'rupiah') return this.rupiah.transform(Number(value));
    if (typeof value === 'number') return value.toLocaleString('id-ID');
    return value;
  }

  private filter(): ReportFilter {
    return { from: this.from() ?? `${today().slice(0, 7)}-01`, to: this.to() ?? today(), tenantId: this.tenantId() ?? null };
  }

  private load(kind: FinanceReportKind, filter: ReportFilter): void {
    this.busy.set(true);
    this.error.set(null);
    this.api
      .report(kind, filter)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({ next: (report) => this.report.set(report), error: (error: unknown) => (this.report.set(null), this.error.set(apiErrorMessage(error))) });
  }
}
