import { Injectable } from '@nestjs/common';
import { jakartaDateOf } from '@lunas/domain';
import { matchPayment, type MatchResult, type NormalisedPaymentEvent, type OpenInvoice } from '@lunas/payments';
import { EntityManager } from 'typeorm';

/** A gateway event whose invoice is wanted, keyed by `id`; `tenantId` when its gateway account belongs to one tenant. */
export interface GatewayEventToMatch {
  readonly id: string;
  readonly event: NormalisedPaymentEvent;
  readonly tenantId?: string;
}

interface InvoiceRow {
  id: string;
  tenant_id: string;
  number: string;
  customer_id: string;
  customer_code: string;
  due: string;
  issued_at: Date;
  due_at: Date;
}

const SELECT_INVOICES = `
  SELECT i.id, i.tenant_id, i.number, i.customer_id, c.code AS customer_code, i.total - i.amount_paid AS due, i.issued_at, i.due_at
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
   * before → that customer's oldest open invoice; else amount + customer + date window. The first rule
   * is one query for all events; the VA rule, for the events it is left to, one query each.
   */
  async forGatewayEvents(m: EntityManager, events: readonly GatewayEventToMatch[]): Promise<Map<string, MatchResult>> {
    const results = new Map<string, MatchResult>();
    if (events.length === 0) return results;
    const numbers = [...new Set(events.map(({ event }) => event.orderId))];
    const byNumber = await this.query(m, `i.status <> 'void' AND i.number = ANY($2::varchar[])`, [null, numbers]);
    for (const { id, event, tenantId } of events) {
      const named = byNumber.filter((row) => row.number === event.orderId && (!tenantId || row.tenant_id === tenantId));
      results.set(id, named.length > 0 ? matchPayment(toMatch(event), named.map((row) => openInvoice(row))) : await this.byVaNumber(m, event, tenantId));
    }
    return results;
  }

  /** Every open (unpaid or partly paid) invoice of a tenant, for bank statement matching. */
  async openInvoices(m: EntityManager, tenantId: string): Promise<OpenInvoice[]> {
    return (await this.query(m, `i.status IN ('unpaid', 'partial')`, [tenantId])).map((row) => openInvoice(row));
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
    return matchPayment(toMatch(event), byVa.map((row) => openInvoice(row, [event.vaNumber as string])));
  }

  private query(m: EntityManager, condition: string, params: unknown[]): Promise<InvoiceRow[]> {
    return m.query(`${SELECT_INVOICES} WHERE ($1::uuid IS NULL OR i.tenant_id = $1) AND ${condition}`, params);
  }
}

function toMatch(event: NormalisedPaymentEvent) {
  return { gatewayReference: event.gatewayTransactionId, invoiceRef: event.orderId, vaNumber: event.vaNumber, amount: event.amount, paidOn: jakartaDateOf(Date.parse(event.occurredAt)) };
}

function openInvoice(row: InvoiceRow, vaNumbers?: readonly string[]): OpenInvoice {
  return {
    invoiceId: row.id,
    invoiceNumber: row.number,
    customerId: row.customer_id,
    customerCode: row.customer_code,
    amountDue: Number(row.due),
    issuedOn: jakartaDateOf(row.issued_at.getTime()),
    dueOn: jakartaDateOf(row.due_at.getTime()),
    customerVaNumbers: vaNumbers,
  };
}
