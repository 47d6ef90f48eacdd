import request from 'supertest';
import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { DEV_ADMIN_PASSWORD, ROLES, SEED_MITRAS, Tenant, type RoleDefinition } from '@lunas/persistence';
import { insertInvoice, insertSubscription, insertTenant, type SubscriptionFixture } from '@lunas/persistence/testing';
import { IS_PUBLIC } from '../../src/auth/public.decorator';
import { REQUIRED_PERMISSIONS } from '../../src/auth/require-permissions.decorator';
import { bearer, startTestApp, type TestApp } from '../test-app';
import { CONSOLE_TEST_PASSWORD, insertUser } from './console-users';

interface Route {
  method: string;
  /** OpenAPI form, e.g. `/api/v1/customers/{id}`. */
  path: string;
  /** Permissions the route declares; `undefined`: it checks them itself from the request (subscription actions). */
  permissions: string[] | undefined;
}

interface Fixture {
  /** The caller's mitra and another mitra, each with a customer, subscription, package and invoice. */
  own: SubscriptionFixture;
  other: SubscriptionFixture & { invoiceId: string; userId: string };
}

const UNDECLARED = ['get /api/v1/notifications', 'post /api/v1/auth/logout', 'post /api/v1/notifications/{id}/read', 'post /api/v1/subscriptions/{id}/actions/{action}'];
const NIL_UUID = '00000000-0000-4000-8000-000000000000';
const METHODS: Record<number, string> = { [RequestMethod.GET]: 'get', [RequestMethod.POST]: 'post', [RequestMethod.PUT]: 'put', [RequestMethod.PATCH]: 'patch', [RequestMethod.DELETE]: 'delete' };

/** Every authenticated route of the running app with the permissions its handler declares. */
function authenticatedRoutes(t: TestApp<Fixture>): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(IS_PUBLIC, handler) || Reflect.getMetadata(IS_PUBLIC, controller)) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const path = `/${[base, sub].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}');
        routes.push({ method: METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as number], path, permissions: Reflect.getMetadata(REQUIRED_PERMISSIONS, handler) });
      }
    }
  }
  return routes;
}

/** The path with every parameter naming a record of the other mitra (or nothing, where it has none). */
function pathToOther(route: Route, other: Fixture['other']): string {
  const byResource: Record<string, string> = {
    customers: other.customer.id, subscriptions: other.subscription.id, invoices: other.invoiceId, packages: other.pkg.id, users: other.userId, tenants: other.tenant.id,
    queue: `event:${NIL_UUID}`,
  };
  return route.path.replace(/\/([\w-]+)\/\{(\w+)\}/g, (_, resource: string, param: string) => `/${resource}/${param === 'id' ? (byResource[resource] ?? NIL_UUID) : NIL_UUID}`)
    .replace(/\{action\}/, 'suspend').replace(/\{\w+\}/g, NIL_UUID);
}

// Each built-in role held by a user of one mitra, against every authenticated route of the API: a route the role lacks a
// permission for answers 403; one it may use never answers 2xx for the other mitra's records, and no list shows them.
describe('role and tenant matrix (every authenticated route × every built-in role)', () => {
  let t: TestApp<Fixture>;
  let routes: Route[];
  const tokens = new Map<string, string>();
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp<Fixture>({
      prepare: async (dataSource) => {
        const m = dataSource.manager;
        const ownTenant = await m.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName });
        const own = await insertSubscription(m, ownTenant);
        await insertInvoice(m, own);
        const other = await insertSubscription(m, await insertTenant(m));
        const invoice = await insertInvoice(m, other);
        const otherUser = await insertUser(m, other.tenant.id, 'lain.admin', ['admin_billing']);
        for (const role of ROLES) if (role.code !== 'superadmin') await insertUser(m, ownTenant.id, `role.${role.code}`, [role.code]);
        return { own, other: { ...other, invoiceId: invoice.id, userId: otherUser.id } };
      },
    });
    for (const role of ROLES) {
      tokens.set(role.code, role.code === 'superadmin' ? await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD) : await bearer(t, `role.${role.code}`, CONSOLE_TEST_PASSWORD));
    }
    routes = authenticatedRoutes(t);
  }, 120_000);
  afterAll(() => t?.close());

  it('finds the console routes and documents each of them in the OpenAPI document', async () => {
    const document = (await http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((route) => !document.paths[route.path]?.[route.method]).map((route) => `${route.method} ${route.path}`)).toEqual([]);
    // Only these check permissions from the request itself (per action) or serve every signed-in user (their own inbox, logout).
    expect(routes.filter((route) => route.permissions === undefined).map((route) => `${route.method} ${route.path}`).sort()).toEqual(UNDECLARED);
  });

  it.each(ROLES.map((role) => [role.code, role] as [string, RoleDefinition]))('%s: 403 without the permission, never the other mitra\'s records', async (code, role) => {
    const token = tokens.get(code) as string;
    const failures: string[] = [];
    const secrets = [t.fixture.other.customer.id, t.fixture.other.subscription.id, t.fixture.other.invoiceId, t.fixture.other.userId, t.fixture.other.customer.code];
    for (const route of routes) {
      const path = pathToOther(route, t.fixture.other);
      const call = http()[route.method as 'get'](path).set('Authorization', token);
      const response = route.method === 'get' ? await call.query({ tenantId: t.fixture.other.tenant.id, pageSize: 100 }) : await call.send({});
      const label = `${route.method.toUpperCase()} ${path} → ${response.status}`;
      const allowed = route.permissions?.every((permission) => (role.permissions as readonly string[]).includes(permission));
      // 503: Temporal is not running in this test; the other mitra's records are refused before it is asked.
      if (response.status >= 500 && response.status !== 503) failures.push(`${label}: server error ${JSON.stringify(response.body).slice(0, 200)}`);
      if (route.permissions && !allowed && response.status !== 403) failures.push(`${label}: expected 403`);
      if (allowed && response.status === 403) failures.push(`${label}: refused a permitted route`);
      if (role.allTenants) continue;
      const leaked = secrets.find((secret) => JSON.stringify(response.body ?? '').includes(secret) && !path.includes(secret));
      if (leaked) failures.push(`${label}: shows the other mitra's ${leaked}`);
      if (/\{id\}/.test(route.path) && response.status >= 200 && response.status < 300) failures.push(`${label}: answered another mitra's record`);
    }
    expect(failures).toEqual([]);
  });

  // 000 §10 and issue #19: the billing admin's own daily loop, without borrowing another role.
  it('lets the billing admin suspend and unsuspend with a reason and read the audit log; a kasir may not', async () => {
    const own = t.fixture.own.subscription.id;
    for (const action of ['suspend', 'unsuspend']) {
      // Past the permission check the API looks for the subscription's workflow, which this test never started.
      const allowed = await http().post(`/api/v1/subscriptions/${own}/actions/${action}`).set('Authorization', tokens.get('admin_billing') as string).send({ reason: 'Uji hak akses' });
      expect({ status: allowed.status, detail: allowed.body.detail }).toEqual({ status: 404, detail: 'Proses penagihan langganan ini belum dimulai; coba lagi sebentar lagi.' });
      await http().post(`/api/v1/subscriptions/${own}/actions/${action}`).set('Authorization', tokens.get('kasir') as string).send({ reason: 'Uji hak akses' }).expect(403);
    }
    await http().get('/api/v1/audit-log').set('Authorization', tokens.get('admin_billing') as string).expect(200);
    await http().get('/api/v1/audit-log').set('Authorization', tokens.get('kasir') as string).expect(403);
  });
});
