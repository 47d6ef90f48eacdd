import { ChangeDetectionStrategy, Component, inject, input, OnInit } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { CustomerListItem } from '@lunas/contracts';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { catchError, debounceTime, distinctUntilChanged, filter, map, of, switchMap } from 'rxjs';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { FormSubmission } from '../../shared/forms/form-submission';
import { controlError } from '../../shared/forms/server-errors';
import { newIdempotencyKey } from '../../shared/idempotency-key';
import { SEARCH_DEBOUNCE_MS } from '../../shared/list/list-search.component';
import { CustomersService } from '../customers/customers.service';
import { PackagesService } from '../packages/packages.service';
import { SubscriptionsService } from './subscriptions.service';

/** Tambah langganan: customer, package, billing day and PPPoE user; the API starts its billing workflow. */
@Component({
  selector: 'lunas-subscription-create-page',
  imports: [ReactiveFormsModule, RouterLink, RupiahPipe, MatFormFieldModule, MatInputModule, MatSelectModule, MatAutocompleteModule, MatButtonModule],
  templateUrl: './subscription-create.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubscriptionCreatePageComponent implements OnInit {
  private readonly subscriptions = inject(SubscriptionsService);
  private readonly customers = inject(CustomersService);
  private readonly router = inject(Router);
  private readonly idempotencyKey = newIdempotencyKey();

  /** `?customerId=` when coming from a customer's page. */
  readonly customerId = input<string>();

  protected readonly error = controlError;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    customer: [null as CustomerListItem | null, Validators.required],
    packageId: ['', Validators.required],
    billingDay: [1, [Validators.required, Validators.min(1), Validators.max(28)]],
    pppoeUsername: ['', Validators.pattern(/^[A-Za-z0-9._@-]*$/)],
  });
  protected readonly submission = new FormSubmission(this.form);
  protected readonly customerSearch = inject(FormBuilder).nonNullable.control('');
  protected readonly packages = toSignal(inject(PackagesService).listActive().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly matches = toSignal(
    this.customerSearch.valueChanges.pipe(
      filter((term): term is string => typeof term === 'string'),
      debounceTime(SEARCH_DEBOUNCE_MS),
      distinctUntilChanged(),
      switchMap((term) => (term.trim().length < 2 ? of([]) : this.customers.search(term.trim()).pipe(map((page) => page.items), catchError(() => of([]))))),
    ),
    { initialValue: [] },
  );
  protected readonly messages = {
    customer: { required: 'Pilih pelanggan dari hasil pencarian.' },
    packageId: { required: 'Pilih paket.' },
    billingDay: { min: 'Tanggal tagihan 1–28.', max: 'Tanggal tagihan 1–28.' },
    pppoeUsername: { pattern: 'Hanya huruf, angka, titik, garis bawah, @ dan strip.' },
  };

  ngOnInit(): void {
    const id = this.customerId();
    if (id) {
      this.customers.get(id).subscribe(({ customer }) => {
        const picked = { ...customer, pppoeUsernames: [], packages: [] } as CustomerListItem;
        this.form.controls.customer.setValue(picked);
        this.customerSearch.setValue(customer.name, { emitEvent: false });
      });
    }
  }

  protected customerLabel(customer: CustomerListItem | string | null): string {
    return typeof customer === 'string' ? customer : customer ? `${customer.name} (${customer.code})` : '';
  }

  protected pick(customer: CustomerListItem): void {
    this.form.controls.customer.setValue(customer);
  }

  protected save(): void {
    const value = this.form.getRawValue();
    const request = {
      customerId: value.customer?.id ?? '',
      packageId: value.packageId,
      billingDay: value.billingDay,
      ...(value.pppoeUsername.trim() ? { pppoeUsername: value.pppoeUsername.trim() } : {}),
    };
    this.submission.submit(
      () => this.subscriptions.create(request, this.idempotencyKey),
      (subscription) => void this.router.navigate(['/langganan', subscription.id]),
    );
  }
}
