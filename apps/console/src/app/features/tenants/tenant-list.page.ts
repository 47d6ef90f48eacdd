import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { TenantRecord } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ListFrameComponent } from '../../shared/list/list-frame.component';
import { ListSearchComponent } from '../../shared/list/list-search.component';
import { ListStore } from '../../shared/list/list-store';
import { TenantFormDialogComponent } from './tenant-form.dialog';
import { TenantsService } from './tenants.service';

/** Mitra (superadmin): the tenants, their contact, gateway account and bank accounts. */
@Component({
  selector: 'lunas-tenant-list-page',
  imports: [MatTableModule, MatSortModule, MatButtonModule, ListFrameComponent, ListSearchComponent],
  template: `
    <header class="page-header">
      <div>
        <h1>Mitra</h1>
        <p class="page-subtitle">Mitra yang menjual layanan dengan Lunas.</p>
      </div>
      <div class="page-actions"><button mat-flat-button type="button" (click)="edit(null)">Tambah mitra</button></div>
    </header>
    <div class="list-toolbar">
      <lunas-list-search [store]="store" label="Cari nama usaha" />
    </div>
    <lunas-list-frame [store]="store" emptyTitle="Belum ada mitra" emptyHint="Tambahkan mitra dengan tombol Tambah mitra." errorTitle="Daftar mitra tidak dapat dimuat">
      <table mat-table [dataSource]="store.items()" matSort [matSortActive]="store.sortState().active" [matSortDirection]="store.sortState().direction" (matSortChange)="store.sortBy($event)">
        <ng-container matColumnDef="businessName">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Nama usaha</th>
          <td mat-cell *matCellDef="let row">{{ row.businessName }}@if (row.kind === 'platform') { <span class="muted"> · platform</span> }</td>
        </ng-container>
        <ng-container matColumnDef="contact">
          <th mat-header-cell *matHeaderCellDef>Kontak</th>
          <td mat-cell *matCellDef="let row">{{ row.contactName ?? '—' }}<div class="muted">{{ row.phone ?? '' }} {{ row.email ?? '' }}</div></td>
        </ng-container>
        <ng-container matColumnDef="gateway">
          <th mat-header-cell *matHeaderCellDef>Akun gateway</th>
          <td mat-cell *matCellDef="let row">{{ row.gatewayAccountRef ?? '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="banks">
          <th mat-header-cell *matHeaderCellDef>Rekening</th>
          <td mat-cell *matCellDef="let row">
            @for (account of row.bankAccounts; track account.accountNumber) {
              <div>{{ account.bankName }} {{ account.accountNumber }} a.n. {{ account.holder }}</div>
            } @empty { — }
          </td>
        </ng-container>
        <ng-container matColumnDef="customers">
          <th mat-header-cell *matHeaderCellDef class="money">Pelanggan</th>
          <td mat-cell *matCellDef="let row" class="money">{{ row.customerCount }}</td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Tindakan</span></th>
          <td mat-cell *matCellDef="let row"><button mat-button type="button" (click)="edit(row)">Ubah</button></td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </lunas-list-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantListPageComponent {
  private readonly tenants = inject(TenantsService);
  private readonly dialog = inject(MatDialog);

  protected readonly store = new ListStore<TenantRecord>(['active'], (query) => this.tenants.list(query));
  protected readonly columns = ['businessName', 'contact', 'gateway', 'banks', 'customers', 'actions'];

  protected edit(tenant: TenantRecord | null): void {
    this.dialog
      .open(TenantFormDialogComponent, { data: tenant, width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((saved) => saved && this.store.reload());
  }
}
