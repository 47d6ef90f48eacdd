import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import type { CustomerDetail } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import { Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { openConfirmAction } from '../../shared/dialogs/confirm-action.dialog';
import { INVOICE_STATUS_LABELS, SUBSCRIPTION_STATUS_LABELS } from '../../shared/labels/status-labels';
import { StatusChipComponent } from '../../shared/labels/status-chip.component';
import { CUSTOMER_STATUS_LABELS } from './customer-labels';
import { CustomersService } from './customers.service';

/** Pelanggan detail: the record (NIK masked), and its subscriptions, invoices, payments, messages and network actions. */
@Component({
  selector: 'lunas-customer-detail-page',
  imports: [DatePipe, RouterLink, RupiahPipe, MatButtonModule, MatTabsModule, StatusChipComponent],
  templateUrl: './customer-detail.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CustomerDetailPageComponent implements OnInit {
  private readonly customers = inject(CustomersService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);

  readonly id = input.required<string>();

  protected readonly detail = signal<CustomerDetail | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly customerLabels = CUSTOMER_STATUS_LABELS;
  protected readonly subscriptionLabels = SUBSCRIPTION_STATUS_LABELS;
  protected readonly invoiceLabels = INVOICE_STATUS_LABELS;
  protected readonly canEdit = this.auth.can('customer.update') || this.auth.can('customer.update_contact');
  protected readonly canSubscribe = this.auth.can('subscription.manage');
  protected readonly canDeactivate = this.auth.can('customer.update');
  protected readonly canDelete = this.auth.can('customer.delete');

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.customers.get(this.id()).subscribe({
      next: (detail) => {
        this.detail.set(detail);
        this.loadError.set(null);
      },
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }

  protected deactivate(): void {
    this.confirm('Nonaktifkan pelanggan?', 'Pelanggan disembunyikan dari langganan baru. Riwayat tagihan dan pembayarannya tetap tersimpan.', 'Nonaktifkan', (reason) =>
      this.customers.deactivate(this.id(), reason),
    );
  }

  protected activate(): void {
    this.confirm('Aktifkan kembali pelanggan?', 'Pelanggan bisa diberi langganan baru lagi.', 'Aktifkan', (reason) => this.customers.activate(this.id(), reason));
  }

  protected remove(): void {
    openConfirmAction(this.dialog, {
      title: 'Hapus pelanggan?',
      effect: 'Data pelanggan dihapus permanen. Hanya bisa untuk pelanggan tanpa tagihan dan pembayaran.',
      confirmLabel: 'Hapus',
      danger: true,
      submit: ({ reason }) => this.customers.delete(this.id(), reason),
    }).subscribe(() => void this.router.navigateByUrl('/pelanggan'));
  }

  private confirm(title: string, effect: string, confirmLabel: string, submit: (reason: string) => Observable<unknown>): void {
    openConfirmAction(this.dialog, { title, effect, confirmLabel, submit: ({ reason }) => submit(reason) }).subscribe(() => {
      this.notice.set(`${confirmLabel}: berhasil.`);
      this.load();
    });
  }
}
