import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import { BillingRefusal, type ChangePackageRequest, changePackageUpdate, voidInvoiceSignal } from '@lunas/contracts';
import { subscriptionWorkflow } from '../src';
import { FakeBilling } from './support/fake-billing';
import { bundleWorkflows, Scenario, SUBSCRIPTION, startTimeSkippingServer, wib, wibText } from './support/harness';

// Same calendar as subscription-workflow.spec.ts: period 2027-05 issued Sunday 4 April 06:00 WIB, due Monday
// 5 April (T+0); reminder 1 on T+3, reminder 2 + late fee on T+7, suspend warning on T+14, suspension on T+21.
const START = wib('2027-04-01 10:00');
const PACKAGES = { 'pkg-10': { name: 'Paket 10 Mbps', monthlyAmount: 100_000 }, 'pkg-20': { name: 'Paket 20 Mbps', monthlyAmount: 150_000 } };
const actor = { userId: 'admin-1', name: 'Sari (Admin Billing)' };

/** Operator input and refusals of the records never fail the run: they are rejected, or recorded and skipped. */
describe(`${subscriptionWorkflow.name}: refused operator input and activity refusals`, () => {
  let bundle: WorkflowBundleWithSourceMap;
  let env: TestWorkflowEnvironment;
  let billing: FakeBilling;
  let scenario: Scenario;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
  });
  beforeEach(async () => {
    env = await startTimeSkippingServer();
    billing = new FakeBilling(PACKAGES);
  });
  afterEach(async () => {
    await scenario?.stop();
    await env?.teardown();
  });

  const start = async (packageId?: string) => {
    scenario = await Scenario.start(env, bundle, { startAt: START, activities: billing.activities(), packageId });
  };
  const status = async () => (await scenario.handle.describe()).status.name;
  const refusals = async () => (await scenario.state()).timeline.filter((entry) => entry.kind === 'action_refused').map((entry) => entry.message);
  const sent = (template: Parameters<FakeBilling['notifications']>[0]) => billing.notifications(template).map((effect) => wibText(effect.at));

  it('ignores a void of another tenant\'s invoice with a timeline entry and an audit row; dunning goes on', async () => {
    await start();
    await scenario.travelTo(wib('2027-04-06 10:00'));
    await scenario.handle.signal(voidInvoiceSignal, { invoiceId: 'inv-of-another-tenant', actor, reason: 'Salah ketik' });
    await scenario.travelTo(wib('2027-04-08 10:00'));
    expect(await status()).toBe('RUNNING');
    expect(await refusals()).toEqual(['Pembatalan tagihan ditolak: Tagihan tidak ditemukan']);
    expect(billing.audits).toEqual([{ action: 'workflow.refusal', reason: 'Tagihan tidak ditemukan' }]);
    expect((await scenario.state()).currentInvoice).toMatchObject({ invoiceId: 'inv-2027-05', status: 'unpaid', balance: 111_000 });
    expect(sent('payment_reminder_1')).toEqual(['2027-04-08 09:00']);
  });

  it('refuses a void of another subscription\'s invoice of the same tenant: that invoice stays open, its own too', async () => {
    const neighbour = await billing.activities().issueInvoice({
      ...SUBSCRIPTION, subscriptionId: 'sub-2', customerId: 'cust-2', packageId: 'pkg-10', period: '2027-01', issuedAt: wib('2026-12-04 06:00'), extraLines: [],
    });
    await start();
    await scenario.travelTo(wib('2027-04-06 10:00'));
    await scenario.handle.signal(voidInvoiceSignal, { invoiceId: neighbour.invoiceId, actor, reason: 'Salah langganan' });
    await scenario.travelTo(wib('2027-04-06 10:05'));
    expect(await status()).toBe('RUNNING');
    expect(billing.invoices.get(neighbour.invoiceId)?.void).toBe(false);
    expect(await refusals()).toEqual([`Pembatalan tagihan ditolak: Tagihan ${neighbour.number} bukan milik langganan ini`]);
    expect((await scenario.state()).currentInvoice).toMatchObject({ status: 'unpaid', balance: 111_000 });
  });

  it('rejects a change to a package the records refuse and a malformed change; the package stays, nothing is prorated', async () => {
    await start();
    await scenario.travelTo(wib('2027-04-20 10:00'));
    expect(await scenario.request(changePackageUpdate, { packageId: 'pkg-of-another-tenant', mode: 'now', actor, reason: 'Naik paket' })).toEqual({
      status: 'rejected',
      code: BillingRefusal.PackageNotFound,
      message: 'Paket tidak ditemukan',
    });
    const malformed = { packageId: 'pkg-20', mode: 'kapan-kapan', actor, reason: 'Naik paket' } as unknown as ChangePackageRequest;
    expect(await scenario.request(changePackageUpdate, malformed)).toMatchObject({ status: 'rejected', code: 'INVALID_REQUEST' });
    expect(await status()).toBe('RUNNING');
    expect(await scenario.state()).toMatchObject({ packageId: 'pkg-10', timeline: expect.not.arrayContaining([expect.objectContaining({ kind: 'package_changed' })]) });
    expect(billing.activityCalls.filter((name) => name === 'changePackage')).toHaveLength(1);
  });

  it('records an invoice the records refuse to issue (package gone) and keeps running to the next period', async () => {
    await start('pkg-gone');
    await scenario.travelTo(wib('2027-04-10 10:00'));
    expect(await status()).toBe('RUNNING');
    expect(await refusals()).toEqual(['Penerbitan tagihan ditolak: Paket tidak ditemukan']);
    expect(billing.audits.map((entry) => entry.action)).toEqual(['workflow.refusal']);
    expect((await scenario.state()).nextPeriod).toBe('2027-06');
  });

  it('skips a late fee the records refuse, completes the step and walks on to the warning', async () => {
    billing.faults.addLateFee = ApplicationFailure.nonRetryable('Denda harus bilangan bulat rupiah lebih dari 0 (diterima 0)', BillingRefusal.InvalidAmount);
    await start();
    await scenario.travelTo(wib('2027-04-20 10:00'));
    expect(await status()).toBe('RUNNING');
    expect(await refusals()).toEqual(['Langkah penagihan reminder-2 ditolak: Denda harus bilangan bulat rupiah lebih dari 0 (diterima 0)']);
    expect(sent('payment_reminder_2')).toEqual(['2027-04-12 09:00']);
    expect(sent('suspend_warning')).toEqual(['2027-04-19 09:00']);
    expect(billing.activityCalls.filter((name) => name === 'addLateFee')).toHaveLength(1);
  });
});
