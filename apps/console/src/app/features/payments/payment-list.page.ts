import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { PaymentListItem } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { openConfirmAction } from '../../shared/dialogs/confirm-action.dialog';
import { newIdempotencyKey } from '../../shared/idempotency-key';
import { ListFrameComponent } from '../../shared/list/list-frame.component';
import { ListSearchComponent } from '../../shared/list/list-search.component';
import { ListStore } from '../../shared/list/list-store';
import { PAYMENT_METHOD_LABELS } from './payment-labels';
import { PaymentsService } from './payments.service';

/** Daftar pembayaran: gateway, method, reference and the rule that matched it; refund (credit note) from a row. */
@Component({
  selector: 'lunas-payment-list-page',
  imports: [DatePipe, RouterLink, RupiahPipe, MatTableModule, MatSortModule, MatFormFieldModule, MatSelectModule, MatButtonModule, ListFrameComponent, ListSearchComponent],
  template: `
    <div class="list-toolbar">
      <lunas-list-search [store]="store" label="Cari referensi, nomor tagihan atau pelanggan" />
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Saluran</mat-label>
        <mat-select [value]="store.filterValue('gateway')" (selectionChange)="store.filter('gateway', $event.value)">
          <mat-option value="">Semua saluran</mat-option>
          @for (gateway of gateways; track gateway) {
            <mat-option [value]="gateway">{{ gateway }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Metode</mat-label>
        <mat-select [value]="store.filterValue('method')" (selectionChange)="store.filter('method', $event.value)">
          <mat-option value="">Semua metode</mat-option>
          @for (method of methods; track method[0]) {
            <mat-option [value]="method[0]">{{ method[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>
    <lunas-list-frame [store]="store" emptyTitle="Belum ada pembayaran" emptyHint="Pembayaran gateway masuk sendiri; catat pembayaran tunai atau transfer di tab Kasir." errorTitle="Daftar pembayaran tidak dapat dimuat">
      <table mat-table [dataSource]="store.items()" matSort [matSortActive]="store.sortState().active" [matSortDirection]="store.sortState().direction" (matSortChange)="store.sortBy($event)">
        <ng-container matColumnDef="paidAt">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Dibayar</th>
          <td mat-cell *matCellDef="let row">{{ row.paidAt ? (row.paidAt | date: 'd MMM y HH:mm') : '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="customer">
          <th mat-header-cell *matHeaderCellDef>Pelanggan / tagihan</th>
          <td mat-cell *matCellDef="let row">
            {{ row.customerName ?? '—' }}
            @if (row.invoiceId) {
              <div><a class="row-link" [routerLink]="['/tagihan', row.invoiceId]">{{ row.invoiceNumber }}</a></div>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="gateway">
          <th mat-header-cell *matHeaderCellDef>Saluran</th>
          <td mat-cell *matCellDef="let row">{{ row.gateway }} · {{ methodLabel(row.method) }}</td>
        </ng-container>
        <ng-container matColumnDef="reference">
          <th mat-header-cell *matHeaderCellDef>Referensi</th>
          <td mat-cell *matCellDef="let row">
            {{ row.reference }}
            <div class="muted">{{ row.matchedRule ? 'cocok: ' + row.matchedRule : (row.recordedBy ? 'dicatat ' + row.recordedBy : '') }}</div>
          </td>
        </ng-container>
        <ng-container matColumnDef="amount">
          <th mat-header-cell *matHeaderCellDef mat-sort-header class="money">Jumlah</th>
          <td mat-cell *matCellDef="let row" class="money">{{ row.amount | rupiah }}</td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>Status</th>
          <td mat-cell *matCellDef="let row">{{ row.status }}</td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Tindakan</span></th>
          <td mat-cell *matCellDef="let row">
            @if (canRefund && row.status === 'succeeded') {
              <button mat-button type="button" (click)="refund(row)">Kembalikan dana</button>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </lunas-list-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaymentListPageComponent {
  private readonly payments = inject(PaymentsService);
  private readonly dialog = inject(MatDialog);

  protected readonly store = new ListStore<PaymentListItem>(['gateway', 'method', 'status', 'customerId', 'invoiceId', 'from', 'to', 'tenantId'], (query) =>
    this.payments.list(query),
  );
  protected readonly canRefund = inject(AuthService).can('payment.refund');
  protected readonly columns = ['paidAt', 'customer', 'gateway', 'reference', 'amount', 'status', 'actions'];
  protected readonly gateways = ['sandbox', 'midtrans', 'xendit', 'tripay', 'kasir', 'bank_import'];
  protected readonly methods = Object.entries(PAYMENT_METHOD_LABELS);

  protected methodLabel(method: string): string {
    return PAYMENT_METHOD_LABELS[method] ?? method;
  }

  protected refund(payment: PaymentListItem): void {
    const idempotencyKey = newIdempotencyKey();
    openConfirmAction(this.dialog, {
      title: 'Kembalikan dana?',
      effect: `Dana dikembalikan ke pelanggan dan nota kredit diterbitkan; tagihan ${payment.invoiceNumber ?? ''} kembali terutang sebesar jumlah ini.`,
      confirmLabel: 'Kembalikan dana',
      danger: true,
      fields: [{ key: 'amount', label: 'Jumlah (Rp)', type: 'number', initial: String(payment.amount) }],
      submit: ({ reason, values }) => this.payments.refund(payment.id, Number(values['amount']), reason, idempotencyKey),
    }).subscribe(() => this.store.reload());
  }
}
