import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { UserRecord } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { catchError, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { ConfirmField, openConfirmAction } from '../../shared/dialogs/confirm-action.dialog';
import { ListFrameComponent } from '../../shared/list/list-frame.component';
import { ListSearchComponent } from '../../shared/list/list-search.component';
import { ListStore } from '../../shared/list/list-store';
import { UserFormDialogComponent } from './user-form.dialog';
import { UsersService } from './users.service';

/** The server's password rule, said before it refuses. */
export const PASSWORD_HINT = 'Minimal 10 karakter, berisi huruf dan angka.';

/** Pengguna & Peran: console users (create, roles, disable, reset password) and the built-in roles with their permissions. */
@Component({
  selector: 'lunas-user-list-page',
  imports: [DatePipe, MatTableModule, MatSortModule, MatFormFieldModule, MatSelectModule, MatButtonModule, MatExpansionModule, ListFrameComponent, ListSearchComponent],
  templateUrl: './user-list.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserListPageComponent {
  private readonly users = inject(UsersService);
  private readonly dialog = inject(MatDialog);

  protected readonly store = new ListStore<UserRecord>(['active', 'roleCode', 'tenantId'], (query) => this.users.list(query));
  protected readonly canManage = inject(AuthService).can('user.manage');
  protected readonly roles = toSignal(this.users.roles().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly roleNames = computed(() => new Map(this.roles().map((role) => [role.code, role.name])));
  protected readonly columns = ['username', 'name', 'tenant', 'roles', 'lastLoginAt', 'active', 'actions'];

  protected rolesText(codes: readonly string[]): string {
    return codes.map((code) => this.roleNames().get(code) ?? code).join(', ');
  }

  protected create(): void {
    this.dialog
      .open(UserFormDialogComponent, { data: this.roles(), width: '520px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((created) => created && this.store.reload());
  }

  protected changeRoles(user: UserRecord): void {
    const field: ConfirmField = {
      key: 'roles', label: 'Peran', type: 'select', multiple: true, initial: user.roles,
      options: this.roles().map((role) => ({ value: role.code, label: role.name })),
    };
    openConfirmAction(this.dialog, {
      title: `Ubah peran ${user.username}?`,
      effect: 'Izin pengguna berubah mulai saat ia masuk atau memperbarui sesi berikutnya.',
      confirmLabel: 'Simpan peran',
      fields: [field],
      submit: ({ reason, values }) => this.users.assignRoles(user.id, values['roles'] as string[], reason),
    }).subscribe(() => this.store.reload());
  }

  protected toggleActive(user: UserRecord): void {
    openConfirmAction(this.dialog, {
      title: user.active ? `Nonaktifkan ${user.username}?` : `Aktifkan ${user.username}?`,
      effect: user.active ? 'Pengguna tidak bisa masuk lagi dan semua sesinya diakhiri sekarang.' : 'Pengguna bisa masuk lagi dengan kata sandinya.',
      confirmLabel: user.active ? 'Nonaktifkan' : 'Aktifkan',
      danger: user.active,
      submit: ({ reason }) => this.users.setActive(user.id, !user.active, reason),
    }).subscribe(() => this.store.reload());
  }

  protected resetPassword(user: UserRecord): void {
    openConfirmAction(this.dialog, {
      title: `Atur ulang kata sandi ${user.username}?`,
      effect: 'Kata sandi diganti dan semua sesi pengguna diakhiri; sampaikan kata sandi baru kepadanya secara langsung.',
      confirmLabel: 'Atur ulang',
      fields: [{ key: 'password', label: 'Kata sandi baru', type: 'password', hint: PASSWORD_HINT }],
      submit: ({ reason, values }) => this.users.resetPassword(user.id, values['password'] as string, reason),
    }).subscribe(() => this.store.reload());
  }
}
