import { Injectable } from '@nestjs/common';
import { jakartaDateOf } from '@lunas/domain';
import { matchPayment, type MatchResult, type NormalisedPaymentEvent, type OpenInvoice } from '@lunas/payments';
import type { InvoiceStatus } from '@lunas/persistence';
import { EntityManager } from 'typeorm';

/** A gateway event whose invoice is wanted, keyed by `id`; `tenantId` when its gateway account belongs to one tenant. */
export interface GatewayEventToMatch {
  readonly id: string;
  readonly event: NormalisedPaymentEvent;
  readonly tenantId?: string;
}

/** An invoice a payment may be for, as the rules need it. */
export interface InvoiceCandidate {
  readonly id: string;
  readonly tenantId: string;
  readonly number: string;
  readonly status: InvoiceStatus;
  readonly customerId: string;
  readonly customerCode: string;
  readonly total: number;
  readonly amountPaid: number;
  readonly issuedAt: Date;
  readonly dueAt: Date;
}

interface InvoiceRow {
  id: string;
  tenant_id: string;
  number: string;
  status: InvoiceStatus;
  customer_id: string;
  customer_code: string;
  total: string;
  amount_paid: string;
  issued_at: Date;
  due_at: Date;
}

const SELECT_INVOICES = `
  SELECT i.id, i.tenant_id, i.number, i.status, i.customer_id, c.code AS customer_code, i.total, i.amount_paid, i.issued_at, i.due_at
    FROM invoices i JOIN customers c ON c.id = i.customer_id`;

/**
 * Finds the invoice a payment is for, with the reconciliation rules of @lunas/payments and the
 * candidates they need from the database. A tenant narrows the search when the gateway account that
 * authenticated the webhook belongs to one tenant.
 */
@Injectable()
export class InvoiceResolver {
  /**
   * Rules, first that applies wins: the order id we gave the gateway is the invoice number (any
   * non-void invoice, so a second payment becomes credit); else the VA number a customer paid into
   * before → that customer's oldest open invoice; else amount + customer + date window. `named` are the
   * invoices with the events' order ids as numbers, read by the caller (the ledger locks them in the
   * same statement); the VA rule, for the events it is left to, reads its candidates per event.
   */
  async forGatewayEvents(m: EntityManager, events: readonly GatewayEventToMatch[], named: readonly InvoiceCandidate[]): Promise<Map<string, MatchResult>> {
    const results = new Map<string, MatchResult>();
    for (const { id, event, tenantId } of events) {
      const byNumber = named.filter((invoice) => invoice.number === event.orderId && invoice.status !== 'void' && (!tenantId || invoice.tenantId === tenantId));
      results.set(id, byNumber.length > 0 ? matchPayment(toMatch(event), byNumber.map((invoice) => openInvoice(invoice))) : await this.byVaNumber(m, event, tenantId));
    }
    return results;
  }

  /** Every open (unpaid or partly paid) invoice of a tenant, for bank statement matching. */
  async openInvoices(m: EntityManager, tenantId: string): Promise<OpenInvoice[]> {
    return (await this.query(m, `i.status IN ('unpaid', 'partial')`, [tenantId])).map((invoice) => openInvoice(invoice));
  }

  private async byVaNumber(m: EntityManager, event: NormalisedPaymentEvent, tenantId: string | undefined): Promise<MatchResult> {
    const noNumber = `Tidak ada tagihan bernomor ${event.orderId}`;
    if (!event.vaNumber) return { status: 'unmatched', reason: noNumber };
    const byVa = await this.query(
      m,
      `i.status IN ('unpaid', 'partial') AND i.customer_id IN (SELECT p.customer_id FROM payments p WHERE p.gateway = $3 AND p.raw ->> 'vaNumber' = $2 AND p.customer_id IS NOT NULL)`,
      [tenantId ?? null, event.vaNumber, event.gateway],
    );
    if (byVa.length === 0) return { status: 'unmatched', reason: `${noNumber}; nomor VA ${event.vaNumber} tidak dikenal` };
    return matchPayment(toMatch(event), byVa.map((invoice) => openInvoice(invoice, [event.vaNumber as string])));
  }

  private async query(m: EntityManager, condition: string, params: unknown[]): Promise<InvoiceCandidate[]> {
    const rows: InvoiceRow[] = await m.query(`${SELECT_INVOICES} WHERE ($1::uuid IS NULL OR i.tenant_id = $1) AND ${condition}`, params);
    return rows.map((row) => ({
      id: row.id, tenantId: row.tenant_id, number: row.number, status: row.status, customerId: row.customer_id, customerCode: row.customer_code,
      total: Number(row.total), amountPaid: Number(row.amount_paid), issuedAt: row.issued_at, dueAt: row.due_at,
    }));
  }
}

function toMatch(event: NormalisedPaymentEvent) {
  return { gatewayReference: event.gatewayTransactionId, invoiceRef: event.orderId, vaNumber: event.vaNumber, amount: event.amount, paidOn: jakartaDateOf(Date.parse(event.occurredAt)) };
}

function openInvoice(invoice: InvoiceCandidate, vaNumbers?: readonly string[]): OpenInvoice {
  return {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    customerId: invoice.customerId,
    customerCode: invoice.customerCode,
    amountDue: invoice.total - invoice.amountPaid,
    issuedOn: jakartaDateOf(invoice.issuedAt.getTime()),
    dueOn: jakartaDateOf(invoice.dueAt.getTime()),
    customerVaNumbers: vaNumbers,
  };
}
