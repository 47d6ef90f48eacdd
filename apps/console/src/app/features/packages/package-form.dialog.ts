import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { PackageRecord } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { FormSubmission } from '../../shared/forms/form-submission';
import { controlError } from '../../shared/forms/server-errors';
import { PackagesService } from './packages.service';

/** Create a package (no data) or edit one; a price change applies from each subscription's next period. */
@Component({
  selector: 'lunas-package-form-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatCheckboxModule],
  template: `
    <h2 mat-dialog-title>{{ existing ? 'Ubah paket' : 'Tambah paket' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="full">
          <mat-label>Nama paket</mat-label>
          <input matInput formControlName="name" />
          <mat-error>{{ error(form.controls.name) }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>Kecepatan</mat-label>
          <input matInput formControlName="speed" placeholder="20 Mbps" />
          <mat-error>{{ error(form.controls.speed) }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>Harga per bulan (Rp)</mat-label>
          <input matInput type="number" min="0" step="1000" formControlName="price" />
          <mat-hint>{{ existing ? 'Harga baru berlaku mulai periode berikutnya; tagihan yang sudah terbit tidak berubah.' : 'Termasuk/belum termasuk PPN mengikuti pengaturan mitra.' }}</mat-hint>
          <mat-error>{{ error(form.controls.price, { min: 'Harga tidak boleh negatif.' }) }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>Keterangan</mat-label>
          <textarea matInput formControlName="description" rows="2"></textarea>
          <mat-error>{{ error(form.controls.description) }}</mat-error>
        </mat-form-field>
        <mat-checkbox formControlName="active">Aktif (bisa dipilih untuk langganan baru)</mat-checkbox>
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
export class PackageFormDialogComponent {
  protected readonly existing = inject<PackageRecord | null>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<PackageFormDialogComponent, PackageRecord>>(MatDialogRef);
  private readonly packages = inject(PackagesService);

  protected readonly error = controlError;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: [this.existing?.name ?? '', [Validators.required, Validators.maxLength(100)]],
    speed: [this.existing?.speed ?? '', [Validators.required, Validators.maxLength(30)]],
    price: [this.existing?.price ?? 0, [Validators.required, Validators.min(0)]],
    description: [this.existing?.description ?? ''],
    active: [this.existing?.active ?? true],
  });
  protected readonly submission = new FormSubmission(this.form);

  protected save(): void {
    const value = this.form.getRawValue();
    const request = { ...value, name: value.name.trim(), speed: value.speed.trim(), price: Math.round(value.price), description: value.description.trim() || null };
    this.submission.submit(
      () => (this.existing ? this.packages.update(this.existing.id, request) : this.packages.create(request)),
      (saved) => this.dialogRef.close(saved),
    );
  }
}
