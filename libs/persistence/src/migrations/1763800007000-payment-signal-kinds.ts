import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payment outbox carries more than `paymentReceived`: `kind` names the subscription-workflow signal
 * (`payment_received`, `balance_reopened` after a refund or chargeback), `idempotency_key` makes a row
 * unique per kind (the payment id for a receipt, the inbox event or credit note id for a reversal, so a
 * payment may reopen its invoice more than once), and `seq` orders the rows of one workflow so the relay
 * sends them in the order they were written. Existing rows are receipts keyed by their payment.
 */
export class PaymentSignalKinds1763800007000 implements MigrationInterface {
  name = 'PaymentSignalKinds1763800007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE payment_signals
        ADD COLUMN kind varchar(32) NOT NULL DEFAULT 'payment_received'
          CONSTRAINT ck_payment_signals_kind CHECK (kind IN ('payment_received', 'balance_reopened')),
        ADD COLUMN idempotency_key varchar(200),
        ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
    await q.query(`UPDATE payment_signals SET idempotency_key = payment_id::text`);
    await q.query(`ALTER TABLE payment_signals ALTER COLUMN idempotency_key SET NOT NULL`);
    await q.query(`ALTER TABLE payment_signals DROP CONSTRAINT uq_payment_signals_payment`);
    await q.query(`ALTER TABLE payment_signals ADD CONSTRAINT uq_payment_signals_kind_key UNIQUE (kind, idempotency_key)`);
    await q.query(`CREATE INDEX ix_payment_signals_payment ON payment_signals (payment_id)`);
    await q.query(`CREATE INDEX ix_payment_signals_workflow_pending ON payment_signals (workflow_id, seq) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_payment_signals_workflow_pending`);
    await q.query(`DROP INDEX ix_payment_signals_payment`);
    await q.query(`DELETE FROM payment_signals WHERE kind <> 'payment_received'`);
    await q.query(`ALTER TABLE payment_signals DROP CONSTRAINT uq_payment_signals_kind_key`);
    await q.query(`ALTER TABLE payment_signals ADD CONSTRAINT uq_payment_signals_payment UNIQUE (payment_id)`);
    await q.query(`ALTER TABLE payment_signals DROP COLUMN seq, DROP COLUMN idempotency_key, DROP COLUMN kind`);
  }
}
