import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { InvoiceStatus, Page } from '@lunas/contracts';
import { Observable } from 'rxjs';
import { apiListParams, ListQuery } from '../../shared/list/list-query';

export const INVOICES_URL = '/api/v1/invoices';

const invoiceUrl = (id: string) => `${INVOICES_URL}/${encodeURIComponent(id)}`;

/** A row of `GET /api/v1/invoices`. */
export interface InvoiceRow {
  id: string;
  tenantId: string;
  subscriptionId: string;
  customerId: string;
  customerName?: string;
  number: string;
  period: string;
  issuedAt: string;
  dueAt: string;
  total: number;
  amountPaid: number;
  balance: number;
  status: InvoiceStatus;
  /** Whole days past due (WIB), 0 when not due or settled. */
  overdueDays?: number;
  version: number;
}

/** `GET /api/v1/invoices/:id`: amounts, lines (package, proration, late fee), payments and the customer's pay link. */
export interface InvoiceDetail extends InvoiceRow {
  periodStart: string;
  periodEnd: string;
  subtotal: number;
  discountAmount: number;
  dpp: number;
  ppnRate: number;
  pricesIncludePpn: boolean;
  ppnAmount: number;
  lateFee?: number;
  items: { kind: string; description: string; amount: number }[];
  payments: { paymentId: string; gateway: string; method: string; amount: number; paidAt: string | null }[];
  /** `/bayar/<token>`: the page the customer pays on. */
  payLink?: string | null;
}

/** What `POST /api/v1/invoices/:id/payments` answers: the payment and the invoice's new balance and version. */
export interface RecordedPayment {
  paymentId: string;
  allocated: number;
  overpayment: number;
  invoice: { invoiceId: string; status: InvoiceStatus; total: number; amountPaid: number; balance: number; version: number };
}

export interface ManualPaymentRequest {
  /** The invoice version the kasir read: a stale one is refused with 409. */
  version: number;
  amount: number;
  method: 'cash' | 'transfer';
  note?: string;
}

/** What `POST /api/v1/invoices/:id/resend-link` answers. */
export interface ResentPayLink {
  /** The channels the customer agreed to, in the order the sender tries them. */
  channels: ('whatsapp' | 'email')[];
  payLink: string;
  queuedAt: string;
  /** A resend of this invoice was already queued moments ago: nothing new was queued. */
  alreadyQueued: boolean;
}

/** Invoices (Tagihan): list, detail, record a kasir payment, resend the pay link. */
@Injectable({ providedIn: 'root' })
export class InvoicesService {
  private readonly http = inject(HttpClient);

  list(query: ListQuery): Observable<Page<InvoiceRow>> {
    return this.http.get<Page<InvoiceRow>>(INVOICES_URL, { params: apiListParams(query) });
  }

  get(id: string): Observable<InvoiceDetail> {
    return this.http.get<InvoiceDetail>(invoiceUrl(id));
  }

  /** `idempotencyKey`: one per payment form, so that a repeated submit records the money once. */
  recordPayment(id: string, request: ManualPaymentRequest, idempotencyKey: string): Observable<RecordedPayment> {
    return this.http.post<RecordedPayment>(`${invoiceUrl(id)}/payments`, request, { headers: { 'Idempotency-Key': idempotencyKey } });
  }

  /** Sends the customer the pay link again (queued on the mitra's sender; a repeat within minutes queues nothing). */
  resendLink(id: string, reason: string): Observable<ResentPayLink> {
    return this.http.post<ResentPayLink>(`${invoiceUrl(id)}/resend-link`, { reason });
  }
}
