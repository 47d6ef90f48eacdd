import { HttpErrorResponse, HttpStatusCode } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { FormSubmission } from '../../shared/forms/form-submission';
import { controlError } from '../../shared/forms/server-errors';
import { newIdempotencyKey } from '../../shared/idempotency-key';
import { InvoicesService, RecordedPayment } from '../invoices/invoices.service';

/** What the kasir sees when the invoice changed since it was read (the API's 409 on a stale `version`). */
export const STALE_INVOICE_MESSAGE = 'Tagihan sudah berubah, muat ulang.';

/** The invoice as the kasir read it: the payment is recorded against this `version`. */
export interface ManualPaymentData {
  invoiceId: string;
  number: string;
  customerName?: string;
  balance: number;
  version: number;
}

/** How the dialog ended: the payment recorded, or the kasir asked to reload a changed invoice. */
export type ManualPaymentOutcome = { kind: 'recorded'; payment: RecordedPayment } | { kind: 'reload' };

/**
 * Kasir: record cash or transfer received for an invoice, against the version read. When the invoice changed in the
 * meantime (paid online, late fee added) the API refuses with 409 and the dialog says to reload instead of guessing.
 */
@Component({
  selector: 'lunas-manual-payment-dialog',
  imports: [ReactiveFormsModule, RupiahPipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>Catat pembayaran</h2>
    <form [formGroup]="form" (ngSubmit)="record()" novalidate>
      <mat-dialog-content>
        <p>Tagihan <strong>{{ data.number }}</strong>{{ data.customerName ? ' · ' + data.customerName : '' }} · sisa <strong>{{ data.balance | rupiah }}</strong></p>
        <mat-form-field class="full">
          <mat-label>Jumlah diterima (Rp)</mat-label>
          <input matInput type="number" min="1" step="1" formControlName="amount" />
          <mat-hint>Lebih dari sisa tagihan disimpan sebagai saldo pelanggan.</mat-hint>
          <mat-error>{{ error(form.controls.amount, amountMessages) }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>Cara bayar</mat-label>
          <mat-select formControlName="method">
            <mat-option value="cash">Tunai</mat-option>
            <mat-option value="transfer">Transfer bank</mat-option>
          </mat-select>
        </mat-form-field>
        <mat-form-field class="full">
          <mat-label>Catatan (nomor kuitansi, bank pengirim)</mat-label>
          <input matInput formControlName="note" maxlength="500" />
        </mat-form-field>
        @if (stale()) {
          <p class="error-text" role="alert">{{ staleMessage }}</p>
        } @else if (submission.failure(); as message) {
          <p class="error-text" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Batal</button>
        @if (stale()) {
          <button mat-flat-button type="button" (click)="reload()">Muat ulang</button>
        } @else {
          <button mat-flat-button type="submit" [disabled]="submission.saving()">Simpan pembayaran</button>
        }
      </mat-dialog-actions>
    </form>
  `,
  styles: `.full { width: 100%; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ManualPaymentDialogComponent {
  protected readonly data = inject<ManualPaymentData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ManualPaymentDialogComponent, ManualPaymentOutcome>>(MatDialogRef);
  private readonly invoices = inject(InvoicesService);
  private readonly idempotencyKey = newIdempotencyKey();

  protected readonly error = controlError;
  protected readonly staleMessage = STALE_INVOICE_MESSAGE;
  protected readonly amountMessages = { required: 'Isi jumlah uang yang diterima.', min: 'Jumlah paling sedikit Rp 1.' };
  protected readonly stale = signal(false);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    amount: [this.data.balance, [Validators.required, Validators.min(1)]],
    method: ['cash' as 'cash' | 'transfer', Validators.required],
    note: [''],
  });
  protected readonly submission = new FormSubmission(this.form);

  protected record(): void {
    const { amount, method, note } = this.form.getRawValue();
    const request = { version: this.data.version, amount: Math.round(amount), method, ...(note.trim() ? { note: note.trim() } : {}) };
    this.submission.submit(
      () => this.invoices.recordPayment(this.data.invoiceId, request, this.idempotencyKey),
      (payment) => this.dialogRef.close({ kind: 'recorded', payment }),
      (error) => {
        this.stale.set(isStaleInvoice(error));
        return this.stale();
      },
    );
  }

  protected reload(): void {
    this.dialogRef.close({ kind: 'reload' });
  }
}

/** The API's answer to a payment against an invoice version that is no longer current. */
export function isStaleInvoice(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === HttpStatusCode.Conflict && (error.error as { code?: string } | null)?.code === 'INVOICE_STALE';
}
