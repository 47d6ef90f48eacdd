import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { RoleRecord, UserRecord } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { FormSubmission } from '../../shared/forms/form-submission';
import { controlError } from '../../shared/forms/server-errors';
import { UsersService } from './users.service';

/** Tambah pengguna: username, name, first password and roles; the API checks the password rule and the roles allowed. */
@Component({
  selector: 'lunas-user-form-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>Tambah pengguna</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="full">
          <mat-label>Nama pengguna</mat-label>
          <input matInput formControlName="username" autocomplete="off" />
          <mat-error>{{ error(form.controls.username) }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>Nama lengkap</mat-label>
          <input matInput formControlName="name" />
          <mat-error>{{ error(form.controls.name) }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>Kata sandi awal</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" />
          <mat-hint>Minimal 10 karakter, berisi huruf dan angka.</mat-hint>
          <mat-error>{{ error(form.controls.password, { minlength: 'Minimal 10 karakter.' }) }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>Peran</mat-label>
          <mat-select formControlName="roles" multiple>
            @for (role of roles; track role.code) {
              <mat-option [value]="role.code">{{ role.name }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ error(form.controls.roles, { required: 'Pilih minimal satu peran.' }) }}</mat-error>
        </mat-form-field>
        @if (submission.failure(); as message) {
          <p class="error-text" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Batal</button>
        <button mat-flat-button type="submit" [disabled]="submission.saving()">Simpan</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `.full { width: 100%; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserFormDialogComponent {
  protected readonly roles = inject<RoleRecord[]>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<UserFormDialogComponent, UserRecord>>(MatDialogRef);
  private readonly users = inject(UsersService);

  protected readonly error = controlError;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    username: ['', Validators.required],
    name: ['', Validators.required],
    password: ['', [Validators.required, Validators.minLength(10)]],
    roles: [[] as string[], Validators.required],
  });
  protected readonly submission = new FormSubmission(this.form);

  protected save(): void {
    const value = this.form.getRawValue();
    this.submission.submit(
      () => this.users.create({ ...value, username: value.username.trim(), name: value.name.trim() }),
      (user) => this.dialogRef.close(user),
    );
  }
}
