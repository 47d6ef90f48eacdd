import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { paymentReceivedSignal } from '@lunas/contracts';
import { subscriptionWorkflow } from '../src';
import { FakeBilling } from './support/fake-billing';
import { bundleWorkflows, Scenario, startTimeSkippingServer, wib } from './support/harness';

// Twelve monthly cycles, billing day 5, Rp 100.000 + PPN = Rp 111.000: each invoice is issued on the 4th at
// 06:00 WIB and paid that afternoon; every cycle ends with continue-as-new at the next issue time.
describe(subscriptionWorkflow.name, () => {
  let bundle: WorkflowBundleWithSourceMap;
  let env: TestWorkflowEnvironment;
  let scenario: Scenario;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    env = await startTimeSkippingServer();
  });
  afterAll(async () => {
    await scenario?.stop();
    await env?.teardown();
  });

  describe('continue-as-new', () => {
    it('runs 12 paid cycles, one run each, every run under 100 history events', async () => {
      const billing = new FakeBilling({ 'pkg-10': { name: 'Paket 10 Mbps', monthlyAmount: 100_000 } });
      scenario = await Scenario.start(env, bundle, { startAt: wib('2027-04-01 10:00'), activities: billing.activities() });
      const runIds: string[] = [];
      for (let month = 0; month < 12; month += 1) {
        const period = addMonths('2027-05', month);
        await scenario.travelTo(wib(`${addMonths('2027-04', month)}-04 15:00`));
        const invoice = (await scenario.state()).currentInvoice;
        expect(invoice).toMatchObject({ period, total: 111_000, balance: 111_000 });
        runIds.push((await scenario.handle.describe()).runId);
        await scenario.handle.signal(paymentReceivedSignal, {
          paymentId: `pay-${period}`,
          invoiceId: invoice?.invoiceId ?? '',
          amount: 111_000,
          paidAt: wib(`${addMonths('2027-04', month)}-04 15:00`),
          source: 'kasir',
        });
      }
      await scenario.travelTo(wib('2028-04-04 07:00')); // the 13th issue starts a 13th run
      expect(billing.invoices.size).toBe(13);
      expect(billing.payments.size).toBe(12);
      expect((await scenario.state()).cycle).toBe(12);

      const lengths: number[] = [];
      for (const runId of runIds) {
        const history = await env.client.workflow.getHandle(scenario.handle.workflowId, runId).fetchHistory();
        lengths.push(history.events?.length ?? 0);
      }
      expect(new Set(runIds).size).toBe(12);
      expect(Math.min(...lengths)).toBeGreaterThan(10);
      expect(Math.max(...lengths)).toBeLessThan(100);
      await scenario.recordHistory('paid-cycle', runIds[1]);
    });
  });
});

function addMonths(key: string, months: number): string {
  const [year, month] = key.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
