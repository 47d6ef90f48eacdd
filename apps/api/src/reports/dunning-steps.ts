/**
 * The rungs of the dunning ladder the dashboard measures recovery on, in ladder order, and how each is recorded:
 * a customer message of the step's template in `notification_log` (keyed to the invoice), or — for `suspend` — a
 * scheduled suspension in `network_action_log` (idempotency key `<subscription>:suspend:<period>:<step id>`).
 * They are the templates of the default policy (T+0, T+3, T+7, T+14, T+21); a tenant policy that renames a
 * template is measured on the rungs it shares with these.
 */
export const MEASURED_DUNNING_STEPS = [
  { step: 'invoice_issued', label: 'Tagihan terbit (T+0)' },
  { step: 'payment_reminder_1', label: 'Pengingat 1 (T+3)' },
  { step: 'payment_reminder_2', label: 'Pengingat 2 + denda (T+7)' },
  { step: 'suspend_warning', label: 'Peringatan isolir (T+14)' },
  { step: 'suspend', label: 'Isolir (T+21)' },
] as const;

/**
 * Of the invoices issued in [$2, $3) that reached each step ($4: the step names in order), how many were paid
 * before they reached any later step. An invoice reaches a step at the first record of it.
 */
export const RECOVERY_BY_STEP_SQL = `
  WITH cohort AS (
    SELECT i.id, i.subscription_id, i.period, i.paid_at
      FROM invoices i
     WHERE ($1::uuid IS NULL OR i.tenant_id = $1::uuid) AND i.issued_at >= $2 AND i.issued_at < $3 AND i.status <> 'void'
  ), steps AS (
    SELECT step, ord FROM unnest($4::text[]) WITH ORDINALITY AS s(step, ord)
  ), reached AS (
    SELECT c.id AS invoice_id, s.ord, min(n.created_at) AS at
      FROM cohort c
      JOIN notification_log n ON n.invoice_id = c.id
      JOIN steps s ON s.step = n.template
     GROUP BY c.id, s.ord
    UNION ALL
    SELECT c.id, s.ord, min(l.created_at)
      FROM cohort c
      JOIN network_action_log l ON l.subscription_id = c.subscription_id AND l.action = 'suspend'
                               AND l.idempotency_key LIKE c.subscription_id::text || ':suspend:' || c.period || ':%'
      JOIN steps s ON s.step = 'suspend'
     WHERE coalesce(l.detail->>'trigger', '') <> 'manual'
     GROUP BY c.id, s.ord
  )
  SELECT r.ord::int AS ord, count(*)::int AS reached,
         count(*) FILTER (
           WHERE c.paid_at IS NOT NULL
             AND c.paid_at < coalesce((SELECT min(later.at) FROM reached later WHERE later.invoice_id = r.invoice_id AND later.ord > r.ord), 'infinity')
         )::int AS recovered
    FROM reached r JOIN cohort c ON c.id = r.invoice_id
   GROUP BY r.ord`;

/**
 * Whether the invoice aliased `alias` reached the dunning step `step` (a parameter): a message of the step's template
 * to that invoice, or for `suspend` a scheduled (not manual) suspension of its subscription for its period.
 */
export const REACHED_STEP = (alias: string, step: string) => `
  (EXISTS (SELECT 1 FROM notification_log n WHERE n.invoice_id = ${alias}.id AND n.template = ${step})
   OR (${step} = 'suspend' AND EXISTS (
     SELECT 1 FROM network_action_log l
      WHERE l.subscription_id = ${alias}.subscription_id AND l.action = 'suspend'
        AND l.idempotency_key LIKE ${alias}.subscription_id::text || ':suspend:' || ${alias}.period || ':%'
        AND coalesce(l.detail->>'trigger', '') <> 'manual')))`;
