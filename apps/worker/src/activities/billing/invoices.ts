import { randomUUID } from 'node:crypto';
import {
  type ActivationPeriods,
  activationPeriods,
  billingPeriod,
  firstPeriodAmount,
  formatIndonesianDate,
  computeInvoiceTotals,
  type CreditDraw,
  creditToApply,
  DomainError,
  drawCredit,
  type DunningPolicy,
  dueDate,
  formatPeriodLabel,
  jakartaDateOf,
  jakartaInstant,
  lowerTotal,
  outstandingOf,
  percentOf,
  settlementStatus,
  type PpnConfig,
  BASIS_POINTS_PER_WHOLE,
} from '@lunas/domain';
import {
  BillingRefusal,
  type BillingActivities,
  type CreditAllocated,
  type InvoiceBalance,
  type IssuedInvoice,
  type IssueInvoiceInput,
} from '@lunas/contracts';
import {
  creditExcess,
  creditOfSubscription,
  insertNumberedInvoice,
  isUuid,
  lateFeeOf,
  lockCreditSources,
  lockInvoice,
  subscriptionCredit,
  writeInvoice,
  type NumberedInvoiceItem,
  isUniqueViolation,
  type DiscountSnapshot,
  generateReceiptToken,
  InternetPackage,
  Invoice,
  InvoiceItem,
  Subscription,
} from '@lunas/persistence';
import type { EntityManager } from 'typeorm';
import { moveSubscriptionToPackage } from '../network/provision';
import type { BillingDependencies } from './dependencies';
import { refusal } from './refusal';

type InvoiceActivities = Pick<BillingActivities, 'issueInvoice' | 'addLateFee' | 'waiveLateFee' | 'voidInvoice' | 'creditOf'>;

/** What issuing did with credit: spent on the invoice, the subscription's own left, taken from other subscriptions. */
interface IssuedCredit {
  creditApplied: number;
  creditRemaining: number;
  creditAllocations: CreditAllocated[];
}

/** Invoice descriptions are varchar(255). */
const DESCRIPTION_LENGTH = 255;

/**
 * Invoices: issued once per (subscription, period) in one transaction (number, items, discount snapshot, PPN,
 * customer credit), a late fee at most once per invoice (an item; the total and version move with it), waiver
 * and void. Every write locks its row first, so retries and concurrent calls serialise and see each other.
 */
