import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';
import { runSoak } from './soak';

// The soak's reduced form for `npm test` (issue 23): 200 subscriptions over 2 simulated months, two worker processes,
// one of them killed with SIGKILL (and restarted) every 40 s; every ledger balances, nothing doubled, lost or stuck.
// The full year is `npm run bench:soak` (docs/benchmarks.md).
describe('a season of billing (soak, reduced)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.destroy());

  it('balances every ledger with nothing lost, doubled or stuck although workers were killed', async () => {
    const report = await runSoak({ subscriptions: 200, months: 2, seed: 23, workers: 2, killEverySeconds: 40, dataSource: db.dataSource, databaseUrl: db.url });

    expect(report.violations).toEqual([]);
    expect(report.kills).toBeGreaterThan(0);
    expect(report.totals.invoices).toBeGreaterThanOrEqual(400);
    expect(report.totals.suspended).toBeGreaterThan(0);
    for (const behaviour of ['on_time', 'late', 'partial', 'promise', 'chargeback'] as const) expect(report.customerSteps[behaviour]).toBeGreaterThan(0);
    expect(report.customerSteps.promise_refused).toBe(0);
  }, 600_000);
});
