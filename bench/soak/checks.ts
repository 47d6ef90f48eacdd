import type { Client } from '@temporalio/client';
import { subscriptionWorkflowId } from '@lunas/contracts';
import { accountDiscrepancy, invoiceIssueTime, nextPeriod, upcomingInvoicePeriod, type BillingDay } from '@lunas/domain';
import type { DataSource } from 'typeorm';

/** What the soak itself paid on a subscription's invoices, and took back by chargebacks (rupiah). */
export interface SoakLedger {
  paid: number;
  refunded: number;
}

/** The books at the end of a soak: totals, and every broken rule (empty when all hold). */
export interface SoakFindings {
  totals: {
    subscriptions: number;
    active: number;
    suspended: number;
    invoices: number;
    paidInvoices: number;
    payments: number;
    messages: number;
    networkActions: number;
    billed: number;
    paid: number;
    refunded: number;
    outstanding: number;
    waived: number;
    voided: number;
    credit: number;
  };
  violations: string[];
}

/** Templates the ladder sends at most once per invoice. */
const ONCE_PER_INVOICE = ['invoice_issued', 'payment_reminder_1', 'payment_reminder_2', 'suspend_warning', 'suspended'];
/** An invoice issued this long before the end has had its issue notice (the send window opens within two days). */
const NOTICE_WITHIN_MS = 3 * 86_400_000;
/** At most this many examples of one broken rule are listed. */
const EXAMPLES = 5;

interface SubscriptionBooks {
  id: string;
  tenant_id: string;
  billing_day: number;
  status: string;
  billed: string;
  voided: string;
  outstanding: string;
  credit: string;
  periods: string[] | null;
}

/**
 * The soak's end checks, from PostgreSQL and the workflows:
 * - every subscription's ledger balances: billed − waived − voided = paid − refunded + outstanding − credit, with paid
 *   and refunded as the soak itself booked them (a payment lost or applied twice breaks it), and so does the total;
 * - nothing doubled: one invoice per subscription and period, each ladder message at most once per invoice, each
 *   payment allocated once, no payment the worker had to record itself (it was booked before its signal);
 * - nothing lost or stuck: every workflow running with no activity pending, every period due by the end invoiced
 *   (up to the suspension of a subscription that stopped paying), every invoice's issue notice sent;
 * - every suspended subscription owes money, every subscription that owes nothing is active.
 */
