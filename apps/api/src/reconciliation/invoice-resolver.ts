import { Injectable } from '@nestjs/common';
import { jakartaDateOf } from '@lunas/domain';
import { matchPayment, type MatchResult, type NormalisedPaymentEvent, type OpenInvoice } from '@lunas/payments';
import { EntityManager } from 'typeorm';

interface InvoiceRow {
  id: string;
  number: string;
  customer_id: string;
  customer_code: string;
  due: string;
  issued_at: Date;
  due_at: Date;
}

const SELECT_INVOICES = `
  SELECT i.id, i.number, i.customer_id, c.code AS customer_code, i.total - i.amount_paid AS due, i.issued_at, i.due_at
    FROM invoices i JOIN customers c ON c.id = i.customer_id`;

/**
 * Finds the invoice a payment is for, with the reconciliation rules of @lunas/payments and the
 * candidates they need from the database. `tenantId` narrows the search when the gateway account that
 * authenticated the webhook belongs to one tenant.
 */
@Injectable()
export class InvoiceResolver {
  /**
   * Rules, first that applies wins: the order id we gave the gateway is the invoice number (any
   * non-void invoice, so a second payment becomes credit); else the VA number a customer paid into
   * before → that customer's oldest open invoice; else amount + customer + date window.
   */
  async forGatewayEvent(m: EntityManager, event: NormalisedPaymentEvent, tenantId: string | undefined): Promise<MatchResult> {
    const payment = { gatewayReference: event.gatewayTransactionId, invoiceRef: event.orderId, vaNumber: event.vaNumber, amount: event.amount, paidOn: jakartaDateOf(Date.parse(event.occurredAt)) };
    const byNumber = await this.query(m, `i.status <> 'void' AND i.number = $2`, [tenantId ?? null, event.orderId]);
    if (byNumber.length > 0) return matchPayment(payment, byNumber);
    const noNumber = `Tidak ada tagihan bernomor ${event.orderId}`;
    if (!event.vaNumber) return { status: 'unmatched', reason: noNumber };
    const byVa = await this.query(
      m,
      `i.status IN ('unpaid', 'partial') AND i.customer_id IN (SELECT p.customer_id FROM payments p WHERE p.gateway = $3 AND p.raw ->> 'vaNumber' = $2 AND p.customer_id IS NOT NULL)`,
      [tenantId ?? null, event.vaNumber, event.gateway],
      [event.vaNumber],
    );
    if (byVa.length === 0) return { status: 'unmatched', reason: `${noNumber}; nomor VA ${event.vaNumber} tidak dikenal` };
    return matchPayment(payment, byVa);
  }

  /** Every open (unpaid or partly paid) invoice of a tenant, for bank statement matching. */
  openInvoices(m: EntityManager, tenantId: string): Promise<OpenInvoice[]> {
    return this.query(m, `i.status IN ('unpaid', 'partial')`, [tenantId]);
  }

  private async query(m: EntityManager, condition: string, params: unknown[], vaNumbers?: readonly string[]): Promise<OpenInvoice[]> {
    const rows: InvoiceRow[] = await m.query(`${SELECT_INVOICES} WHERE ($1::uuid IS NULL OR i.tenant_id = $1) AND ${condition}`, params);
    return rows.map((row) => ({
      invoiceId: row.id,
      invoiceNumber: row.number,
      customerId: row.customer_id,
      customerCode: row.customer_code,
      amountDue: Number(row.due),
      issuedOn: jakartaDateOf(row.issued_at.getTime()),
      dueOn: jakartaDateOf(row.due_at.getTime()),
      customerVaNumbers: vaNumbers,
    }));
  }
}
