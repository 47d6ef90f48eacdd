import type { BillingDocument } from '@lunas/contracts';
import { jakartaDateOf } from '@lunas/domain';
import type { EntityManager } from 'typeorm';
import { Customer } from '../entities/customer.entity';
import { InvoiceItem } from '../entities/invoice-item.entity';
import { Invoice } from '../entities/invoice.entity';
import { Payment } from '../entities/payment.entity';
import { Tenant } from '../entities/tenant.entity';
import { User } from '../entities/user.entity';
import { tenantSettingsAt } from '../tenant-settings';

/** `${publicBaseUrl}/bayar/<receiptToken>`: the invoice's public pay and receipt page. */
export function payLinkOf(publicBaseUrl: string, receiptToken: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/bayar/${encodeURIComponent(receiptToken)}`;
}

/** The mitra's (first) transfer account as one line, e.g. `BCA 1234567890 a.n. Sukamaju Net`; null when it has none. */
export function bankLineOf(tenant: { readonly bankAccounts: readonly Tenant['bankAccounts'][number][] }): string | null {
  const [account] = tenant.bankAccounts;
  return account ? `${account.bankName} ${account.accountNumber} a.n. ${account.holder}` : null;
}

/**
 * What the invoice or receipt PDF of `invoice` prints: a receipt once it is paid, else the invoice; the mitra's
 * name, logo, address, NPWP, bank account and receipt toggles from its settings (Pengaturan) in the version in
 * effect when the document was issued — the invoice at its issue time, the receipt when it was paid — so a later
 * change never alters an issued document; succeeded payments with who recorded them. PPN and the number are the
 * invoice's own snapshot.
 */
export async function loadBillingDocument(manager: EntityManager, invoice: Invoice, publicBaseUrl: string): Promise<BillingDocument> {
  // One query after the other: `manager` may be a transaction's, whose single connection runs one query at a time.
  const tenant = await manager.findOneByOrFail(Tenant, { id: invoice.tenantId });
  const customer = await manager.findOneByOrFail(Customer, { id: invoice.customerId, tenantId: invoice.tenantId });
  const items = await manager.find(InvoiceItem, { where: { invoiceId: invoice.id }, order: { position: 'ASC' } });
  const kind = invoice.status === 'paid' ? 'receipt' : 'invoice';
  const settings = await tenantSettingsAt(manager, invoice.tenantId, kind === 'receipt' ? (invoice.paidAt ?? invoice.issuedAt) : invoice.issuedAt);
  if (!settings) throw new Error(`tenant ${invoice.tenantId} of invoice ${invoice.id} not found`);
  const payments = await manager.find(Payment, { where: { invoiceId: invoice.id, tenantId: invoice.tenantId, status: 'succeeded' }, order: { paidAt: 'ASC' } });
  const recorders = new Map<string, string>();
  for (const id of new Set(payments.map((payment) => payment.recordedBy).filter((id): id is string => id !== null))) {
    const user = await manager.findOneBy(User, { id });
    if (user) recorders.set(id, user.name);
  }
  return {
    kind,
    business: { name: settings.businessName, logoDataUrl: settings.logoDataUrl, address: settings.address, npwp: settings.npwp, phone: tenant.phone, bankLine: bankLineOf(settings) },
    customer: { name: customer.name, phone: customer.phone, nik: customer.nik, address: customer.address, area: tenant.businessName },
    number: invoice.number,
    period: invoice.period,
    issuedOn: jakartaDateOf(invoice.issuedAt.getTime()),
    dueOn: jakartaDateOf(invoice.dueAt.getTime()),
    lines: items.map((item) => ({ description: item.description, amount: item.amount, package: item.kind === 'package' })),
    discount: invoice.discountAmount,
    ppn: { base: invoice.dpp, rateBasisPoints: Math.round(invoice.ppnRate * 10_000), amount: invoice.ppnAmount, included: invoice.pricesIncludePpn },
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    payments: payments.map((payment) => ({
      paidOn: jakartaDateOf((payment.paidAt ?? payment.createdAt).getTime()),
      method: payment.method,
      amount: payment.amount,
      recordedBy: payment.recordedBy ? (recorders.get(payment.recordedBy) ?? null) : null,
    })),
    payLink: payLinkOf(publicBaseUrl, invoice.receiptToken),
    fields: settings.receipt,
  };
}
