import type { CustomerDetail } from '@lunas/contracts';
import type { EntityManager } from 'typeorm';

/** How many entries of each history the detail shows (newest first). */
const HISTORY_LIMIT = 50;

type History = Pick<CustomerDetail, 'subscriptions' | 'invoices' | 'payments' | 'messages' | 'networkActions'>;

/** A customer's subscriptions and the latest invoices, payments, messages and network actions, newest first. */
export async function customerHistory(m: EntityManager, customerId: string): Promise<History> {
  const [subscriptions, invoices, payments, messages, networkActions] = await Promise.all([
    m.query(
      `SELECT s.id, s.package_id AS "packageId", p.name AS "packageName", s.status, s.pppoe_username AS "pppoeUsername",
              s.billing_day AS "billingDay", s.started_on::text AS "startedOn"
         FROM subscriptions s JOIN packages p ON p.id = s.package_id WHERE s.customer_id = $1 ORDER BY s.created_at DESC`,
      [customerId],
    ),
    m.query(
      `SELECT id, number, period, due_at AS "dueAt", total::float8 AS total,
              CASE WHEN status = 'void' THEN 0 ELSE greatest(total - amount_paid, 0) END::float8 AS balance, status
         FROM invoices WHERE customer_id = $1 ORDER BY due_at DESC LIMIT ${HISTORY_LIMIT}`,
      [customerId],
    ),
    m.query(
      `SELECT id, invoice_id AS "invoiceId", gateway, method, amount::float8 AS amount, status, paid_at AS "paidAt"
         FROM payments WHERE customer_id = $1 ORDER BY coalesce(paid_at, created_at) DESC LIMIT ${HISTORY_LIMIT}`,
      [customerId],
    ),
    m.query(
      `SELECT id, channel, template, recipient, status, body, error, sent_at AS "sentAt", created_at AS "createdAt"
         FROM notification_log WHERE customer_id = $1 ORDER BY created_at DESC LIMIT ${HISTORY_LIMIT}`,
      [customerId],
    ),
    m.query(
      `SELECT n.id, n.subscription_id AS "subscriptionId", n.action, n.result, n.detail, n.created_at AS "createdAt", n.completed_at AS "completedAt"
         FROM network_action_log n JOIN subscriptions s ON s.id = n.subscription_id
        WHERE s.customer_id = $1 ORDER BY n.created_at DESC LIMIT ${HISTORY_LIMIT}`,
      [customerId],
    ),
  ]);
  return { subscriptions, invoices, payments, messages, networkActions };
}