export function invoiceActivities({ dataSource, payLinks }: BillingDependencies): InvoiceActivities {
  const issued = (
    invoice: Invoice,
    credit: IssuedCredit,
    created: boolean,
    activePolicy: DunningPolicy | null,
  ): IssuedInvoice => ({
    invoiceId: invoice.id,
    number: invoice.number,
    period: invoice.period,
    dueDate: jakartaDateOf(invoice.dueAt.getTime()),
    total: invoice.dpp + invoice.ppnAmount,
    ...credit,
    balance: outstandingOf(invoice),
    payLink: payLinks.linkFor(invoice),
    created,
    ...(activePolicy ? { activePolicy } : {}),
  });

  /** An invoice issued before (a retry): what it used of the credit and of other subscriptions', and what the subscription holds now. */
  const reissued = async (m: EntityManager, invoice: Invoice, activePolicy: DunningPolicy | null): Promise<IssuedInvoice> => {
    const [applied]: Array<{ amount: string }> = await m.query(
      `SELECT COALESCE(-sum(amount), 0) AS amount FROM adjustments WHERE invoice_id = $1 AND kind = 'applied'`,
      [invoice.id],
    );
    const allocations: Array<{ from_subscription_id: string; amount: string }> = await m.query(
      `SELECT from_subscription_id, amount FROM credit_allocations WHERE invoice_id = $1 ORDER BY created_at, id`,
      [invoice.id],
    );
    const credit = {
      creditApplied: Number(applied.amount),
      creditRemaining: await subscriptionCredit(m, invoice.subscriptionId),
      creditAllocations: allocations.map((a) => ({ fromSubscriptionId: a.from_subscription_id, amount: Number(a.amount) })),
    };
    return issued(invoice, credit, false, activePolicy);
  };

  const balance = async (m: EntityManager, invoice: Invoice): Promise<InvoiceBalance> => ({
    invoiceId: invoice.id,
    balance: outstandingOf(invoice),
    lateFee: await lateFeeOf(m, invoice.id),
    status: invoice.status,
    credit: await subscriptionCredit(m, invoice.subscriptionId),
  });

  const lockedInvoice = async (m: EntityManager, tenantId: string, invoiceId: string): Promise<Invoice> => {
    const invoice = await lockInvoice(m, tenantId, invoiceId);
    if (!invoice) throw refusal(BillingRefusal.InvoiceNotFound, `Tagihan ${invoiceId} tidak ditemukan`);
    return invoice;
  };

  return {
    issueInvoice: async (input) => {
      const m = dataSource.manager;
      const context = await issuingContext(m, input);
      // A package change `next_cycle` takes effect with the first invoice on the new package: the row and FreeRADIUS
      // follow in one transaction (a retry finds the row moved).
      if (context.packageMoved) await dataSource.transaction((tx) => moveSubscriptionToPackage(tx, input.subscriptionId, input.packageId));
      if (context.existingInvoiceId) return reissued(m, await m.findOneByOrFail(Invoice, { id: context.existingInvoiceId }), context.activePolicy);
      const draft = draftInvoice(m, context, input);
      try {
        // Credit is rare: only then the customer's row is locked, so that two subscriptions never spend it twice.
        if (context.credit > 0) {
          return await dataSource.transaction(async (tx) => {
            const sources = await lockCreditSources(tx, context.customerId);
            const draws = drawCredit(sources, context.subscriptionId, draft.invoice.total);
            await insertInvoice(tx, draft, draws);
            const own = draws.find((draw) => draw.subscriptionId === context.subscriptionId)?.amount ?? 0;
            return issued(draft.invoice, {
              creditApplied: draft.invoice.amountPaid,
              creditRemaining: creditOfSubscription(sources, context.subscriptionId) - own,
              creditAllocations: draws.flatMap((draw) =>
                draw.subscriptionId !== null && draw.subscriptionId !== context.subscriptionId ? [{ fromSubscriptionId: draw.subscriptionId, amount: draw.amount }] : [],
              ),
            }, true, context.activePolicy);
          });
        }
        await insertInvoice(m, draft, []);
        return issued(draft.invoice, { creditApplied: 0, creditRemaining: context.subscriptionCredit, creditAllocations: [] }, true, context.activePolicy);
      } catch (error) {
        // A concurrent attempt issued it first: its number stands, this statement's rolled back with it.
        if (!isUniqueViolation(error, 'uq_invoices_subscription_period')) throw error;
        return reissued(m, await m.findOneByOrFail(Invoice, { subscriptionId: input.subscriptionId, period: input.period }), context.activePolicy);
      }
    },

    addLateFee: ({ tenantId, invoiceId, amount, description }) =>
      dataSource.transaction(async (m) => {
        if (!Number.isSafeInteger(amount) || amount <= 0) {
          throw refusal(BillingRefusal.InvalidAmount, `Denda harus bilangan bulat rupiah lebih dari 0 (diterima ${amount})`);
        }
        const invoice = await lockedInvoice(m, tenantId, invoiceId);
        const charged = await m.existsBy(InvoiceItem, { invoiceId: invoice.id, kind: 'late_fee' });
        if (charged || invoice.status === 'void' || invoice.status === 'paid') return balance(m, invoice);
        await m.insert(InvoiceItem, {
          invoiceId: invoice.id,
          kind: 'late_fee',
          description: description.slice(0, DESCRIPTION_LENGTH),
          amount,
          position: await nextPosition(m, invoice.id),
        });
        const total = invoice.total + amount;
        await writeInvoice(m, invoice, { total, status: settlementStatus(total, invoice.amountPaid) });
        return balance(m, invoice);
      }),

    waiveLateFee: ({ tenantId, invoiceId, reason }) =>
      dataSource.transaction(async (m) => {
        const invoice = await lockedInvoice(m, tenantId, invoiceId);
        const fee = await lateFeeOf(m, invoice.id);
        if (fee === 0 || invoice.status === 'void') return balance(m, invoice);
        // The item stays (amount 0) so that the fee is never charged again on this invoice.
        await m.query(
          `UPDATE invoice_items SET amount = 0, description = left(description || $2, ${DESCRIPTION_LENGTH})
           WHERE invoice_id = $1 AND kind = 'late_fee'`,
          [invoice.id, ` (dihapus: ${reason})`],
        );
        const total = invoice.total - fee;
        const { amountPaid, status, excess } = lowerTotal(invoice, total);
        await creditExcess(m, invoice, excess, `Kelebihan bayar setelah denda tagihan ${invoice.number} dihapus`);
        await writeInvoice(m, invoice, { total, amountPaid, status, paidAt: status === 'paid' ? (invoice.paidAt ?? new Date()) : null });
        return balance(m, invoice);
      }),

    voidInvoice: ({ tenantId, subscriptionId, invoiceId, reason }) =>
      dataSource.transaction(async (m) => {
        const invoice = await lockedInvoice(m, tenantId, invoiceId);
        if (subscriptionId !== undefined && invoice.subscriptionId !== subscriptionId) {
          throw refusal(BillingRefusal.InvoiceNotFound, `Tagihan ${invoice.number} bukan milik langganan ini`);
        }
        if (invoice.status === 'void') return balance(m, invoice);
        // Money already on the invoice (payments, credit used) goes back to the customer as credit.
        await creditExcess(m, invoice, invoice.amountPaid, `Pembayaran tagihan ${invoice.number} yang dibatalkan: ${reason}`);
        await writeInvoice(m, invoice, { status: 'void', voidedAt: new Date() });
        return balance(m, invoice);
      }),

    creditOf: async ({ tenantId, subscriptionId }) => {
      if (!isUuid(subscriptionId)) return 0;
      const [row]: Array<{ credit: string }> = await dataSource.query(
        `SELECT COALESCE(sum(a.amount), 0) AS credit FROM adjustments a JOIN subscriptions s ON s.id = a.subscription_id WHERE s.id = $1 AND s.tenant_id = $2`,
        [subscriptionId, tenantId],
      );
      return Number(row.credit);
    },
  };
}

