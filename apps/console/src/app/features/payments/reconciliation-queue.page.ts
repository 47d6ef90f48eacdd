import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { ReconciliationCandidate, ReconciliationItem } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatTableModule } from '@angular/material/table';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { openConfirmAction } from '../../shared/dialogs/confirm-action.dialog';
import { ListFrameComponent } from '../../shared/list/list-frame.component';
import { ListStore } from '../../shared/list/list-store';
import { PaymentsService } from './payments.service';

const KIND_LABELS: Partial<Record<string, string>> = { parked_event: 'Notifikasi gateway', ambiguous_bank_row: 'Baris mutasi bank' };

/**
 * Antrean rekonsiliasi: money that arrived without a sure invoice (gateway events parked, ambiguous bank rows), each
 * with its candidate invoices; one click (and a reason) books it on the chosen invoice.
 */
@Component({
  selector: 'lunas-reconciliation-queue-page',
  imports: [DatePipe, RupiahPipe, MatTableModule, MatButtonModule, ListFrameComponent],
  template: `
    <lunas-list-frame [store]="store" emptyTitle="Antrean kosong" emptyHint="Semua uang masuk sudah cocok dengan tagihannya. Baris mutasi yang meragukan akan muncul di sini." errorTitle="Antrean rekonsiliasi tidak dapat dimuat">
      <table mat-table [dataSource]="store.items()">
        <ng-container matColumnDef="receivedAt">
          <th mat-header-cell *matHeaderCellDef>Diterima</th>
          <td mat-cell *matCellDef="let row">{{ row.receivedAt | date: 'd MMM y HH:mm' }}<div class="muted">{{ kindLabels[row.kind] ?? row.kind }}</div></td>
        </ng-container>
        <ng-container matColumnDef="money">
          <th mat-header-cell *matHeaderCellDef>Uang masuk</th>
          <td mat-cell *matCellDef="let row">
            <strong>{{ row.amount === null ? '—' : (row.amount | rupiah) }}</strong> · {{ row.gateway }} {{ row.reference }}
            <div class="muted">{{ row.description }}</div>
          </td>
        </ng-container>
        <ng-container matColumnDef="reason">
          <th mat-header-cell *matHeaderCellDef>Kenapa belum cocok</th>
          <td mat-cell *matCellDef="let row">{{ row.reason }}</td>
        </ng-container>
        <ng-container matColumnDef="candidates">
          <th mat-header-cell *matHeaderCellDef>Cocokkan dengan</th>
          <td mat-cell *matCellDef="let row">
            @for (candidate of row.candidates; track candidate.invoiceId) {
              <button mat-stroked-button type="button" class="candidate" (click)="match(row, candidate)">
                {{ candidate.number }} · {{ candidate.customerName }} · {{ candidate.balance | rupiah }}
              </button>
            } @empty {
              <span class="muted">Tidak ada tagihan yang mungkin. Catat lewat Kasir bila pelanggan diketahui.</span>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </lunas-list-frame>
  `,
  styles: `.candidate { margin: 0.15rem 0.25rem 0.15rem 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReconciliationQueuePageComponent {
  private readonly payments = inject(PaymentsService);
  private readonly dialog = inject(MatDialog);

  protected readonly store = new ListStore<ReconciliationItem>(['kind'], (query) => this.payments.queue(query));
  protected readonly columns = ['receivedAt', 'money', 'reason', 'candidates'];
  protected readonly kindLabels = KIND_LABELS;

  protected match(item: ReconciliationItem, candidate: ReconciliationCandidate): void {
    openConfirmAction(this.dialog, {
      title: `Cocokkan dengan ${candidate.number}?`,
      effect: `Uang ini dibukukan sebagai pembayaran tagihan ${candidate.number} (${candidate.customerName}); alur penagihan langganannya menerima pembayaran.`,
      confirmLabel: 'Cocokkan',
      submit: ({ reason }) => this.payments.match(item.id, candidate.invoiceId, reason),
    }).subscribe(() => this.store.reload());
  }
}
