import { LunasSearchAttributes, searchAttributeServerArgs } from '@lunas/contracts';
import { DEMO_MITRA, InvoiceItem, Subscription, Tenant, User } from '@lunas/persistence';
import { devServerBinPath } from '@lunas/devserver';
import { eventually, freePort, startLiveTemporal, wib, wibText, type LiveTemporal } from '@lunas/testing';
import { DemoSeeder } from '../src/demo/demo-seeder';
import { SubscriptionWorkflows } from '../src/temporal/subscription-workflows';
import { startTestApp, type TestApp } from './test-app';

/** A worker sharing two busy cores can need seconds per workflow task; 24 workflows settle within this. */
const SETTLE_MS = 120_000;
const COUNT = 24;

/** 10:00 WIB on the first Monday-to-Saturday after `instant`: inside the default policy's send window. */
function nextWorkingMorning(instant: number): number {
  for (let day = 1; ; day += 1) {
    const morning = wib(`${wibText(instant + day * 86_400_000).slice(0, 10)} 10:00`);
    if (new Date(morning + 7 * 3_600_000).getUTCDay() !== 0) return morning;
  }
}
jest.setTimeout(300_000);

// The demo seeding against the embedded Temporal server (time skipping) and the real worker: 24 demo customers, most
// activated "today" (a working morning, inside the send window) and moved to their states by payments and operator
// actions, the overdue ones billed since before their invoice fell due days ago; their states are read back from the
// workflows' search attributes (LunasDunningStage), as the console's stage filter reads them.
describe(`${DemoSeeder.name} (live: embedded Temporal server, real workflow and worker)`, () => {
  let t: TestApp;
  let live: LiveTemporal;
  const demoDay = nextWorkingMorning(Date.now());
  const db = () => t.database.dataSource;
  const demoTenant = () => db().getRepository(Tenant).findOneBy({ businessName: DEMO_MITRA.businessName });
  const stageCount = async (tenantId: string, stage: string) =>
    (await t.app.get(SubscriptionWorkflows).listSubscriptionIds(
      `${LunasSearchAttributes.tenantId.name} = '${tenantId}' AND ${LunasSearchAttributes.dunningStage.name} = '${stage}'`, 1_000,
    )).length;

  beforeAll(async () => {
    const port = await freePort();
    t = await startTestApp({
      temporalAddress: `127.0.0.1:${port}`,
      // The sample mitra's subscriptions stay out of this test: the starter relay skips cancelled ones.
      prepare: async (dataSource) => void (await dataSource.query(`UPDATE subscriptions SET status = 'cancelled'`)),
    });
    live = await startLiveTemporal({
      server: { path: devServerBinPath(), port, extraArgs: searchAttributeServerArgs() },
      workerEnv: { DATABASE_URL: t.database.url },
      startAt: demoDay,
    });
  }, 180_000);
  afterAll(async () => {
    await live?.close();
    await t?.close();
  });

  it('creates nothing when LUNAS_DEMO=false', async () => {
    expect(await t.app.get(DemoSeeder).seed({ count: 20, env: { LUNAS_DEMO: 'false' } })).toEqual({ tenantId: null, subscriptions: 0 });
    expect(await demoTenant()).toBeNull();
    expect(await db().getRepository(User).existsBy({ username: DEMO_MITRA.username })).toBe(false);
  });

  it('creates nothing in production', async () => {
    expect(await t.app.get(DemoSeeder).seed({ count: 20, env: { NODE_ENV: 'production' } })).toEqual({ tenantId: null, subscriptions: 0 });
    expect(await demoTenant()).toBeNull();
  });

  it('puts the demo subscriptions in every state through the workflows: 8 paid, 4 due today, 2 of each other state', async () => {
    const result = await t.app.get(DemoSeeder).seed({ count: COUNT, env: {}, now: demoDay });
    const tenantId = (await demoTenant())?.id ?? 'no demo mitra';
    expect(result).toEqual({ tenantId, subscriptions: COUNT });
    const expected = { paid: 8, issued: 4, promised: 2, paused: 2, suspended: 2, cancelled: 2, reminded: 2, warned: 2 };
    await eventually(async () => {
      const counts: Record<string, number> = {};
      for (const stage of Object.keys(expected)) counts[stage] = await stageCount(tenantId, stage);
      expect(counts).toEqual(expected);
    }, SETTLE_MS, 1_000);
    expect(await stageCount(tenantId, 'waiting')).toBe(0);
  });

  it('bills the overdue subscriptions one late fee each, on the invoice that fell due before the demo', async () => {
    const tenantId = (await demoTenant())?.id;
    const fees = await db().getRepository(InvoiceItem).find({ where: { kind: 'late_fee', invoice: { tenantId } }, relations: { invoice: true } });
    expect(fees.map((fee) => fee.amount)).toEqual([10_000, 10_000, 10_000, 10_000]);
    const startOfToday = wib(`${wibText(demoDay).slice(0, 10)} 00:00`);
    for (const fee of fees) expect(Number(fee.invoice?.dueAt)).toBeLessThan(startOfToday);
  });

  it('a second run creates nothing new', async () => {
    expect(await t.app.get(DemoSeeder).seed({ count: COUNT, env: {}, now: demoDay })).toEqual({ tenantId: null, subscriptions: 0 });
    expect(await db().getRepository(Tenant).countBy({ businessName: DEMO_MITRA.businessName })).toBe(1);
    expect(await db().getRepository(Subscription).countBy({ tenantId: (await demoTenant())?.id })).toBe(COUNT);
  });
});