/**
 * What issuing reads, in one round trip: the subscription, an invoice already issued for the period, the package,
 * credit, the tenant's PPN setting and its active dunning policy.
 */
interface IssuingContext {
  subscriptionId: string;
  customerId: string;
  discountKind: Subscription['discountKind'];
  discountValue: number;
  existingInvoiceId: string | null;
  package: Pick<InternetPackage, 'name' | 'speed' | 'price'>;
  /** The customer's credit, and the part of it this subscription made. */
  credit: number;
  subscriptionCredit: number;
  ppn: PpnConfig;
  activePolicy: DunningPolicy | null;
  /** The workflow issues on another package than the subscription row names: a package change from this cycle. */
  packageMoved: boolean;
}

/**
 * Reads the subscription (of the tenant), the invoice already issued for the period if any (a retry), the package
 * (the tenant's own or a global package of the platform tenant) and the customer's credit in one statement. Refuses
 * an unknown subscription, and an unknown package unless the invoice exists already. The active policy carries the
 * version of its row (the row, not the document, is what the API numbers).
 */
async function issuingContext(m: EntityManager, input: IssueInvoiceInput): Promise<IssuingContext> {
  const rows: Array<{
    customer_id: string; current_package_id: string; discount_kind: Subscription['discountKind']; discount_value: number; existing_invoice_id: string | null;
    package_name: string | null; package_speed: string | null; package_price: string | null; package_usable: boolean | null; credit: string; subscription_credit: string;
    ppn_rate_basis_points: number; prices_include_ppn: boolean; policy_body: DunningPolicy | null; policy_version: number | null;
  }> = isUuid(input.subscriptionId)
    ? await m.query(
        `SELECT s.customer_id, s.package_id AS current_package_id, s.discount_kind, s.discount_value,
                (SELECT i.id FROM invoices i WHERE i.subscription_id = s.id AND i.period = $4) AS existing_invoice_id,
                p.name AS package_name, p.speed AS package_speed, p.price AS package_price,
                (p.tenant_id = s.tenant_id OR EXISTS (SELECT 1 FROM tenants t WHERE t.id = p.tenant_id AND t.kind = 'platform')) AS package_usable,
                (SELECT COALESCE(sum(a.amount), 0) FROM adjustments a WHERE a.customer_id = s.customer_id) AS credit,
                (SELECT COALESCE(sum(a.amount), 0) FROM adjustments a WHERE a.subscription_id = s.id) AS subscription_credit,
                t.ppn_rate_basis_points, t.prices_include_ppn, d.body AS policy_body, d.version AS policy_version
           FROM subscriptions s
           JOIN tenants t ON t.id = s.tenant_id
           LEFT JOIN packages p ON p.id = $3
           LEFT JOIN dunning_policies d ON d.tenant_id = s.tenant_id AND d.active
          WHERE s.id = $1 AND s.tenant_id = $2`,
        [input.subscriptionId, input.tenantId, isUuid(input.packageId) ? input.packageId : null, input.period],
      )
    : [];
  const [row] = rows;
  if (!row) throw refusal(BillingRefusal.SubscriptionNotFound, `Langganan ${input.subscriptionId} tidak ditemukan`);
  if (!row.existing_invoice_id && !row.package_usable) throw refusal(BillingRefusal.PackageNotFound, `Paket ${input.packageId} tidak ditemukan`);
  return {
    subscriptionId: input.subscriptionId,
    customerId: row.customer_id,
    discountKind: row.discount_kind,
    discountValue: row.discount_value,
    existingInvoiceId: row.existing_invoice_id,
    package: { name: row.package_name ?? '', speed: row.package_speed ?? '', price: Number(row.package_price) },
    credit: Number(row.credit),
    subscriptionCredit: Number(row.subscription_credit),
    ppn: { rateBasisPoints: row.ppn_rate_basis_points, pricesIncludePpn: row.prices_include_ppn },
    activePolicy: row.policy_body && row.policy_version !== null ? { ...row.policy_body, version: row.policy_version } : null,
    packageMoved: Boolean(row.package_usable) && row.current_package_id !== input.packageId,
  };
}

