import request from 'supertest';
import { DEV_ADMIN_PASSWORD } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { bearer, startTestApp, type TestApp } from './test-app';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;
const WIB = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

/** Every timestamp anywhere in `value`, with where it sits, that is not ISO 8601 in WIB with the offset. */
function instantsWithoutOffset(value: unknown, at: string): string[] {
  if (typeof value === 'string') return TIMESTAMP.test(value) && !WIB.test(value) ? [`${at} = ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => instantsWithoutOffset(item, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, field]) => instantsWithoutOffset(field, `${at}.${key}`));
  return [];
}

describe('Instants in REST answers (medium: the real API)', () => {
  let t: TestApp<SubscriptionFixture>;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ prepare: (dataSource) => insertSubscription(dataSource.manager) });
    await insertInvoice(t.database.dataSource.manager, t.fixture, '2026-02', { paidAt: new Date('2026-01-06T03:04:05.678Z') });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
  });
  afterAll(async () => t.close());

  it('renders every instant of the main GET routes as ISO 8601 with the +07:00 offset', async () => {
    const http = () => request(t.app.getHttpServer());
    const invoices = (await http().get('/api/v1/invoices').set('Authorization', admin).expect(200)).body;
    expect(invoices.items[0]).toMatchObject({ issuedAt: '2026-01-04T06:00:00+07:00', dueAt: '2026-01-05T00:00:00+07:00' });
    const paths = [
      '/api/v1/invoices',
      `/api/v1/invoices/${invoices.items[0].id}`,
      '/api/v1/subscriptions',
      `/api/v1/subscriptions/${t.fixture.subscription.id}`,
      '/api/v1/dunning-policies',
      '/api/v1/notifications',
      `/api/v1/tenants/${t.fixture.tenant.id}/billing-settings`,
    ];
    const offenders: string[] = [];
    let timestamps = 0;
    for (const path of paths) {
      const body = (await http().get(path).set('Authorization', admin).expect(200)).body;
      offenders.push(...instantsWithoutOffset(body, path));
      timestamps += JSON.stringify(body).match(/\d{4}-\d{2}-\d{2}T/g)?.length ?? 0;
    }
    expect(offenders).toEqual([]);
    expect(timestamps).toBeGreaterThan(5);
  });
});
