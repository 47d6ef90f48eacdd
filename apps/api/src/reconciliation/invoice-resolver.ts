import { Injectable } from '@nestjs/common';
import { jakartaDateOf } from '@lunas/domain';
import { matchPayment, parseGatewayReference, type MatchResult, type NormalisedPaymentEvent, type OpenInvoice } from '@lunas/payments';
import type { InvoiceStatus } from '@lunas/persistence';
import { EntityManager } from 'typeorm';

/** A gateway event whose invoice is wanted, keyed by `id`, with the scope of the gateway account that signed it. */
export interface GatewayEventToMatch {
  readonly id: string;
  readonly event: NormalisedPaymentEvent;
  /** The one tenant of the signing account when it is a tenant's own account (narrows the search). */
  readonly tenantId?: string;
  /** Whether the signing account may touch this tenant's invoices. */
  readonly serves: (tenantId: string) => boolean;
}

/** The event's reference names an invoice of a tenant the signing account does not serve: a forgery, refused. */
export interface ForeignReference {
  readonly status: 'foreign';
  readonly reason: string;
}

export type GatewayEventMatch = MatchResult | ForeignReference;

/** An invoice a payment may be for, as the rules need it. */
export interface InvoiceCandidate {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantReferenceNo: number;
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
  tenant_reference_no: number;
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
  SELECT i.id, i.tenant_id, t.reference_no AS tenant_reference_no, i.number, i.status, i.customer_id, c.code AS customer_code, i.total, i.amount_paid,
         i.issued_at, i.due_at
    FROM invoices i JOIN customers c ON c.id = i.customer_id JOIN tenants t ON t.id = i.tenant_id`;

/**
 * Finds the invoice a payment is for, with the reconciliation rules of @lunas/payments and the
 * candidates they need from the database. A gateway event only ever finds invoices of the tenants its
 * signing account serves (a tenant's own account: that tenant; the default account: the tenants without
 * one); a reference naming another tenant's invoice is {@link ForeignReference}.
 */
@Injectable()
export class InvoiceResolver {
  /**
   * Rules, first that applies wins: the order id we gave the gateway (`T<tenant no>-<invoice number>`,
   * or a bare invoice number from before tenant prefixes) names the invoice (any non-void invoice, so a
   * second payment becomes credit); else the VA number a customer paid into before → that customer's
   * oldest open invoice; else amount + customer + date window. `named` are the invoices the events'
   * order ids name, read by the caller (the ledger locks them in the same statement); the VA rule, for
   * the events it is left to, reads its candidates per event.
   */
  async forGatewayEvents(m: EntityManager, events: readonly GatewayEventToMatch[], named: readonly InvoiceCandidate[]): Promise<Map<string, GatewayEventMatch>> {
    const results = new Map<string, GatewayEventMatch>();
    for (const inbox of events) {
      const { tenantReferenceNo, invoiceNumber } = parseGatewayReference(inbox.event.orderId);
      const byNumber = named.filter(
        (invoice) => invoice.number === invoiceNumber && invoice.status !== 'void' && (tenantReferenceNo === undefined || invoice.tenantReferenceNo === tenantReferenceNo),
      );
      const served = byNumber.filter((invoice) => inbox.serves(invoice.tenantId));
      if (tenantReferenceNo !== undefined && served.length < byNumber.length) {
        results.set(inbox.id, { status: 'foreign', reason: `Referensi ${inbox.event.orderId} milik mitra lain, bukan mitra akun gateway yang menandatangani notifikasi ini` });
      } else {
        const event = { ...inbox.event, orderId: invoiceNumber };
        results.set(inbox.id, served.length > 0 ? matchPayment(toMatch(event), served.map((invoice) => openInvoice(invoice))) : await this.byVaNumber(m, inbox, event));
      }
    }
    return results;
  }

  /** Every open (unpaid or partly paid) invoice of a tenant, for bank statement matching. */
  async openInvoices(m: EntityManager, tenantId: string): Promise<OpenInvoice[]> {
    return (await this.query(m, `i.status IN ('unpaid', 'partial')`, [tenantId])).map((invoice) => openInvoice(invoice));
  }

  private async byVaNumber(m: EntityManager, { tenantId, serves }: GatewayEventToMatch, event: NormalisedPaymentEvent): Promise<MatchResult> {
    const noNumber = `Tidak ada tagihan bernomor ${event.orderId}`;
    if (!event.vaNumber) return { status: 'unmatched', reason: noNumber };
    const candidates = await this.query(
      m,
      `i.status IN ('unpaid', 'partial') AND i.customer_id IN (SELECT p.customer_id FROM payments p WHERE p.gateway = $3 AND p.raw ->> 'vaNumber' = $2 AND p.customer_id IS NOT NULL)`,
      [tenantId ?? null, event.vaNumber, event.gateway],
    );
    const byVa = candidates.filter((invoice) => serves(invoice.tenantId));
    if (byVa.length === 0) return { status: 'unmatched', reason: `${noNumber}; nomor VA ${event.vaNumber} tidak dikenal` };
    return matchPayment(toMatch(event), byVa.map((invoice) => openInvoice(invoice, [event.vaNumber as string])));
  }

  private async query(m: EntityManager, condition: string, params: unknown[]): Promise<InvoiceCandidate[]> {
    const rows: InvoiceRow[] = await m.query(`${SELECT_INVOICES} WHERE ($1::uuid IS NULL OR i.tenant_id = $1) AND ${condition}`, params);
    return rows.map((row) => ({
      id: row.id, tenantId: row.tenant_id, tenantReferenceNo: row.tenant_reference_no, number: row.number, status: row.status, customerId: row.customer_id, customerCode: row.customer_code,
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
