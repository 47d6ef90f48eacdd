/**
 * Network enforcement benchmark: how long from "restore this customer" (the `enforceNetwork` unsuspend activity, as the
 * subscription workflow runs it on payment) until the lab NAS has received the Disconnect-Request, over BENCH_PAYMENTS
 * (1 000) subscribers dialled in through the real FreeRADIUS, 20 at a time; beside the floor measured in the same run: a
 * bare CoA round trip to the same NAS. Prints p50 / p99 of both, the p99 ratio and the verdict (goal: p99 ≤ 2 s and
 * ≤ 20× the floor). Runs on embedded PostgreSQL and Debian's FreeRADIUS; the webhook → workflow part of a payment is
 * measured by `bench/webhooks` (webhook → workflow-state latency) and is not part of this figure.
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/network/main.ts     (BENCH_PAYMENTS=1000)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LabNas, provisionSubscriber, sendDynamicAuthorization, startFreeRadius } from '@lunas/network';
import { createDataSource, NetworkDevice, runMigrations, startEmbeddedPostgres, Subscription, subscriptionNetworkProfile } from '@lunas/persistence';
import { insertSubscription, insertTenant } from '@lunas/persistence/testing';
import { freePort } from '@lunas/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benchmark measures the worker's own adapter, as bench/billing runs the worker's sources
import { RadiusNetworkEnforcementAdapter } from '../../apps/worker/src/activities/adapters/network/radius-network-enforcement.adapter';
import { verdict } from '../support/verdict';

const PAYMENTS = Number(process.env['BENCH_PAYMENTS'] ?? 1_000);
const CONCURRENCY = 20;
const SECRET = 'bench-nas-secret';
const P99_GOAL_MS = 2_000;
const RATIO_GOAL = 20;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lunas-bench-network-'));
  const postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), durable: false, database: 'postgres' });
  const dataSource = await createDataSource(postgres.url, { poolSize: 30 }).initialize();
  await runMigrations(dataSource);
  const [authPort, acctPort] = [await freePort(), await freePort()];
  const freeRadius = await startFreeRadius(
    { listenAddress: '127.0.0.1', authPort, acctPort, databaseUrl: postgres.url, loopbackSecret: SECRET },
    { dir: join(dir, 'freeradius'), templateDir: join(__dirname, '../../deploy/freeradius') },
  );
  const nas = new LabNas({ secret: SECRET, radiusServer: { address: '127.0.0.1', authPort, acctPort }, redialAfterMs: 0 });
  const coaPort = await nas.listen();
  try {
    const m = dataSource.manager;
    const tenant = await insertTenant(m);
    await m.save(NetworkDevice, m.create(NetworkDevice, { tenantId: tenant.id, name: 'Lab NAS', method: 'radius', address: '127.0.0.1', coaPort, radiusSecret: SECRET }));
    const fixtures = [];
    for (let i = 0; i < PAYMENTS; i++) fixtures.push(await insertSubscription(m, tenant));
    const adapter = new RadiusNetworkEnforcementAdapter(dataSource);
    const at = Date.now();
    process.stdout.write(`setting up ${PAYMENTS} subscribers (provision, dial, suspend)…\n`);
    await inBatches(fixtures, CONCURRENCY, async (f) => {
      const password = `pw-${f.subscription.id.slice(0, 8)}`;
      await m.update(Subscription, { id: f.subscription.id }, { pppoePassword: password, status: 'suspended' });
      const profile = await subscriptionNetworkProfile(m, f.subscription.id, true);
      if (profile) await provisionSubscriber(m, profile);
      // FreeRADIUS answers Access-Reject when its 8 SQL connections are all busy: the router dials again.
      for (let attempt = 1; !(await nas.dial(f.subscription.pppoeUsername ?? '', password)); attempt++) {
        if (attempt === 5) throw new Error(`${f.subscription.pppoeUsername}: FreeRADIUS rejected 5 dials`);
      }
    });

    const cutAt = new Map<string, number>();
    const events = nas.events;
    const originalPush = events.push.bind(events);
    events.push = (...added) => {
      for (const event of added) if (event.kind === 'disconnect') cutAt.set(event.userName, performance.now());
      return originalPush(...added);
    };
    const latencies: number[] = [];
    process.stdout.write(`restoring ${PAYMENTS} subscribers, ${CONCURRENCY} at a time…\n`);
    await inBatches(fixtures, CONCURRENCY, async (f) => {
      const started = performance.now();
      const report = await adapter.unsuspend({ tenantId: tenant.id, subscriptionId: f.subscription.id, pppoeUsername: f.subscription.pppoeUsername }, `${f.subscription.id}:unsuspend:bench`, { trigger: 'payment', at });
      const cut = cutAt.get(f.subscription.pppoeUsername ?? '');
      if (report.result !== 'applied' || cut === undefined) throw new Error(`${f.subscription.pppoeUsername}: ${report.result}, no Disconnect at the NAS`);
      latencies.push(cut - started);
    });

    const held = nas.holdSession({ userName: 'floor', framedIpAddress: '10.10.255.2', rateLimit: '20M/20M', profile: null, pool: null, addressList: null, sessionTimeout: null });
    const floor: number[] = [];
    for (let i = 0; i < PAYMENTS; i++) {
      const started = performance.now();
      const answer = await sendDynamicAuthorization({ address: '127.0.0.1', port: coaPort, secret: SECRET }, { kind: 'coa', userName: 'floor', acctSessionId: held.acctSessionId, attributes: [{ attribute: 'Mikrotik-Rate-Limit', value: '20M/20M' }] });
      if (answer.status !== 'ack') throw new Error(`floor CoA: ${answer.status}`);
      floor.push(performance.now() - started);
    }

    const [p50, p99, f50, f99] = [percentile(latencies, 50), percentile(latencies, 99), percentile(floor, 50), percentile(floor, 99)];
    const ratio = verdict(p99, f99, '≤', RATIO_GOAL);
    process.stdout.write(`restore → Disconnect at the NAS (${latencies.length}): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (goal ≤ ${P99_GOAL_MS} ms: ${p99 <= P99_GOAL_MS ? 'met' : 'not met'})\n`);
    process.stdout.write(`floor, bare CoA round trip (${floor.length}): p50 ${f50.toFixed(2)} ms, p99 ${f99.toFixed(2)} ms\n`);
    process.stdout.write(`p99 ${ratio.line}\n`);
  } finally {
    await nas.close();
    await freeRadius.stop();
    await dataSource.destroy();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench/network failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
