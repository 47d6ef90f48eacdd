import { HttpClient, HttpEvent } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Page, PaymentListItem, ReconciliationItem } from '@lunas/contracts';
import { Observable } from 'rxjs';
import { apiListParams, ListQuery } from '../../shared/list/list-query';

export const PAYMENTS_URL = '/api/v1/payments';
export const RECONCILIATION_QUEUE_URL = '/api/v1/reconciliation/queue';
export const BANK_IMPORTS_URL = '/api/v1/bank-imports';

export const STATEMENT_BANKS = [
  { value: 'bca', label: 'BCA' },
  { value: 'mandiri', label: 'Mandiri' },
  { value: 'bri', label: 'BRI' },
] as const;
export type StatementBank = (typeof STATEMENT_BANKS)[number]['value'];

/** `matched` rows are booked on confirm; the others stay for Finance. */
export type StatementRowOutcome = 'matched' | 'ambiguous' | 'unmatched' | 'invalid' | 'duplicate' | string;

export interface StatementRowPreview {
  rowNumber: number;
  outcome: StatementRowOutcome;
  /** Why, in Indonesian. */
  reason: string;
  transaction?: { date?: string; amount?: number; description?: string } & Record<string, unknown>;
  rule?: string;
  invoiceId?: string;
  candidateInvoiceIds?: string[];
}

/** `POST /api/v1/bank-imports/preview`: nothing is recorded yet. */
export interface BankImportPreview {
  id: string;
  bank: StatementBank;
  layout: string;
  accountNumber?: string;
  summary: Record<string, number>;
  rows: StatementRowPreview[];
}

/** `POST /api/v1/bank-imports/:id/confirm`. */
export interface BankImportReport {
  id: string;
  recorded: number;
  alreadyImported: number;
  skipped: number;
  rows: { rowNumber: number; outcome: string; reason: string; paymentId?: string; invoiceId?: string; amount?: number }[];
}

/** Payments (Pembayaran): list, refund, the reconciliation queue and bank statement import. */
@Injectable({ providedIn: 'root' })
export class PaymentsService {
  private readonly http = inject(HttpClient);

  list(query: ListQuery): Observable<Page<PaymentListItem>> {
    return this.http.get<Page<PaymentListItem>>(PAYMENTS_URL, { params: apiListParams(query) });
  }

  /** `idempotencyKey`: one per refund form, so that a repeated submit refunds once. */
  refund(paymentId: string, amount: number, reason: string, idempotencyKey: string): Observable<unknown> {
    return this.http.post(`${PAYMENTS_URL}/${encodeURIComponent(paymentId)}/refunds`, { amount, reason }, { headers: { 'Idempotency-Key': idempotencyKey } });
  }

  queue(query: ListQuery): Observable<Page<ReconciliationItem>> {
    return this.http.get<Page<ReconciliationItem>>(RECONCILIATION_QUEUE_URL, { params: apiListParams(query) });
  }

  match(itemId: string, invoiceId: string, reason: string): Observable<unknown> {
    return this.http.post(`${RECONCILIATION_QUEUE_URL}/${encodeURIComponent(itemId)}/match`, { invoiceId, reason });
  }

  /** Uploads the statement with upload progress events (a large CSV takes a moment on a slow line). */
  previewStatement(file: File, bank: StatementBank): Observable<HttpEvent<BankImportPreview>> {
    const form = new FormData();
    form.append('bank', bank);
    form.append('file', file, file.name);
    return this.http.post<BankImportPreview>(`${BANK_IMPORTS_URL}/preview`, form, { reportProgress: true, observe: 'events' });
  }

  confirmStatement(importId: string): Observable<BankImportReport> {
    return this.http.post<BankImportReport>(`${BANK_IMPORTS_URL}/${encodeURIComponent(importId)}/confirm`, {});
  }
}
