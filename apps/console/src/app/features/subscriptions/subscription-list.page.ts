import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { of, skip } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { dunningActionsText, DUNNING_STAGE_LABELS, SUBSCRIPTION_STATUS_LABELS } from '../../shared/labels/status-labels';
import { StatusChipComponent } from '../../shared/labels/status-chip.component';
import { ListFrameComponent } from '../../shared/list/list-frame.component';
import { ListSearchComponent } from '../../shared/list/list-search.component';
import { ListStore } from '../../shared/list/list-store';
import { injectVisiblePoller } from '../../shared/poll-while-visible';
import { SubscriptionRow, SubscriptionsService } from './subscriptions.service';

/** The list re-reads the live states every 30 s: a ladder moves in days, a glance at the list should not be a minute stale. */
export const SUBSCRIPTION_LIST_REFRESH_MS = 30_000;

/** Langganan: every subscription with its live dunning stage, amount due and next step, from the workflows. */
@Component({
  selector: 'lunas-subscription-list-page',
  imports: [
    DatePipe, RouterLink, RupiahPipe, MatTableModule, MatSortModule, MatFormFieldModule, MatSelectModule, MatButtonModule,
    ListFrameComponent, ListSearchComponent, StatusChipComponent,
  ],
  template: `
    <header class="page-header">
      <div>
        <h1>Langganan</h1>
        <p class="page-subtitle">Tahap penagihan tiap langganan langsung dari alur kerjanya.</p>
      </div>
      @if (canCreate) {
        <div class="page-actions"><a mat-flat-button routerLink="/langganan/baru">Tambah langganan</a></div>
      }
    </header>
    <div class="list-toolbar">
      <lunas-list-search [store]="store" label="Cari nama, nomor pelanggan atau user PPPoE" />
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Tahap penagihan</mat-label>
        <mat-select [value]="store.filterValue('stage')" (selectionChange)="store.filter('stage', $event.value)">
          <mat-option value="">Semua tahap</mat-option>
          @for (stage of stages; track stage[0]) {
            <mat-option [value]="stage[0]">{{ stage[1].label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select [value]="store.filterValue('status')" (selectionChange)="store.filter('status', $event.value)">
          <mat-option value="">Semua status</mat-option>
          <mat-option value="active">Aktif</mat-option>
          <mat-option value="suspended">Diisolir</mat-option>
          <mat-option value="cancelled">Berhenti</mat-option>
        </mat-select>
      </mat-form-field>
    </div>
    <lunas-list-frame [store]="store" emptyTitle="Belum ada langganan" emptyHint="Tambahkan langganan dari halaman pelanggan atau dengan tombol Tambah langganan." errorTitle="Daftar langganan tidak dapat dimuat">
      <table mat-table [dataSource]="store.items()" matSort [matSortActive]="store.sortState().active" [matSortDirection]="store.sortState().direction" (matSortChange)="store.sortBy($event)">
        <ng-container matColumnDef="customer">
          <th mat-header-cell *matHeaderCellDef>Pelanggan</th>
          <td mat-cell *matCellDef="let row">
            <a class="row-link" [routerLink]="['/langganan', row.id]">{{ row.customer?.name ?? 'Pelanggan' }}</a>
            <div class="muted">{{ row.customer?.code }}</div>
          </td>
        </ng-container>
        <ng-container matColumnDef="package">
          <th mat-header-cell *matHeaderCellDef>Paket</th>
          <td mat-cell *matCellDef="let row">{{ row.package?.name }}</td>
        </ng-container>
        <ng-container matColumnDef="stage">
          <th mat-header-cell *matHeaderCellDef>Tahap</th>
          <td mat-cell *matCellDef="let row">
            @if (row.live; as live) {
              <lunas-status-chip [labels]="stageLabels" [status]="live.stage" />
              @if (live.suspended) { <div class="muted">Diisolir</div> }
            } @else {
              <span class="muted" [title]="row.liveError ?? ''">Tidak terbaca</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="due">
          <th mat-header-cell *matHeaderCellDef class="money">Tunggakan</th>
          <td mat-cell *matCellDef="let row" class="money">{{ row.live?.amountDue ?? 0 | rupiah }}</td>
        </ng-container>
        <ng-container matColumnDef="next">
          <th mat-header-cell *matHeaderCellDef>Langkah berikutnya</th>
          <td mat-cell *matCellDef="let row">
            @if (row.live?.nextStep; as next) {
              {{ actionsText(next.actions) }}
              <div class="muted">{{ next.at | date: 'd MMM y HH:mm' }}</div>
            } @else {
              <span class="muted">—</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="billingDay">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Tgl tagihan</th>
          <td mat-cell *matCellDef="let row">{{ row.billingDay }}</td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>Status</th>
          <td mat-cell *matCellDef="let row"><lunas-status-chip [labels]="statusLabels" [status]="row.status" /></td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns" [attr.data-id]="row.id"></tr>
      </table>
    </lunas-list-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubscriptionListPageComponent {
  private readonly subscriptions = inject(SubscriptionsService);

  protected readonly store = new ListStore<SubscriptionRow>(['stage', 'status', 'customerId', 'packageId', 'suspended', 'tenantId'], (query) =>
    this.subscriptions.list(query),
  );
  protected readonly canCreate = inject(AuthService).can('subscription.manage');
  protected readonly columns = ['customer', 'package', 'stage', 'due', 'next', 'billingDay', 'status'];
  protected readonly stages = Object.entries(DUNNING_STAGE_LABELS);
  protected readonly stageLabels = DUNNING_STAGE_LABELS;
  protected readonly actionsText = dunningActionsText;
  protected readonly statusLabels = SUBSCRIPTION_STATUS_LABELS;

  constructor() {
    injectVisiblePoller()(() => of(null), SUBSCRIPTION_LIST_REFRESH_MS)
      .pipe(skip(1), takeUntilDestroyed())
      .subscribe(() => this.store.reload());
  }
}
