import request from 'supertest';
import type { SubscriptionWorkflowState } from '@lunas/contracts';
import { AuditLog, Customer, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, InternetPackage, Invoice, NetworkActionLog, Subscription, Tenant } from '@lunas/persistence';
import { wib, type LiveTemporal } from '@lunas/testing';
import { randomUUID } from 'node:crypto';
import { SubscriptionsController } from '../src/subscriptions/subscriptions.controller';
import { startLiveTestApp } from './live-test-app';
import { bearer, type TestApp } from './test-app';
import { eventually } from './webhooks/payments-test-app';

/** How long a workflow may take to act on a call: a worker sharing two busy cores can need seconds per task. */
const SETTLE_MS = 30_000;
jest.setTimeout(120_000);

const TERMINATED = 'Alur kerja berhenti: dihentikan paksa (terminated). Langganan ini tidak ditagih sampai alur kerjanya dimulai ulang dengan aksi restart-workflow.';

// The real subscription workflow in the real worker on the embedded Temporal server (time skipping). Both
// subscriptions of WiFi Sukamaju are on billing day 5 with "Paket 10 Mbps" (Rp 111.000 with PPN), created Thu 1 Apr
// 2027 10:00 WIB: the invoice of period 2027-05 is issued Sun 4 Apr 06:00, due Mon 5 Apr; reminder 1 on Thu 8 Apr 09:00.
describe(`${SubscriptionsController.name} (live): actions that change nothing, and a workflow terminated in Temporal`, () => {
  let t: TestApp;
  let live: LiveTemporal;
  let admin: string;
  let mitra1: string;
  let mitra2: string;
  let sukamaju: Tenant;
  let paket10: InternetPackage;
  const subscriptions: Record<'actions' | 'terminated', string> = { actions: '', terminated: '' };
  const http = () => request(t.app.getHttpServer());
  const db = () => t.database.dataSource;
  const detail = async (id: string) => (await http().get(`/api/v1/subscriptions/${id}`).set('Authorization', admin).expect(200)).body;
  const state = async (id: string): Promise<SubscriptionWorkflowState> => {
    const body = await detail(id);
    expect(body.stateError).toBeUndefined();
    return body.state;
  };
  const act = (id: string, action: string, body: Record<string, unknown> = {}, token = admin) =>
    http().post(`/api/v1/subscriptions/${id}/actions/${action}`).set('Authorization', token).send({ reason: 'Uji integrasi', ...body });
  const stoppedList = async (token: string) =>
    (await http().get('/api/v1/subscriptions/failed-workflows').set('Authorization', token).expect(200)).body.items as Array<{ subscriptionId: string; ending: string }>;

  beforeAll(async () => {
    const app = await startLiveTestApp();
    t = app.t;
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    mitra1 = await bearer(t, 'mitra1', DEV_MITRA_PASSWORD);
    mitra2 = await bearer(t, 'mitra2', DEV_MITRA_PASSWORD);
    sukamaju = await db().getRepository(Tenant).findOneByOrFail({ businessName: 'WiFi Sukamaju' });
    paket10 = await db().getRepository(InternetPackage).findOneByOrFail({ name: 'Paket 10 Mbps' });
    live = await app.startTemporal(wib('2027-04-01 10:00'));
    for (const name of ['actions', 'terminated'] as const) {
      const customer = await db().getRepository(Customer).save({
        tenantId: sukamaju.id, code: `C-${randomUUID().slice(0, 8)}`, name: `Pelanggan ${name}`, phone: '6281234567890', registerDate: '2027-01-01', whatsappConsent: true,
      });
      const created = await http().post('/api/v1/subscriptions').set('Authorization', admin).send({ customerId: customer.id, packageId: paket10.id, billingDay: 5 }).expect(201);
      expect(created.body.workflowStarted).toBe(true);
      subscriptions[name] = created.body.id;
    }
    // Tue 6 Apr 2027 10:00 WIB: the 2027-05 invoice (Rp 111.000) is open, one day overdue.
    await live.travelTo(wib('2027-04-06 10:00'));
  }, 180_000);
  afterAll(async () => {
    await live?.close();
    await t?.close();
  });

  describe('an action that changes nothing', () => {
    it('unsuspending an active subscription answers 409 with the reason and records nothing', async () => {
      const id = subscriptions.actions;
      const response = await act(id, 'unsuspend').expect(409);
      expect(response.body.detail).toBe('Langganan tidak sedang diisolir');
      expect(await db().getRepository(AuditLog).countBy({ action: 'subscription.unsuspend', entityId: id })).toBe(0);
    });

    it('suspending twice: the first is accepted, the second (before the first is carried out) answers 409; the network is told once', async () => {
      const id = subscriptions.actions;
      expect((await act(id, 'suspend').expect(200)).body).toMatchObject({ action: 'suspend', accepted: true });
      const again = await act(id, 'suspend').expect(409);
      expect(again.body.detail).toBe('Langganan sudah diisolir');
      await eventually(async () => expect(await state(id)).toMatchObject({ suspended: true }), SETTLE_MS);
      expect((await db().getRepository(NetworkActionLog).findBy({ subscriptionId: id })).map((row) => row.action)).toEqual(['suspend']);
      expect(await db().getRepository(AuditLog).countBy({ action: 'subscription.suspend', entityId: id })).toBeGreaterThanOrEqual(1);
    });

    it('cancelling twice: the second answers 409 with the day the first takes effect', async () => {
      const id = subscriptions.actions;
      await act(id, 'cancel', { mode: 'end_of_period' }).expect(200);
      const again = await act(id, 'cancel', { mode: 'end_of_period' }).expect(409);
      expect(again.body.detail).toBe('Langganan sudah dibatalkan (berlaku 2027-05-05)');
    });
  });

  describe('a workflow terminated in Temporal (e.g. from the Web UI)', () => {
    it('shows "alur kerja berhenti" with how it ended, and is listed for its tenant only', async () => {
      const id = subscriptions.terminated;
      const { workflowId } = await db().getRepository(Subscription).findOneByOrFail({ id });
      await live.env.client.workflow.getHandle(workflowId as string).terminate('Dihentikan dari Temporal Web UI');

      const body = await detail(id);
      expect(body).toMatchObject({ stateError: TERMINATED, workflowStatus: 'TERMINATED', workflowStopped: { ending: 'terminated', at: expect.any(String) } });
      expect(await stoppedList(admin)).toEqual([expect.objectContaining({ subscriptionId: id, ending: 'terminated', stoppedAt: expect.any(String) })]);
      expect((await stoppedList(mitra1)).map((item) => item.subscriptionId)).toEqual([id]);
      expect(await stoppedList(mitra2)).toEqual([]);
    });

    it('is restarted by an admin from its records (not by a mitra) and runs on with its invoice intact', async () => {
      const id = subscriptions.terminated;
      const invoice = await db().getRepository(Invoice).findOneByOrFail({ subscriptionId: id, period: '2027-05' });
      const forbidden = await act(id, 'restart-workflow', {}, mitra1).expect(403);
      expect(forbidden.body.detail).toContain('subscription.manage');

      const restarted = await act(id, 'restart-workflow').expect(200);
      expect(restarted.body).toMatchObject({ action: 'restart-workflow', accepted: true, result: { runId: expect.any(String), stoppedRunId: expect.any(String) } });
      await eventually(async () =>
        expect(await state(id)).toMatchObject({ balance: 111_000, currentInvoice: { invoiceId: invoice.id, period: '2027-05', status: 'unpaid' } }),
      SETTLE_MS);
      expect((await detail(id)).workflowStatus).toBe('RUNNING');
      expect(await stoppedList(admin)).toEqual([]);
      expect((await act(id, 'restart-workflow').expect(409)).body.detail).toBe('Alur kerja langganan ini tidak berhenti; tidak ada yang perlu dimulai ulang.');

      // Thu 8 Apr: the restarted run walks on with reminder 1 on the same invoice; nothing was issued twice.
      await live.travelTo(wib('2027-04-08 10:00'));
      await eventually(async () => expect((await state(id)).currentInvoice?.completedStepIds).toContain('reminder-1'), SETTLE_MS);
      expect(await db().getRepository(Invoice).countBy({ subscriptionId: id })).toBe(1);
      expect(await db().getRepository(AuditLog).countBy({ action: 'subscription.restart-workflow', entityId: id })).toBe(1);
    });
  });
});
