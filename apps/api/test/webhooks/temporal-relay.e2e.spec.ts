import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { subscriptionWorkflowId } from '@lunas/contracts';
import { startDevServer, type DevServer } from '@lunas/devserver';
import { parsePaymentsConfig } from '@lunas/payments';
import { Payment } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PaymentSignalRelay } from '../../src/payments/payment-signal.relay';
import { receivedPaymentsQuery } from './fixtures/payment-recorder.workflow';
import { SANDBOX_SECRET, sandboxWebhook } from './gateway-payloads';
import { eventually, inboxBooked, startPaymentsTestApp, type PaymentsTestApp } from './payments-test-app';
import { freePort } from '../test-app';


const ROOT = join(__dirname, '../../../..');
/** The workspace path aliases the fixture workflow needs, for the workflow bundler. */
const WORKFLOW_ALIASES = {
  '@lunas/domain$': join(ROOT, 'libs/domain/src/index.ts'),
  '@lunas/contracts$': join(ROOT, 'libs/contracts/src/index.ts'),
};

describe(`${PaymentSignalRelay.name} (real Temporal dev server)`, () => {
  let t: PaymentsTestApp<SubscriptionFixture>;
  let port: number;
  let server: DevServer | undefined;
  const closers: Array<() => Promise<void>> = [];

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
    it('accepts webhooks while Temporal is down and, once it is up, delivers each payment to the workflow exactly once', async () => {
      const f = t.fixture;
      const invoices = [await insertInvoice(t.database.dataSource.manager, f, '2026-03'), await insertInvoice(t.database.dataSource.manager, f, '2026-04')];
      for (const invoice of invoices) {
        const webhook = sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: invoice.number, status: 'paid', amount: 166_500 });
        await request(t.app.getHttpServer()).post('/webhooks/sandbox').set(webhook.headers).send(webhook.body).expect(200);
      }
      await inboxBooked(t.database.dataSource);
      const payments = await t.database.dataSource.getRepository(Payment).findBy(invoices.map((invoice) => ({ invoiceId: invoice.id })));
      await eventually(async () => {
        const rows: Array<{ status: string; attempts: number }> = await t.database.dataSource.query(`SELECT status, attempts FROM payment_events`);
        expect(rows).toHaveLength(2);
        expect(rows.every((row) => row.status === 'pending' && row.attempts >= 2)).toBe(true);
      });

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
      const handle = await client.workflow.start('paymentRecorderWorkflow', { taskQueue, workflowId: subscriptionWorkflowId(f.tenant.id, f.subscription.id) });

      await eventually(async () => {
        const received = await handle.query(receivedPaymentsQuery);
        expect(received.map((payment) => payment.paymentId).sort()).toEqual(payments.map((payment) => payment.id).sort());
      }, 20_000);
      await eventually(async () => {
        const rows: Array<{ status: string }> = await t.database.dataSource.query(`SELECT status FROM payment_events`);
        expect(rows).toEqual([{ status: 'forwarded' }, { status: 'forwarded' }]);
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await handle.query(receivedPaymentsQuery)).toHaveLength(2);
    }, 90_000);
  });
});
