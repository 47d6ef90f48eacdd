/**
 * The real Temporal Web UI, served by the embedded dev server, driven with real clicks in Debian's Chromium, on the
 * REAL subscription workflow run by the real worker app (activities on a test PostgreSQL): find a customer's dunning
 * by the search attributes the workflow upserts, read its history, a retrying activity and its `state` query, then
 * terminate and reset from the UI (effects asserted through the client). Screenshots go to test-artifacts/temporal-ui/.
 *
 * Calendar (virtual time): four subscriptions on billing day 5 start Thu 1 Apr 2027 10:00 WIB; their invoices are
 * issued Sun 4 Apr 06:00 and reminded Thu 8 Apr 09:00 (T+3), so on Fri 9 Apr 10:00 all four are `reminded`. Then an
 * operator isolates Citra (stage `suspended`) and tries to isolate Dedi while the network refuses every attempt (a
 * database trigger stands in for an unreachable RADIUS NAS): Dedi's `enforceNetwork` activity keeps retrying.
 */
import { Page } from 'playwright-core';
import type { WorkflowHandle } from '@temporalio/client';
import {
  BILLING_TASK_QUEUE,
  stateQuery,
  SUBSCRIPTION_WORKFLOW_TYPE,
  subscriptionWorkflowId,
  suspendNowSignal,
  type SubscriptionWorkflowInput,
} from '@lunas/contracts';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { Customer } from '@lunas/persistence';
import { insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { wib } from '@lunas/testing';
import { ARTIFACTS, startWorld, World } from './harness';

/** The UI refreshes the workflow page every 10 s; allow two refreshes for a state to show. */
const UI_TIMEOUT_MS = 25_000;
const CUSTOMERS = ['andi', 'budi', 'citra', 'dedi'] as const;
type Name = (typeof CUSTOMERS)[number];
const operator = { actor: { userId: 'noc-1', name: 'Rina (NOC)' }, reason: 'Permintaan isolir dari mitra' };

let world: World;
let page: Page;
const subscribers = {} as Record<Name, SubscriptionFixture>;
const handles = {} as Record<Name, WorkflowHandle>;
const workflowId = (name: Name) => handles[name].workflowId;

beforeAll(async () => {
  world = await startWorld(wib('2027-04-01 10:00'));
  const m = world.db.dataSource.manager;
  for (const name of CUSTOMERS) {
    subscribers[name] = await insertSubscription(m, subscribers.andi?.tenant);
    await m.update(Customer, { id: subscribers[name].customer.id }, { whatsappConsent: true });
    const { tenant, customer, subscription, pkg } = subscribers[name];
    const input: SubscriptionWorkflowInput = {
      subscription: { tenantId: tenant.id, subscriptionId: subscription.id, customerId: customer.id, billingDay: 5 },
      packageId: pkg.id,
      policy: DEFAULT_DUNNING_POLICY,
    };
    handles[name] = await world.client.workflow.start(SUBSCRIPTION_WORKFLOW_TYPE, {
      taskQueue: BILLING_TASK_QUEUE,
      workflowId: subscriptionWorkflowId(tenant.id, subscription.id),
      args: [input],
    });
  }
  await world.live.travelTo(wib('2027-04-09 10:00'));

  await world.db.dataSource.query(`CREATE FUNCTION nas_unreachable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'NAS RADIUS tidak menjawab'; END $$`);
  await world.db.dataSource.query(`CREATE TRIGGER nas_unreachable BEFORE INSERT ON network_action_log FOR EACH ROW
    WHEN (NEW.subscription_id = '${subscribers.dedi.subscription.id}') EXECUTE FUNCTION nas_unreachable()`);
  await handles.citra.signal(suspendNowSignal, operator);
  await handles.dedi.signal(suspendNowSignal, operator);
  await waitFor(() => handles.citra.query(stateQuery), (state) => state.stage === 'suspended');

  page = await world.browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
}, 180_000);

afterAll(async () => {
  await world?.close();
});

const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
const workflowLink = (name: Name) => page.getByRole('link', { name: workflowId(name), exact: true });

async function openWorkflow(name: Name): Promise<void> {
  await page.goto(world.uiUrl);
  await workflowLink(name).click();
  await page.getByRole('heading', { name: workflowId(name) }).waitFor();
}

async function workflowAction(action: 'Terminate' | 'Reset'): Promise<void> {
  await page.getByRole('button', { name: 'Workflow Actions' }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

describe('Temporal Web UI on the embedded dev server, real subscription workflow', () => {
  it('lists the subscription workflows', async () => {
    await page.goto(world.uiUrl);
    for (const name of CUSTOMERS) await workflowLink(name).waitFor();
    expect(page.url()).toMatch(/\/namespaces\/lunas\/workflows/);
    await shot('01-workflow-list');
  });

  it('narrows the list by the LunasDunningStage the workflow upserted', async () => {
    await page.goto(world.uiUrl);
    await workflowLink('andi').waitFor();
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('View Raw Query').click();
    await page.getByTestId('manual-search').fill(`LunasDunningStage="suspended" AND LunasTenantId="${subscribers.citra.tenant.id}"`);
    await page.getByTestId('manual-search').press('Enter');
    await workflowLink('andi').waitFor({ state: 'detached' });
    await shot('02-search-dunning-stage');
    expect(await workflowLink('citra').isVisible()).toBe(true);
    for (const name of ['budi', 'dedi'] as const) expect(await workflowLink(name).count()).toBe(0);
  });

  it('shows the history and the refused isolation as a pending enforceNetwork activity with its attempt count', async () => {
    await openWorkflow('dedi');
    await page.getByRole('heading', { name: 'Event History' }).waitFor();
    await page.getByText(/Workflow\s?Execution\s?Started/i).first().waitFor();
    await shot('03-history');
    await page.getByTestId('pending-activities-tab').click();
    await page.getByText(/Attempt\s*[2-9]\d*|Attempt\s*\d{2,}/).first().waitFor();
    expect(await page.getByText('enforceNetwork').first().isVisible()).toBe(true);
    await page.getByText('Last Failure with Stack Trace').click();
    await page.getByText(/NAS RADIUS tidak menjawab/).first().waitFor();
    await shot('04-pending-activity');
  });

  it('runs the state query: stage suspended, with the invoice the worker issued', async () => {
    const [invoice]: Array<{ number: string }> = await world.db.dataSource.query(`SELECT number FROM invoices WHERE subscription_id = $1`, [subscribers.citra.subscription.id]);
    await openWorkflow('citra');
    await page.getByTestId('queries-tab').click();
    await page.getByTestId('query-select-button').click();
    await page.getByRole('option', { name: 'state' }).click();
    await page.getByRole('button', { name: /Run Query/i }).click();
    await page.getByText(invoice.number).first().waitFor();
    expect(await page.getByText('"suspended"').first().isVisible()).toBe(true);
    await shot('05-state-query');
  });

  it('terminates a workflow from the UI', async () => {
    await openWorkflow('budi');
    await workflowAction('Terminate');
    await page.getByRole('dialog').getByRole('textbox').first().fill('Pelanggan sudah lunas di kasir');
    await page.getByRole('dialog').getByTestId('confirm-modal-button').click();
    await page.getByText('Terminated').first().waitFor();
    await shot('06-terminated');
    const description = await handles.budi.describe();
    expect(description.status.name).toBe('TERMINATED');
  });

  it('resets a workflow from the UI into a new run', async () => {
    const firstRunId = (await handles.andi.describe()).runId;
    await openWorkflow('andi');
    await workflowAction('Reset');
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('workflow-reset-event-id-select-button').click();
    await dialog.getByRole('option').first().click();
    await dialog.getByTestId('reset-reason').fill('Coba tagih ulang');
    const answer = page.waitForResponse((response) => response.request().method() === 'POST' && /\/reset(\?|$)/.test(response.url()));
    await dialog.getByTestId('confirm-modal-button').click();
    const reset = await answer;
    await shot('07-reset');
    expect({ status: reset.status(), body: await reset.text() }).toMatchObject({ status: 200 });
    const latest = await waitFor(() => world.client.workflow.getHandle(workflowId('andi')).describe(), (d) => d.runId !== firstRunId);
    expect(latest.runId).not.toBe(firstRunId);
    expect(latest.status.name).toBe('RUNNING');
    const original = await world.client.workflow.getHandle(workflowId('andi'), firstRunId).describe();
    expect(original.status.name).toBe('TERMINATED');
  });
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
