import request from 'supertest';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { subscriptionWorkflowId } from '@lunas/contracts';
import { startDevServer, type DevServer } from '@lunas/devserver';
import { parsePaymentsConfig } from '@lunas/payments';
import { Payment } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PaymentSignalRelay } from '../../src/payments/payment-signal.relay';
import { receivedPaymentsQuery, reopenedBalancesQuery } from './fixtures/payment-recorder.workflow';
import { SANDBOX_SECRET, sandboxWebhook } from './gateway-payloads';
import { eventually, inboxBooked, startPaymentsTestApp, type PaymentsTestApp } from './payments-test-app';
import { freePort } from '@lunas/testing';

const ROOT = join(__dirname, '../../../..');

/**
 * A query that gives up after 5 s, so that `eventually` asks again instead of waiting out the server's 30 s for an
 * answer (a worker busy with the other test projects on the same two cores can be that slow to pick up a task).
 */
function ask<T>(handle: WorkflowHandle, query: QueryDefinition<T>): Promise<T> {
  return handle.client.connection.withDeadline(Date.now() + 5_000, () => handle.query(query));
}

/** The workspace path aliases the fixture workflow needs, for the workflow bundler. */
const WORKFLOW_ALIASES = {
  '@lunas/domain$': join(ROOT, 'libs/domain/src/index.ts'),
  '@lunas/contracts$': join(ROOT, 'libs/contracts/src/index.ts'),
};

// Runs the embedded Temporal dev server (@lunas/devserver, in this process) with an in-process worker hosting a
// fixture workflow that records the signals it receives (./fixtures/payment-recorder.workflow), not the subscription
// workflow: this file tests the relay's delivery, not what the workflow does with a payment.
describe(`${PaymentSignalRelay.name} (embedded Temporal dev server, payment recorder fixture workflow)`, () => {
  let t: PaymentsTestApp<SubscriptionFixture>;
  let port: number;
  let server: DevServer | undefined;
  let recorder: Promise<WorkflowHandle> | undefined;
  const closers: Array<() => Promise<void>> = [];
  const db = () => t.database.dataSource;
  /** Posts a signed sandbox notification of Rp 166.500 for the invoice `orderId`; expects 200. */
  const notify = async (orderId: string, reference: string, status: string, refundedAmount?: number) => {
    const webhook = sandboxWebhook({ id: randomUUID(), reference, orderId, status, amount: 166_500, refundedAmount });
    await request(t.app.getHttpServer()).post('/webhooks/sandbox').set(webhook.headers).send(webhook.body).expect(200);
  };

  /** Starts the embedded dev server on the port the API already uses, a worker with the recorder workflow, and the subscription's recorder (once). */
  const temporalUp = (): Promise<WorkflowHandle> => {
    recorder ??= (async () => {
      server = await startDevServer({ port });
      const connection = await Connection.connect({ address: server.address });
      closers.push(() => connection.close());
      const client = new Client({ connection });
      const nativeConnection = await NativeConnection.connect({ address: server.address });
      closers.push(() => nativeConnection.close());
      const taskQueue = `payments-${randomUUID()}`;
      const worker = await Worker.create({
        connection: nativeConnection,
        taskQueue,
        workflowBundle: await bundleWorkflowCode({
          workflowsPath: require.resolve('./fixtures/payment-recorder.workflow'),
          logger: new DefaultLogger('ERROR'),
          webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...WORKFLOW_ALIASES } } }),
        }),
      });
      const running = worker.run();
      closers.push(async () => {
        worker.shutdown();
        await running;
      });
      return client.workflow.start('paymentRecorderWorkflow', { taskQueue, workflowId: subscriptionWorkflowId(t.fixture.tenant.id, t.fixture.subscription.id) });
    })();
    return recorder;
  };

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } } });
    port = await freePort();
    t = await startPaymentsTestApp<SubscriptionFixture>({
      temporalAddress: `127.0.0.1:${port}`,
      relay: { sendTimeoutMs: 1_000 },
      prepare: (dataSource) => insertSubscription(dataSource.manager),
      payments: () => parsePaymentsConfig({ default: { gateway: 'sandbox', baseUrl: 'http://127.0.0.1:1', secret: SANDBOX_SECRET } }),
    });
  });
  afterAll(async () => {
    await t.close();
    for (const close of closers.reverse()) await close();
    await server?.close();
  });

  describe('relayDue', () => {
    it('accepts webhooks while the dev server is down and, once it is up, delivers each payment to the recorder workflow exactly once', async () => {
      const invoices = [await insertInvoice(db().manager, t.fixture, '2026-03'), await insertInvoice(db().manager, t.fixture, '2026-04')];
      for (const invoice of invoices) await notify(invoice.number, `SBX-${randomUUID().slice(0, 8)}`, 'paid');
      await inboxBooked(db());
      const payments = await db().getRepository(Payment).findBy(invoices.map((invoice) => ({ invoiceId: invoice.id })));
      await eventually(async () => {
        const rows: Array<{ status: string; attempts: number }> = await db().query(`SELECT status, attempts FROM payment_events`);
        expect(rows).toHaveLength(2);
        expect(rows.every((row) => row.status === 'pending' && row.attempts >= 2)).toBe(true);
      });

      const handle = await temporalUp();

      await eventually(async () => {
        const received = await ask(handle, receivedPaymentsQuery);
        expect(received.map((payment) => payment.paymentId).sort()).toEqual(payments.map((payment) => payment.id).sort());
      }, 45_000);
      await eventually(async () => {
        const rows: Array<{ status: string }> = await db().query(`SELECT status FROM payment_events`);
        expect(rows).toEqual([{ status: 'forwarded' }, { status: 'forwarded' }]);
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await handle.query(receivedPaymentsQuery)).toHaveLength(2);
    }, 90_000);

    it('forwards a chargeback that reopens a paid invoice to the recorder workflow as balanceReopened, once', async () => {
      const handle = await temporalUp();
      const invoice = await insertInvoice(db().manager, t.fixture, '2026-05');
      const reference = `SBX-${randomUUID().slice(0, 8)}`;
      await notify(invoice.number, reference, 'paid');
      await inboxBooked(db());
      await notify(invoice.number, reference, 'chargeback', 166_500);
      await inboxBooked(db());
      const [chargeback]: Array<{ id: string }> = await db().query(
        `SELECT id FROM payment_events WHERE event->>'gatewayTransactionId' = $1 AND event->>'kind' = 'chargeback'`,
        [reference],
      );
      const [payment] = await db().getRepository(Payment).findBy({ invoiceId: invoice.id });

      await eventually(async () => {
        expect(await ask(handle, reopenedBalancesQuery)).toEqual([{ eventId: chargeback.id, invoiceId: invoice.id, balance: 166_500, reason: 'chargeback' }]);
      }, 45_000);
      expect((await handle.query(receivedPaymentsQuery)).filter((received) => received.paymentId === payment.id)).toHaveLength(1);
      await eventually(async () => {
        expect(await db().query(`SELECT status FROM payment_events WHERE id = $1`, [chargeback.id])).toEqual([{ status: 'forwarded' }]);
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await handle.query(reopenedBalancesQuery)).toHaveLength(1);
    }, 90_000);
  });
});
