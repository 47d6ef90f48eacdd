import request from 'supertest';
import { Customer, DEV_ADMIN_PASSWORD, Subscription } from '@lunas/persistence';
import { insertInvoice, insertSubscription, insertTenant, type SubscriptionFixture } from '@lunas/persistence/testing';
import { bearer, startTestApp, type TestApp } from '../test-app';

interface Fixture {
  /** Three customers named "Wulandari …" (one matched only by PPPoE username), newest last. */
  wulan: SubscriptionFixture[];
  invoices: string[];
}

// The searches of the customer, subscription and invoice lists (ids found through the trigram indexes, then read by
// primary key): what matches by name, number or PPPoE username, newest first, paged, with the full total.
describe('console list search', () => {
  let t: TestApp<Fixture>;
  let admin: string;
  const http = () => request(t.app.getHttpServer());
  const list = async (path: string, query: Record<string, string | number>) => (await http().get(path).query(query).set('Authorization', admin).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp<Fixture>({
      prepare: async (dataSource) => {
        const m = dataSource.manager;
        const tenant = await insertTenant(m);
        const wulan: SubscriptionFixture[] = [];
        const invoices: string[] = [];
        for (const [i, name, pppoe] of [[1, 'Sri Wulandari', 'sri.w'], [2, 'Budi Santoso', 'wulandari.budi'], [3, 'Wulandari Putri', 'putri.w']] as const) {
          const f = await insertSubscription(m, tenant);
          await m.update(Customer, { id: f.customer.id }, { name, createdAt: new Date(`2026-01-0${i}T00:00:00Z`) });
          await m.update(Subscription, { id: f.subscription.id }, { pppoeUsername: pppoe, createdAt: new Date(`2026-01-0${i}T00:00:00Z`) });
          wulan.push(f);
          invoices.push((await insertInvoice(m, f, '2026-02', { number: `INV/2026/02/00000${i}`, dueAt: new Date(`2026-02-0${i}T00:00:00Z`) })).id);
        }
        await insertSubscription(m, tenant);
        return { wulan, invoices };
      },
    });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  it('customers: by name or PPPoE username, newest first, paged with the full total', async () => {
    const [first, second, third] = t.fixture.wulan.map((f) => f.customer.id);
    expect(await list('/api/v1/customers', { q: 'wulandari', pageSize: 2 })).toMatchObject({ total: 3, items: [{ id: third }, { id: second }] });
    expect(await list('/api/v1/customers', { q: 'wulandari', pageSize: 2, page: 2 })).toMatchObject({ total: 3, items: [{ id: first }] });
    expect(await list('/api/v1/customers', { q: 'putri.w' })).toMatchObject({ total: 1, items: [{ id: third }] });
  });

  it('subscriptions: by customer name or PPPoE username', async () => {
    const [first, second, third] = t.fixture.wulan.map((f) => f.subscription.id);
    expect(await list('/api/v1/subscriptions', { q: 'Wulandari' })).toMatchObject({ total: 3, items: [{ id: third }, { id: second }, { id: first }] });
    expect(await list('/api/v1/subscriptions', { q: 'sri.w' })).toMatchObject({ total: 1, items: [{ id: first }] });
  });

  it('invoices: by customer name or invoice number, latest due first', async () => {
    const [first, , third] = t.fixture.invoices;
    const byName = await list('/api/v1/invoices', { q: 'wulandari' });
    expect(byName).toMatchObject({ total: 2, items: [{ id: third, customerName: 'Wulandari Putri' }, { id: first, customerName: 'Sri Wulandari' }] });
    expect(await list('/api/v1/invoices', { q: '02/000002' })).toMatchObject({ total: 1, items: [{ customerName: 'Budi Santoso' }] });
  });
});
