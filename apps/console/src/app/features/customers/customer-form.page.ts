import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { CreateCustomerRequest, CustomerRecord } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { FormSubmission } from '../../shared/forms/form-submission';
import { controlError } from '../../shared/forms/server-errors';
import { CustomersService } from './customers.service';

/** NIK: 16 digits (Dukcapil). */
const NIK_PATTERN = /^\d{16}$/;

/**
 * Create or edit a customer. The API normalises the phone to E.164 and keeps the NIK encrypted, returning it only
 * masked: the NIK field is blank on edit and only sent when the operator types a new one. A mitra (contact-only
 * permission) may change phone, email and consents only.
 */
@Component({
  selector: 'lunas-customer-form-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatCheckboxModule, MatButtonModule],
  templateUrl: './customer-form.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CustomerFormPageComponent implements OnInit {
  private readonly customers = inject(CustomersService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);

  /** Route parameter; absent when creating. */
  readonly id = input<string>();

  protected readonly editing = computed(() => this.id() !== undefined);
  protected readonly contactOnly = !this.auth.can('customer.update') && this.auth.can('customer.update_contact');
  protected readonly nikMasked = signal<string | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly error = controlError;

  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(120)]],
    phone: ['', Validators.required],
    nik: ['', Validators.pattern(NIK_PATTERN)],
    email: ['', Validators.email],
    address: [''],
    whatsappConsent: [true],
    emailConsent: [false],
    notes: [''],
  });
  protected readonly submission = new FormSubmission(this.form);
  protected readonly messages = {
    name: { required: 'Isi nama pelanggan.' },
    phone: { required: 'Isi nomor HP pelanggan, misalnya 0812 3456 7890.' },
    nik: { pattern: 'NIK harus 16 angka.' },
  };

  ngOnInit(): void {
    const id = this.id();
    if (!id) return;
    this.customers.get(id).subscribe({
      next: ({ customer }) => this.fill(customer),
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }

  protected save(): void {
    const id = this.id();
    this.submission.submit(
      () => (id ? this.customers.update(id, this.changes()) : this.customers.create(this.newCustomer())),
      (customer) => void this.router.navigate(['/pelanggan', customer.id]),
    );
  }

  private fill(customer: CustomerRecord): void {
    this.nikMasked.set(customer.nikMasked);
    this.form.patchValue({
      name: customer.name,
      phone: customer.phone.startsWith('62') ? `+${customer.phone}` : customer.phone,
      email: customer.email ?? '',
      address: customer.address ?? '',
      whatsappConsent: customer.whatsappConsent,
      emailConsent: customer.emailConsent,
      notes: customer.notes ?? '',
    });
    if (this.contactOnly) {
      for (const name of ['name', 'nik', 'address', 'notes'] as const) this.form.controls[name].disable();
    }
  }

  private newCustomer(): CreateCustomerRequest {
    const value = this.form.getRawValue();
    return {
      name: value.name.trim(),
      phone: value.phone.trim(),
      nik: value.nik.trim() || null,
      email: value.email.trim() || null,
      address: value.address.trim() || null,
      whatsappConsent: value.whatsappConsent,
      emailConsent: value.emailConsent,
      notes: value.notes.trim() || null,
    };
  }

  /** The edit: everything the operator may change; the NIK only when a new one was typed. */
  private changes(): Partial<CreateCustomerRequest> {
    const { nik, ...rest } = this.newCustomer();
    const allowed = this.contactOnly
      ? { phone: rest.phone, email: rest.email, whatsappConsent: rest.whatsappConsent, emailConsent: rest.emailConsent }
      : rest;
    return nik && !this.contactOnly ? { ...allowed, nik } : allowed;
  }
}
