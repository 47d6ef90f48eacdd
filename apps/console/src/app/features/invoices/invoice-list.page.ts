import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AGING_BUCKET_LABELS, type AgingBucket } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { INVOICE_STATUS_LABELS } from '../../shared/labels/status-labels';
import { StatusChipComponent } from '../../shared/labels/status-chip.component';
import { ListFrameComponent } from '../../shared/list/list-frame.component';
import { ListSearchComponent } from '../../shared/list/list-search.component';
import { ListStore } from '../../shared/list/list-store';
import { InvoiceRow, InvoicesService } from './invoices.service';

/** Tagihan: every invoice with its status, period, due date and days overdue; search by number or customer. */
@Component({
  selector: 'lunas-invoice-list-page',
  imports: [DatePipe, RouterLink, RupiahPipe, MatButtonModule, MatTableModule, MatSortModule, MatFormFieldModule, MatInputModule, MatSelectModule, ListFrameComponent, ListSearchComponent, StatusChipComponent],
  template: `
    <header class="page-header">
      <div>
        <h1>Tagihan</h1>
        <p class="page-subtitle">Tagihan terbit otomatis oleh alur kerja tiap langganan.</p>
      </div>
    </header>
    <div class="list-toolbar">
      <lunas-list-search [store]="store" label="Cari nomor tagihan atau nama pelanggan" />
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select [value]="store.filterValue('status')" (selectionChange)="store.filter('status', $event.value)">
          <mat-option value="">Semua status</mat-option>
          @for (status of statuses; track status[0]) {
            <mat-option [value]="status[0]">{{ status[1].label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Periode</mat-label>
        <input matInput type="month" [value]="store.filterValue('period')" (change)="store.filter('period', $any($event.target).value)" />
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Keterlambatan</mat-label>
        <mat-select [value]="store.filterValue('overdue')" (selectionChange)="store.filter('overdue', $event.value)">
          <mat-option value="">Semua</mat-option>
          <mat-option value="true">Lewat jatuh tempo</mat-option>
        </mat-select>
      </mat-form-field>
    </div>
    @if (berandaFilter(); as label) {
      <p class="beranda-filter" data-testid="invoice-beranda-filter">{{ label }} <button mat-button type="button" (click)="clearBerandaFilter()">Hapus filter</button></p>
    }
    <lunas-list-frame [store]="store" emptyTitle="Belum ada tagihan" emptyHint="Tagihan terbit sendiri sehari sebelum tanggal tagihan tiap langganan. Tambahkan langganan agar tagihan terbit." errorTitle="Daftar tagihan tidak dapat dimuat">
      <table mat-table [dataSource]="store.items()" matSort [matSortActive]="store.sortState().active" [matSortDirection]="store.sortState().direction" (matSortChange)="store.sortBy($event)">
        <ng-container matColumnDef="number">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Nomor</th>
          <td mat-cell *matCellDef="let row"><a class="row-link" [routerLink]="['/tagihan', row.id]">{{ row.number }}</a></td>
        </ng-container>
        <ng-container matColumnDef="customer">
          <th mat-header-cell *matHeaderCellDef>Pelanggan</th>
          <td mat-cell *matCellDef="let row">{{ row.customerName ?? '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="period">
          <th mat-header-cell *matHeaderCellDef>Periode</th>
          <td mat-cell *matCellDef="let row">{{ row.period }}</td>
        </ng-container>
        <ng-container matColumnDef="dueAt">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Jatuh tempo</th>
          <td mat-cell *matCellDef="let row">
            {{ row.dueAt | date: 'd MMM y' }}
            @if (row.overdueDays) { <div class="error-text">terlambat {{ row.overdueDays }} hari</div> }
          </td>
        </ng-container>
        <ng-container matColumnDef="total">
          <th mat-header-cell *matHeaderCellDef mat-sort-header class="money">Total</th>
          <td mat-cell *matCellDef="let row" class="money">{{ row.total | rupiah }}</td>
        </ng-container>
        <ng-container matColumnDef="balance">
          <th mat-header-cell *matHeaderCellDef class="money">Sisa</th>
          <td mat-cell *matCellDef="let row" class="money">{{ row.balance | rupiah }}</td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>Status</th>
          <td mat-cell *matCellDef="let row"><lunas-status-chip [labels]="statusLabels" [status]="row.status" /></td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </lunas-list-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvoiceListPageComponent {
  private readonly invoices = inject(InvoicesService);

  protected readonly store = new ListStore<InvoiceRow>(
    ['status', 'period', 'overdue', 'customerId', 'subscriptionId', 'tenantId', 'issuedFrom', 'issuedTo', 'open', 'aging', 'asOf', 'step'], (query) =>
    this.invoices.list(query),
  );
  protected readonly columns = ['number', 'customer', 'period', 'dueAt', 'total', 'balance', 'status'];
  protected readonly statuses = Object.entries(INVOICE_STATUS_LABELS);
  protected readonly statusLabels = INVOICE_STATUS_LABELS;
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** The filters a Beranda figure opened this list with, in words; null when there are none. */
  protected readonly berandaFilter = computed(() => {
    const f = this.store.query().filters;
    const day = f['asOf'] ?? 'hari ini';
    const parts = [
      f['issuedFrom'] || f['issuedTo'] ? `terbit ${f['issuedFrom'] ?? '…'} s.d. ${f['issuedTo'] ?? '…'}` : '',
      f['open'] === 'true' ? `masih terutang per ${day}` : '',
      f['overdue'] === 'true' && f['asOf'] ? `lewat jatuh tempo per ${day}` : '',
      f['aging'] ? `umur piutang ${AGING_BUCKET_LABELS[f['aging'] as AgingBucket] ?? f['aging']} per ${day}` : '',
      f['step'] ? `mencapai tahap penagihan "${f['step']}"` : '',
    ].filter(Boolean);
    return parts.length ? `Dari Beranda: ${parts.join(', ')}.` : null;
  });

  protected clearBerandaFilter(): void {
    const cleared = Object.fromEntries(BERANDA_FILTERS.map((key) => [key, null]));
    void this.router.navigate([], { relativeTo: this.route, queryParams: cleared, queryParamsHandling: 'merge' });
  }
}

/** The filters only Beranda's links set (no control of their own on this page). */
const BERANDA_FILTERS = ['issuedFrom', 'issuedTo', 'open', 'overdue', 'aging', 'asOf', 'step'];