export async function checkSoak(dataSource: DataSource, client: Client, ledger: ReadonlyMap<string, SoakLedger>, span: { start: number; end: number }): Promise<SoakFindings> {
  const violations: string[] = [];
  const fail = (rule: string, examples: unknown[]) => {
    if (examples.length > 0) violations.push(`${rule}: ${examples.length} (${JSON.stringify(examples.slice(0, EXAMPLES))})`);
  };
  const books: SubscriptionBooks[] = await dataSource.query(
    `SELECT s.id, s.tenant_id, s.billing_day, s.status,
            COALESCE(sum(i.total), 0) AS billed,
            COALESCE(sum(i.total) FILTER (WHERE i.status = 'void'), 0) AS voided,
            COALESCE(sum(i.total - i.amount_paid) FILTER (WHERE i.status <> 'void'), 0) AS outstanding,
            (SELECT COALESCE(sum(a.amount), 0) FROM adjustments a WHERE a.subscription_id = s.id) AS credit,
            array_agg(i.period ORDER BY i.period) FILTER (WHERE i.id IS NOT NULL) AS periods
       FROM subscriptions s LEFT JOIN invoices i ON i.subscription_id = s.id
      GROUP BY s.id`,
  );
  const totals: SoakFindings['totals'] = {
    subscriptions: books.length, active: 0, suspended: 0, invoices: 0, paidInvoices: 0, payments: 0, messages: 0, networkActions: 0,
    billed: 0, paid: 0, refunded: 0, outstanding: 0, waived: 0, voided: 0, credit: 0,
  };
  const unbalanced: unknown[] = [];
  const missingPeriods: unknown[] = [];
  const suspendedPaid: unknown[] = [];
  const paidNotActive: unknown[] = [];
  for (const row of books) {
    const own = ledger.get(row.id) ?? { paid: 0, refunded: 0 };
    const figures = { billed: Number(row.billed), waived: 0, voided: Number(row.voided), paid: own.paid, refunded: own.refunded, outstanding: Number(row.outstanding), credit: Number(row.credit) };
    for (const key of ['billed', 'voided', 'paid', 'refunded', 'outstanding', 'credit'] as const) totals[key] += figures[key];
    if (accountDiscrepancy(figures) !== 0) unbalanced.push({ subscription: row.id, ...figures });
    if (row.status === 'active') totals.active += 1;
    if (row.status === 'suspended') totals.suspended += 1;
    if (row.status === 'suspended' && figures.outstanding <= 0) suspendedPaid.push(row.id);
    if (figures.outstanding <= 0 && row.status !== 'active') paidNotActive.push({ subscription: row.id, status: row.status });
    const expected = periodsIssuedBetween(row.billing_day as BillingDay, span.start, span.end);
    const periods = row.periods ?? [];
    // A subscription suspended for not paying gets no more invoices (policy `issueWhileSuspended: false`).
    const complete = row.status === 'suspended' ? periods.length > 0 && periods.every((period, i) => period === expected[i]) : JSON.stringify(periods) === JSON.stringify(expected);
    if (!complete) missingPeriods.push({ subscription: row.id, status: row.status, periods, expected });
  }
  const total = { billed: totals.billed, waived: 0, voided: totals.voided, paid: totals.paid, refunded: totals.refunded, outstanding: totals.outstanding, credit: totals.credit };
  if (accountDiscrepancy(total) !== 0) violations.push(`the total does not balance: ${JSON.stringify(total)} (discrepancy ${accountDiscrepancy(total)})`);
  fail('subscriptions whose ledger does not balance', unbalanced);
  fail('subscriptions missing an invoice they were due (or with one too many)', missingPeriods);
  fail('suspended subscriptions that owe nothing', suspendedPaid);
  fail('subscriptions that owe nothing and are not active', paidNotActive);

  fail('invoices doubled (subscription, period)', await dataSource.query(
    `SELECT subscription_id, period, count(*)::int AS n FROM invoices GROUP BY 1, 2 HAVING count(*) > 1`,
  ));
  fail('ladder messages doubled (invoice, template)', await dataSource.query(
    `SELECT invoice_id, template, count(*)::int AS n FROM notification_log WHERE template = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`, [ONCE_PER_INVOICE],
  ));
  fail('payments allocated more than once', await dataSource.query(
    `SELECT payment_id, count(*)::int AS n FROM payment_allocations GROUP BY 1 HAVING count(*) > 1`,
  ));
  fail('payments the worker recorded from a signal (booked twice)', await dataSource.query(`SELECT id FROM payments WHERE gateway = 'signal'`));
  fail('invoices without their issue notice', await dataSource.query(
    `SELECT i.id FROM invoices i WHERE i.issued_at < $1
        AND NOT EXISTS (SELECT 1 FROM notification_log n WHERE n.invoice_id = i.id AND n.template = 'invoice_issued')`,
    [new Date(span.end - NOTICE_WITHIN_MS)],
  ));

  const stuck: unknown[] = [];
  for (const row of books) {
    const description = await client.workflow.getHandle(subscriptionWorkflowId(row.tenant_id, row.id)).describe();
    const pending = description.raw.pendingActivities?.length ?? 0;
    if (description.status.name !== 'RUNNING' || pending > 0) stuck.push({ subscription: row.id, status: description.status.name, pendingActivities: pending });
  }
  fail('workflows not running or with an activity still pending', stuck);

  const [counts]: Array<Record<'invoices' | 'paid' | 'payments' | 'messages' | 'network', number>> = await dataSource.query(
    `SELECT (SELECT count(*) FROM invoices)::int AS invoices, (SELECT count(*) FROM invoices WHERE status = 'paid')::int AS paid,
            (SELECT count(*) FROM payments)::int AS payments, (SELECT count(*) FROM notification_log)::int AS messages,
            (SELECT count(*) FROM network_action_log)::int AS network`,
  );
  Object.assign(totals, { invoices: counts.invoices, paidInvoices: counts.paid, payments: counts.payments, messages: counts.messages, networkActions: counts.network });
  return { totals, violations };
}

/** The periods of a billing day whose invoices are issued from `start` to `end`. */
function periodsIssuedBetween(billingDay: BillingDay, start: number, end: number): string[] {
  const periods: string[] = [];
  for (let period = upcomingInvoicePeriod(billingDay, start); invoiceIssueTime(period) <= end; period = nextPeriod(period)) periods.push(period.key);
  return periods;
}
