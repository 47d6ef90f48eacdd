import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { BILLING_TASK_QUEUE, type NetworkDriftReport } from '@lunas/contracts';
import { addToIsolir, groupsOf, isolirGroupName } from '@lunas/network';
import { NetworkActionLog, OperatorNotification, Subscription } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { eventually } from '@lunas/testing';
import { RadiusNetworkEnforcementAdapter } from '../src/activities/adapters/network/radius-network-enforcement.adapter';
import { networkDriftActivities } from '../src/activities/network/drift';
import { billingDatabase, subscriber } from './support/billing-database';
import { startNetworkLab, type NetworkLab } from './support/network-lab';
import { bundleWorkflows, startTimeSkippingServer } from './support/temporal';

/**
 * The drift workflow of one mitra, run directly (its Schedule only starts it): three subscribers dialled in through
 * the real FreeRADIUS. Billing and network disagree for two of them — one paid but still isolated, one suspended but
 * open — and one was never provisioned. One run repairs all three (paid-but-isolated first), cuts each affected live
 * session once, tells the operators; a second run finds nothing.
 */
describe('networkDriftWorkflow', () => {
  let db: TestDatabase;
  let lab: NetworkLab;
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    ({ db } = await billingDatabase());
    lab = await startNetworkLab(db);
    env = await startTimeSkippingServer();
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
    await lab?.stop();
    await db?.destroy();
  });

  it('repairs paid-but-isolated first, then suspended-but-open and unprovisioned, once; a second run finds nothing', async () => {
    const m = db.dataSource.manager;
    const paid = await subscriber(db);
    const unpaid = await subscriber(db, {}, paid.tenant);
    const fine = await subscriber(db, {}, paid.tenant);
    for (const f of [paid, unpaid, fine]) await lab.connect(f);
    const user = (f: SubscriptionFixture): string => f.subscription.pppoeUsername ?? '';
    await addToIsolir(m, user(paid), isolirGroupName(paid.tenant.id));
    await m.update(Subscription, { id: unpaid.subscription.id }, { status: 'suspended' });
    const fresh = await subscriber(db, {}, paid.tenant);
    await m.update(Subscription, { id: fresh.subscription.id }, { pppoePassword: 'rahasia-baru' });

    const network = new RadiusNetworkEnforcementAdapter(db.dataSource);
    const workflowBundle = await bundleWorkflows();
    const run = async (): Promise<NetworkDriftReport> => {
      const worker = await Worker.create({
        connection: env.nativeConnection, taskQueue: BILLING_TASK_QUEUE, workflowBundle, activities: networkDriftActivities({ dataSource: db.dataSource, network }),
      });
      return worker.runUntil(env.client.workflow.execute('networkDriftWorkflow', { taskQueue: BILLING_TASK_QUEUE, workflowId: `drift-${randomUUID()}`, args: [{ tenantId: paid.tenant.id }] }));
    };

    const first = await run();
    expect(first.checked).toBe(4);
    expect(first.findings.map((f) => [f.pppoeUsername, f.kind])).toEqual([
      [user(paid), 'paid_but_isolated'], [user(unpaid), 'unpaid_but_open'], [user(fresh), 'not_provisioned'],
    ]);
    expect(await groupsOf(m, user(paid))).toEqual([`paket-${paid.pkg.id}`]);
    expect(await groupsOf(m, user(unpaid))).toEqual([isolirGroupName(paid.tenant.id), `paket-${unpaid.pkg.id}`]);
    expect(await groupsOf(m, user(fresh))).toEqual([`paket-${fresh.pkg.id}`]);
    await eventually(() => expect(lab.nas.sessionsOf(user(unpaid))).toEqual([expect.objectContaining({ addressList: 'isolir' })]), 5_000, 20);
    const cuts = (f: SubscriptionFixture) => lab.nas.events.filter((e) => e.userName === user(f) && e.kind === 'disconnect').length;
    expect([cuts(paid), cuts(unpaid), cuts(fine)]).toEqual([1, 1, 0]);
    const actions = await m.find(NetworkActionLog, { where: { tenantId: paid.tenant.id }, order: { createdAt: 'ASC' } });
    expect(actions.map((a) => [a.subscriptionId, a.action, a.result, (a.detail as { trigger: string }).trigger])).toEqual([
      [paid.subscription.id, 'unsuspend', 'applied', 'drift'], [unpaid.subscription.id, 'suspend', 'applied', 'drift'],
    ]);
    expect(await m.findBy(OperatorNotification, { tenantId: paid.tenant.id, kind: 'network_drift' })).toEqual([
      expect.objectContaining({ title: 'Pemeriksaan jaringan: 3 perbedaan diperbaiki', permission: 'network.read' }),
    ]);
    // Billing was not touched: it is the truth the network is brought to.
    expect((await m.findOneByOrFail(Subscription, { id: unpaid.subscription.id })).status).toBe('suspended');

    const second = await run();
    expect(second.findings).toEqual([]);
    expect([cuts(paid), cuts(unpaid), cuts(fine)]).toEqual([1, 1, 0]);
  });
});
