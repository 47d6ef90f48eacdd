import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { PackageRecord } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { AuthService } from '../../core/auth/auth.service';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { ListFrameComponent } from '../../shared/list/list-frame.component';
import { ListSearchComponent } from '../../shared/list/list-search.component';
import { ListStore } from '../../shared/list/list-store';
import { PackageFormDialogComponent } from './package-form.dialog';
import { PackagesService } from './packages.service';

/** Paket: name, speed, monthly price, PPN inclusive or exclusive, active; add and edit. */
@Component({
  selector: 'lunas-package-list-page',
  imports: [RupiahPipe, MatTableModule, MatSortModule, MatFormFieldModule, MatSelectModule, MatButtonModule, ListFrameComponent, ListSearchComponent],
  template: `
    <header class="page-header">
      <div>
        <h1>Paket</h1>
        <p class="page-subtitle">Paket internet yang dijual. Perubahan harga berlaku mulai periode berikutnya.</p>
      </div>
      @if (canManage) {
        <div class="page-actions"><button mat-flat-button type="button" (click)="edit(null)">Tambah paket</button></div>
      }
    </header>
    <div class="list-toolbar">
      <lunas-list-search [store]="store" label="Cari nama paket" />
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select [value]="store.filterValue('active')" (selectionChange)="store.filter('active', $event.value)">
          <mat-option value="">Semua</mat-option>
          <mat-option value="true">Aktif</mat-option>
          <mat-option value="false">Nonaktif</mat-option>
        </mat-select>
      </mat-form-field>
    </div>
    <lunas-list-frame [store]="store" emptyTitle="Belum ada paket" emptyHint="Tambahkan paket pertama dengan tombol Tambah paket, lalu pilih saat membuat langganan." errorTitle="Daftar paket tidak dapat dimuat">
      <table mat-table [dataSource]="store.items()" matSort [matSortActive]="store.sortState().active" [matSortDirection]="store.sortState().direction" (matSortChange)="store.sortBy($event)">
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Nama</th>
          <td mat-cell *matCellDef="let row">{{ row.name }}@if (row.global) { <span class="muted"> · semua mitra</span> }</td>
        </ng-container>
        <ng-container matColumnDef="speed">
          <th mat-header-cell *matHeaderCellDef>Kecepatan</th>
          <td mat-cell *matCellDef="let row">{{ row.speed }}</td>
        </ng-container>
        <ng-container matColumnDef="price">
          <th mat-header-cell *matHeaderCellDef mat-sort-header class="money">Harga / bulan</th>
          <td mat-cell *matCellDef="let row" class="money">{{ row.price | rupiah }}</td>
        </ng-container>
        <ng-container matColumnDef="ppn">
          <th mat-header-cell *matHeaderCellDef>PPN</th>
          <td mat-cell *matCellDef="let row">{{ row.ppnRateBasisPoints / 100 }}% {{ row.pricesIncludePpn ? 'termasuk' : 'belum termasuk' }}</td>
        </ng-container>
        <ng-container matColumnDef="subscriptions">
          <th mat-header-cell *matHeaderCellDef class="money">Langganan</th>
          <td mat-cell *matCellDef="let row" class="money">{{ row.subscriptionCount }}</td>
        </ng-container>
        <ng-container matColumnDef="active">
          <th mat-header-cell *matHeaderCellDef>Status</th>
          <td mat-cell *matCellDef="let row">{{ row.active ? 'Aktif' : 'Nonaktif' }}</td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Tindakan</span></th>
          <td mat-cell *matCellDef="let row">
            @if (canManage) {
              <button mat-button type="button" (click)="edit(row)">Ubah</button>
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
export class PackageListPageComponent {
  private readonly packages = inject(PackagesService);
  private readonly dialog = inject(MatDialog);

  protected readonly store = new ListStore<PackageRecord>(['active', 'tenantId'], (query) => this.packages.list(query));
  protected readonly canManage = inject(AuthService).can('package.manage');
  protected readonly columns = ['name', 'speed', 'price', 'ppn', 'subscriptions', 'active', 'actions'];

  protected edit(pkg: PackageRecord | null): void {
    this.dialog
      .open(PackageFormDialogComponent, { data: pkg, width: '480px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((saved) => saved && this.store.reload());
  }
}
