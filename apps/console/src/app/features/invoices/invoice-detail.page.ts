import { Clipboard } from '@angular/cdk/clipboard';
import { DatePipe, DecimalPipe, DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import type { InvoiceStatus } from '@lunas/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { openConfirmAction } from '../../shared/dialogs/confirm-action.dialog';
import { INVOICE_STATUS_LABELS } from '../../shared/labels/status-labels';
import { StatusChipComponent } from '../../shared/labels/status-chip.component';
import { ManualPaymentData, ManualPaymentDialogComponent, ManualPaymentOutcome } from '../payments/manual-payment.dialog';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { InvoiceDetail, InvoicesService, ResentPayLink } from './invoices.service';
import { resendOutcomeMessage } from './resend-outcome';

/**
 * Statuses that still owe money. Written here rather than importing `isOutstandingStatus`: a value import of
 * `@lunas/contracts` would bundle the Temporal SDK its index re-exports into the browser.
 */
const OUTSTANDING: readonly InvoiceStatus[] = ['unpaid', 'partial'];

/** Tagihan detail: lines, PPN, late fee, payments, the customer's pay link (copy, open, resend), kasir payment, void. */
@Component({
  selector: 'lunas-invoice-detail-page',
  imports: [DatePipe, DecimalPipe, RouterLink, RupiahPipe, MatButtonModule, StatusChipComponent],
  templateUrl: './invoice-detail.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvoiceDetailPageComponent implements OnInit {
  private readonly invoices = inject(InvoicesService);
  private readonly subscriptions = inject(SubscriptionsService);
  private readonly dialog = inject(MatDialog);
  private readonly clipboard = inject(Clipboard);
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);

  readonly id = input.required<string>();

  protected readonly invoice = signal<InvoiceDetail | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly statusLabels = INVOICE_STATUS_LABELS;
  protected readonly outstanding = computed(() => {
    const invoice = this.invoice();
    return invoice !== null && OUTSTANDING.includes(invoice.status);
  });
  protected readonly payLinkUrl = computed(() => {
    const link = this.invoice()?.payLink;
    return link ? new URL(link, this.document.baseURI).href : null;
  });
  protected readonly canRecordPayment = this.auth.can('payment.record');
  protected readonly canVoid = this.auth.can('invoice.void');
  protected readonly canResendLink = this.auth.can('notification.send');

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.invoices.get(this.id()).subscribe({
      next: (invoice) => {
        this.invoice.set(invoice);
        this.loadError.set(null);
      },
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }

  protected copyPayLink(): void {
    const url = this.payLinkUrl();
    if (url && this.clipboard.copy(url)) this.notice.set('Tautan pembayaran disalin.');
  }

  protected recordPayment(): void {
    const invoice = this.invoice();
    if (!invoice) return;
    const data: ManualPaymentData = { invoiceId: invoice.id, number: invoice.number, customerName: invoice.customerName, balance: invoice.balance, version: invoice.version };
    this.dialog
      .open<ManualPaymentDialogComponent, ManualPaymentData, ManualPaymentOutcome>(ManualPaymentDialogComponent, { data, width: '480px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((outcome) => {
        if (outcome?.kind === 'recorded') this.notice.set('Pembayaran tercatat.');
        if (outcome) this.load();
      });
  }

  protected voidInvoice(): void {
    const invoice = this.invoice();
    if (!invoice) return;
    openConfirmAction(this.dialog, {
      title: `Batalkan tagihan ${invoice.number}?`,
      effect: 'Tagihan dibatalkan dan tidak perlu dibayar; penagihan untuk tagihan ini berhenti. Tidak bisa diurungkan.',
      confirmLabel: 'Batalkan tagihan',
      danger: true,
      submit: ({ reason }) => this.subscriptions.act(invoice.subscriptionId, 'void-invoice', { reason, invoiceId: invoice.id }),
    }).subscribe(() => {
      this.notice.set('Tagihan dibatalkan.');
      this.load();
    });
  }

  protected resendLink(): void {
    const invoice = this.invoice();
    if (!invoice) return;
    openConfirmAction(this.dialog, {
      title: `Kirim ulang tautan tagihan ${invoice.number}?`,
      effect: `${invoice.customerName ?? 'Pelanggan'} akan menerima pengingat berisi tautan pembayaran lewat WhatsApp (atau email bila WhatsApp tidak disetujui), melalui antrean pengiriman mitra.`,
      confirmLabel: 'Kirim ulang tautan',
      submit: ({ reason }) => this.invoices.resendLink(invoice.id, reason),
    }).subscribe((answer) => this.notice.set(resendOutcomeMessage(answer as ResentPayLink)));
  }
}
