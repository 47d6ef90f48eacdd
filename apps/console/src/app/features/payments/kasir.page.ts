import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { ListFrameComponent } from '../../shared/list/list-frame.component';
import { ListSearchComponent } from '../../shared/list/list-search.component';
import { ListStore } from '../../shared/list/list-store';
import { InvoiceRow, InvoicesService } from '../invoices/invoices.service';
import { ManualPaymentData, ManualPaymentDialogComponent, ManualPaymentOutcome } from './manual-payment.dialog';

/** Kasir: find the customer's open invoice and record the cash or transfer received. */
@Component({
  selector: 'lunas-kasir-page',
  imports: [DatePipe, RouterLink, RupiahPipe, MatTableModule, MatButtonModule, MatFormFieldModule, MatSelectModule, ListFrameComponent, ListSearchComponent],
  template: `
    <div class="list-toolbar">
      <lunas-list-search [store]="store" label="Cari nomor tagihan atau nama pelanggan" />
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select [value]="store.filterValue('status') || 'unpaid'" (selectionChange)="store.filter('status', $event.value)">
          <mat-option value="unpaid">Belum dibayar</mat-option>
          <mat-option value="partial">Dibayar sebagian</mat-option>
        </mat-select>
      </mat-form-field>
    </div>
    <lunas-list-frame [store]="store" emptyTitle="Tidak ada tagihan terbuka" emptyHint="Semua tagihan sudah lunas. Cari tagihan lain dengan nomor atau nama pelanggan." errorTitle="Tagihan tidak dapat dimuat">
      <table mat-table [dataSource]="store.items()">
        <ng-container matColumnDef="number">
          <th mat-header-cell *matHeaderCellDef>Tagihan</th>
          <td mat-cell *matCellDef="let row"><a class="row-link" [routerLink]="['/tagihan', row.id]">{{ row.number }}</a></td>
        </ng-container>
        <ng-container matColumnDef="customer">
          <th mat-header-cell *matHeaderCellDef>Pelanggan</th>
          <td mat-cell *matCellDef="let row">{{ row.customerName ?? '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="dueAt">
          <th mat-header-cell *matHeaderCellDef>Jatuh tempo</th>
          <td mat-cell *matCellDef="let row">{{ row.dueAt | date: 'd MMM y' }}</td>
        </ng-container>
        <ng-container matColumnDef="balance">
          <th mat-header-cell *matHeaderCellDef class="money">Sisa</th>
          <td mat-cell *matCellDef="let row" class="money">{{ row.balance | rupiah }}</td>
        </ng-container>
        <ng-container matColumnDef="pay">
          <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Tindakan</span></th>
          <td mat-cell *matCellDef="let row"><button mat-flat-button type="button" (click)="pay(row)">Bayar</button></td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </lunas-list-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KasirPageComponent {
  private readonly invoices = inject(InvoicesService);
  private readonly dialog = inject(MatDialog);

  protected readonly store = new ListStore<InvoiceRow>(['status'], (query) =>
    this.invoices.list({ ...query, filters: { status: 'unpaid', ...query.filters }, sort: query.sort ?? 'dueAt' }),
  );
  protected readonly columns = ['number', 'customer', 'dueAt', 'balance', 'pay'];

  protected pay(invoice: InvoiceRow): void {
    const data: ManualPaymentData = { invoiceId: invoice.id, number: invoice.number, customerName: invoice.customerName, balance: invoice.balance, version: invoice.version };
    this.dialog
      .open<ManualPaymentDialogComponent, ManualPaymentData, ManualPaymentOutcome>(ManualPaymentDialogComponent, { data, width: '480px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((outcome) => outcome && this.store.reload());
  }
}
