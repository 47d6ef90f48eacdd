/**
 * The reference a gateway sees for an invoice (Midtrans order_id, Xendit external_id, Tripay merchant_ref,
 * sandbox order_id): the tenant's short reference number and the invoice number, `T<no>-<invoice number>`
 * (e.g. `T3-INV/2026/11/000123`, 21 characters; Midtrans allows 50). Invoice numbers restart per tenant
 * while the default gateway account is shared, so the invoice number alone is not unique at a gateway.
 */
export interface GatewayReference {
  /** `tenants.reference_no`; absent for a reference from before tenant prefixes (a bare invoice number). */
  readonly tenantReferenceNo?: number;
  readonly invoiceNumber: string;
}

const PREFIXED = /^T([1-9]\d{0,8})-(.+)$/;

export function formatGatewayReference(tenantReferenceNo: number, invoiceNumber: string): string {
  return `T${tenantReferenceNo}-${invoiceNumber}`;
}

/** Reads an order id a gateway echoed; anything without the tenant prefix is a bare invoice number. */
export function parseGatewayReference(orderId: string): GatewayReference {
  const match = PREFIXED.exec(orderId);
  return match ? { tenantReferenceNo: Number(match[1]), invoiceNumber: match[2] } : { invoiceNumber: orderId };
}
