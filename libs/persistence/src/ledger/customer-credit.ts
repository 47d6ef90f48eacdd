import type { CreditSource } from '@lunas/domain';
import type { EntityManager } from 'typeorm';

/** The customer's credit by source (the subscription that made it; null: the account), oldest source first. */
export async function creditSources(m: EntityManager, customerId: string): Promise<CreditSource[]> {
  const rows: Array<{ subscription_id: string | null; credit: string }> = await m.query(
    `SELECT subscription_id, sum(amount) AS credit FROM adjustments WHERE customer_id = $1 GROUP BY subscription_id ORDER BY min(created_at), subscription_id`,
    [customerId],
  );
  return rows.map((row) => ({ subscriptionId: row.subscription_id, credit: Number(row.credit) }));
}

/**
 * Locks the customer's row for the transaction — every spending of credit (an invoice issued, a refund out of credit)
 * takes it first, so that credit is never spent twice — and returns its credit by source.
 */
export async function lockCreditSources(m: EntityManager, customerId: string): Promise<CreditSource[]> {
  await m.query(`SELECT id FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
  return creditSources(m, customerId);
}

/** The credit a subscription holds: what its invoices and payments made, less what it spent or gave to others. */
export async function subscriptionCredit(m: EntityManager, subscriptionId: string): Promise<number> {
  const [row]: Array<{ credit: string }> = await m.query(`SELECT COALESCE(sum(amount), 0) AS credit FROM adjustments WHERE subscription_id = $1`, [subscriptionId]);
  return Number(row.credit);
}

/** The credit of `subscriptionId` among `sources`. */
export function creditOfSubscription(sources: readonly CreditSource[], subscriptionId: string): number {
  return sources.find((source) => source.subscriptionId === subscriptionId)?.credit ?? 0;
}