/**
 * The subscription's discount as it is now, frozen on the invoice (004 "Catatan Perubahan Diskon"): `fixed`
 * takes whole rupiah off the package price (at most the price), `percent` whole percent of it, rounded half up.
 */
export function discountSnapshot(subscription: Pick<Subscription, 'discountKind' | 'discountValue'>, packagePrice: number): DiscountSnapshot | null {
  const { discountKind: kind, discountValue: value } = subscription;
  if (kind === 'fixed' && value > 0) return { kind, value, amount: Math.min(value, packagePrice) };
  if (kind === 'percent' && value > 0) return { kind, value, amount: percentOf(packagePrice, Math.min(value, 100) * 100) };
  return null;
}

/** An invoice ready to insert: the row without its number and credit, and its lines. */
interface InvoiceDraft {
  invoice: Invoice;
  lines: NumberedInvoiceItem[];
}

/**
 * Prices the period for the subscription: package line plus the workflow's extra lines, discount snapshot, the tenant's
 * PPN. An activation invoice also bills the first period from the activation date (its own line, discounted alike),
 * covers from that date and falls due on the date the workflow set.
 */
function draftInvoice(m: EntityManager, context: IssuingContext, input: IssueInvoiceInput): InvoiceDraft {
  const pkg = context.package;
  const period = billingPeriod(input.billingDay, input.period);
  const activation = input.activation;
  const periods = activation ? activationPeriods(input.billingDay, activation.date, input.period) : undefined;
  const fullPeriods = periods ? periods.advance.map((advance) => advance.key) : [input.period];
  // The first period from activation, prorated or in full, then each period in full: each discounted alike.
  const firstAmount = (amount: number) => (activation && periods ? firstPeriodAmount(amount, periods, activation.billing) : 0);
  const packageLine = (key: string) => ({ kind: 'package' as const, description: `${pkg.name} ${pkg.speed} (${formatPeriodLabel(key)})`, amount: pkg.price });
  const lines = [
    ...(activation && periods ? [{ kind: 'package' as const, description: firstPeriodDescription(pkg, activation, periods), amount: firstAmount(pkg.price) }] : []),
    ...fullPeriods.map(packageLine),
    ...input.extraLines,
  ].map((line) => ({ ...line, description: line.description.slice(0, DESCRIPTION_LENGTH) }));
  const discount = discountSnapshot(context, pkg.price);
  const discountAmount = discount ? discount.amount * fullPeriods.length + firstAmount(discount.amount) : 0;
  let totals;
  try {
    totals = computeInvoiceTotals({ lineAmounts: lines.map((line) => line.amount), discount: discountAmount }, context.ppn);
  } catch (error) {
    if (error instanceof DomainError) throw refusal(BillingRefusal.InvalidAmount, error.message);
    throw error;
  }
  const invoice = m.create(Invoice, {
    id: randomUUID(),
    tenantId: input.tenantId,
    subscriptionId: context.subscriptionId,
    customerId: context.customerId,
    period: input.period,
    periodStart: activation?.date ?? period.start,
    periodEnd: period.end,
    issuedAt: new Date(input.issuedAt),
    dueAt: new Date(jakartaInstant(activation?.dueDate ?? dueDate(period))),
    subtotal: totals.subtotal,
    discountAmount: totals.discount,
    discountSnapshot: discount,
    dpp: totals.dpp,
    ppnRate: context.ppn.rateBasisPoints / BASIS_POINTS_PER_WHOLE,
    pricesIncludePpn: context.ppn.pricesIncludePpn,
    ppnAmount: totals.ppn,
    total: totals.total,
    receiptToken: generateReceiptToken(),
    version: 1,
  });
  return { invoice, lines };
}

