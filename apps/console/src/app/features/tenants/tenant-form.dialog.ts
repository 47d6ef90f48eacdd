import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { BankAccount, TenantRecord } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { FormSubmission } from '../../shared/forms/form-submission';
import { controlError } from '../../shared/forms/server-errors';
import { TenantsService } from './tenants.service';

/** Create (no data) or edit a mitra: business name, contact, gateway account reference, bank accounts for transfer. */
@Component({
  selector: 'lunas-tenant-form-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  templateUrl: './tenant-form.dialog.html',
  styles: `.full { width: 100%; } .account { display: flex; flex-wrap: wrap; gap: 0 0.5rem; } .account .mat-mdc-form-field { flex: 1 1 140px; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantFormDialogComponent {
  protected readonly existing = inject<TenantRecord | null>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<TenantFormDialogComponent, TenantRecord>>(MatDialogRef);
  private readonly tenants = inject(TenantsService);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly error = controlError;
  protected readonly form = this.fb.group({
    businessName: [this.existing?.businessName ?? '', Validators.required],
    contactName: [this.existing?.contactName ?? ''],
    phone: [this.existing?.phone ?? ''],
    email: [this.existing?.email ?? '', Validators.email],
    gatewayAccountRef: [this.existing?.gatewayAccountRef ?? ''],
    bankAccounts: this.fb.array((this.existing?.bankAccounts ?? []).map((account) => this.accountForm(account))),
  });
  protected readonly submission = new FormSubmission(this.form);

  protected addAccount(): void {
    this.form.controls.bankAccounts.push(this.accountForm({ bankName: '', accountNumber: '', holder: '' }));
  }

  protected removeAccount(index: number): void {
    this.form.controls.bankAccounts.removeAt(index);
  }

  protected save(): void {
    const value = this.form.getRawValue();
    const request = {
      businessName: value.businessName.trim(),
      contactName: value.contactName.trim() || null,
      phone: value.phone.trim() || null,
      email: value.email.trim() || null,
      gatewayAccountRef: value.gatewayAccountRef.trim() || null,
      bankAccounts: value.bankAccounts,
    };
    this.submission.submit(
      () => (this.existing ? this.tenants.update(this.existing.id, request) : this.tenants.create(request)),
      (saved) => this.dialogRef.close(saved),
    );
  }

  private accountForm(account: BankAccount) {
    return this.fb.group({
      bankName: [account.bankName, Validators.required],
      accountNumber: [account.accountNumber, [Validators.required, Validators.pattern(/^\d{5,20}$/)]],
      holder: [account.holder, Validators.required],
    });
  }
}
