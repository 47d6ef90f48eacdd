import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { CustomerListItem } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { StatusChipComponent } from '../../shared/labels/status-chip.component';
import { ListFrameComponent } from '../../shared/list/list-frame.component';
import { ListSearchComponent } from '../../shared/list/list-search.component';
import { ListStore } from '../../shared/list/list-store';
import { PackagesService } from '../packages/packages.service';
import { TenantsService } from '../tenants/tenants.service';
import { CUSTOMER_STATUS_LABELS } from './customer-labels';
import { CustomersService } from './customers.service';

/** Pelanggan: search by name, phone, PPPoE user or number; filter by status, package and (superadmin) mitra. */
@Component({
  selector: 'lunas-customer-list-page',
  imports: [DatePipe, RouterLink, MatTableModule, MatSortModule, MatFormFieldModule, MatSelectModule, MatButtonModule, ListFrameComponent, ListSearchComponent, StatusChipComponent],
  template: `
    <header class="page-header">
      <div>
        <h1>Pelanggan</h1>
        <p class="page-subtitle">Data pelanggan, langganan dan riwayat tagihannya.</p>
      </div>
      @if (canCreate) {
        <div class="page-actions"><a mat-flat-button routerLink="/pelanggan/baru">Tambah pelanggan</a></div>
      }
    </header>
    <div class="list-toolbar">
      <lunas-list-search [store]="store" label="Cari nama, nomor HP, user PPPoE atau nomor pelanggan" />
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select [value]="store.filterValue('status')" (selectionChange)="store.filter('status', $event.value)">
          <mat-option value="">Semua status</mat-option>
          <mat-option value="active">Aktif</mat-option>
          <mat-option value="inactive">Nonaktif</mat-option>
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Paket</mat-label>
        <mat-select [value]="store.filterValue('packageId')" (selectionChange)="store.filter('packageId', $event.value)">
          <mat-option value="">Semua paket</mat-option>
          @for (pkg of packages(); track pkg.id) {
            <mat-option [value]="pkg.id">{{ pkg.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (isSuperadmin) {
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Mitra (area)</mat-label>
          <mat-select [value]="store.filterValue('tenantId')" (selectionChange)="store.filter('tenantId', $event.value)">
            <mat-option value="">Semua mitra</mat-option>
            @for (tenant of tenants(); track tenant.id) {
              <mat-option [value]="tenant.id">{{ tenant.businessName }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
    </div>
    <lunas-list-frame [store]="store" emptyTitle="Belum ada pelanggan" emptyHint="Tambahkan pelanggan pertama dengan tombol Tambah pelanggan." errorTitle="Daftar pelanggan tidak dapat dimuat">
      <table mat-table [dataSource]="store.items()" matSort [matSortActive]="store.sortState().active" [matSortDirection]="store.sortState().direction" (matSortChange)="store.sortBy($event)">
        <ng-container matColumnDef="code">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Nomor</th>
          <td mat-cell *matCellDef="let row">{{ row.code }}</td>
        </ng-container>
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Nama</th>
          <td mat-cell *matCellDef="let row"><a class="row-link" [routerLink]="['/pelanggan', row.id]">{{ row.name }}</a></td>
        </ng-container>
        <ng-container matColumnDef="phone">
          <th mat-header-cell *matHeaderCellDef>No. HP</th>
          <td mat-cell *matCellDef="let row">+{{ row.phone }}</td>
        </ng-container>
        <ng-container matColumnDef="pppoe">
          <th mat-header-cell *matHeaderCellDef>User PPPoE</th>
          <td mat-cell *matCellDef="let row">{{ row.pppoeUsernames.join(', ') || '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="packages">
          <th mat-header-cell *matHeaderCellDef>Paket</th>
          <td mat-cell *matCellDef="let row">{{ row.packages.join(', ') || '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="area">
          <th mat-header-cell *matHeaderCellDef>Area</th>
          <td mat-cell *matCellDef="let row">{{ row.area }}</td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>Status</th>
          <td mat-cell *matCellDef="let row"><lunas-status-chip [labels]="statusLabels" [status]="row.status" /></td>
        </ng-container>
        <ng-container matColumnDef="registerDate">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Terdaftar</th>
          <td mat-cell *matCellDef="let row">{{ row.registerDate | date: 'd MMM y' }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </lunas-list-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CustomerListPageComponent {
  private readonly customers = inject(CustomersService);
  private readonly auth = inject(AuthService);

  protected readonly store = new ListStore<CustomerListItem>(['status', 'packageId', 'tenantId'], (query) => this.customers.list(query));
  protected readonly canCreate = this.auth.can('customer.create');
  protected readonly isSuperadmin = this.auth.isSuperadmin();
  protected readonly columns = ['code', 'name', 'phone', 'pppoe', 'packages', 'area', 'status', 'registerDate'];
  protected readonly statusLabels = CUSTOMER_STATUS_LABELS;
  protected readonly packages = toSignal(inject(PackagesService).listActive().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly tenants = toSignal(this.isSuperadmin ? inject(TenantsService).listAll().pipe(catchError(() => of([]))) : of([]), { initialValue: [] });
}