/** `Paket Rumah 20 Mbps (20 Desember 2026 – 31 Desember 2026, prorata 12/31 hari)`. */
function firstPeriodDescription(
  pkg: IssuingContext['package'],
  activation: NonNullable<IssueInvoiceInput['activation']>,
  { first, firstDays }: ActivationPeriods,
): string {
  const pricing = activation.billing === 'prorated' ? `prorata ${firstDays}/${first.days} hari` : 'bulan pertama penuh';
  return `${pkg.name} ${pkg.speed} (${formatIndonesianDate(activation.date)} – ${formatIndonesianDate(first.end)}, ${pricing})`;
}

/** Inserts the draft numbered, spending the customer's credit `draws` on it (they never exceed its total). */
async function insertInvoice(m: EntityManager, { invoice, lines }: InvoiceDraft, draws: readonly CreditDraw[]): Promise<void> {
  const creditApplied = creditToApply(draws.reduce((sum, draw) => sum + draw.amount, 0), invoice.total);
  invoice.amountPaid = creditApplied;
  invoice.status = settlementStatus(invoice.total, creditApplied);
  invoice.paidAt = invoice.status === 'paid' ? invoice.issuedAt : null;
  const applied = creditApplied > 0 ? { draws, reason: `Saldo dipakai untuk tagihan periode ${invoice.period}` } : null;
  invoice.number = await insertNumberedInvoice(m, invoice, lines, applied);
}

async function nextPosition(m: EntityManager, invoiceId: string): Promise<number> {
  const [row]: Array<{ position: number | null }> = await m.query(`SELECT max(position) AS position FROM invoice_items WHERE invoice_id = $1`, [invoiceId]);
  return (row.position ?? -1) + 1;
}
