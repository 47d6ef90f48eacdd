/**
 * The real Temporal Web UI, served by the embedded dev server, driven with real clicks in Debian's
 * Chromium: find a customer's dunning by search attribute, read its history, pending activity and state,
 * then terminate and reset from the UI (effects asserted through the client). Screenshots go to
 * test-artifacts/temporal-ui/.
 */
import { Page } from 'playwright-core';
import { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { subscriptionLike } from './fixtures/workflows';
import { ARTIFACTS, startWorld, TASK_QUEUE, World } from './harness';

/** The UI refreshes the workflow page every 10 s; allow two refreshes for a state to show. */
const UI_TIMEOUT_MS = 25_000;

let world: World;
let page: Page;
const subscriptions: Record<string, WorkflowHandleWithFirstExecutionRunId<typeof subscriptionLike>> = {};

const SUBSCRIPTIONS: [id: string, stage: string, invoice: string][] = [
  ['subscription/ui-andi', 'REMINDER_1', 'INV-2026-0001'],
  ['subscription/ui-budi', 'REMINDER_1', 'INV-2026-0002'],
  ['subscription/ui-citra', 'SUSPENDED', 'INV-2026-0003'],
];

beforeAll(async () => {
  world = await startWorld();
  for (const [workflowId, stage, invoice] of SUBSCRIPTIONS) {
    subscriptions[workflowId] = await world.client.workflow.start(subscriptionLike, { taskQueue: TASK_QUEUE, workflowId, args: [stage, invoice] });
  }
  page = await world.browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
});

afterAll(async () => {
  await world?.close();
});

const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
const workflowLink = (id: string) => page.getByRole('link', { name: id, exact: true });

async function openWorkflow(id: string): Promise<void> {
  await page.goto(world.uiUrl);
  await workflowLink(id).click();
  await page.getByRole('heading', { name: id }).waitFor();
}

async function workflowAction(action: 'Terminate' | 'Reset'): Promise<void> {
  await page.getByRole('button', { name: 'Workflow Actions' }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

describe('Temporal Web UI on the embedded dev server', () => {
  it('lists the subscription workflows', async () => {
    await page.goto(world.uiUrl);
    for (const [id] of SUBSCRIPTIONS) await workflowLink(id).waitFor();
    expect(page.url()).toMatch(/\/namespaces\/lunas\/workflows/);
    await shot('01-workflow-list');
  });

  it('narrows the list by a LunasDunningStage search', async () => {
    await page.goto(world.uiUrl);
    await workflowLink('subscription/ui-andi').waitFor();
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('View Raw Query').click();
    await page.getByTestId('manual-search').fill('LunasDunningStage="SUSPENDED"');
    await page.getByTestId('manual-search').press('Enter');
    await workflowLink('subscription/ui-andi').waitFor({ state: 'detached' });
    await shot('02-search-dunning-stage');
    expect(await workflowLink('subscription/ui-citra').isVisible()).toBe(true);
    expect(await workflowLink('subscription/ui-budi').count()).toBe(0);
  });

  it('shows the history and the failing charge as a pending activity with its attempt count', async () => {
    await openWorkflow('subscription/ui-citra');
    await page.getByRole('heading', { name: 'Event History' }).waitFor();
    await page.getByText(/Workflow\s?Execution\s?Started/i).first().waitFor();
    await shot('03-history');
    await page.getByTestId('pending-activities-tab').click();
    const attempt = page.getByText(/Attempt\s*[2-9]\d*|Attempt\s*\d{2,}/).first();
    await attempt.waitFor();
    expect(await page.getByText('chargeInvoice').first().isVisible()).toBe(true);
    await shot('04-pending-activity');
  });

  it('runs the state query', async () => {
    await openWorkflow('subscription/ui-citra');
    await page.getByTestId('queries-tab').click();
    await page.getByRole('button', { name: /Run Query/i }).click();
    await page.getByText('INV-2026-0003').waitFor();
    expect(await page.getByText('SUSPENDED').first().isVisible()).toBe(true);
    await shot('05-state-query');
  });

  it('terminates a workflow from the UI', async () => {
    const handle = subscriptions['subscription/ui-budi'];
    await openWorkflow(handle.workflowId);
    await workflowAction('Terminate');
    await page.getByRole('dialog').getByRole('textbox').first().fill('Pelanggan sudah lunas di kasir');
    await page.getByRole('dialog').getByTestId('confirm-modal-button').click();
    await page.getByText('Terminated').first().waitFor();
    await shot('06-terminated');
    const description = await handle.describe();
    expect(description.status.name).toBe('TERMINATED');
  });

  it('resets a workflow from the UI into a new run', async () => {
    const handle = subscriptions['subscription/ui-andi'];
    await openWorkflow(handle.workflowId);
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
    const latest = await waitFor(() => world.client.workflow.getHandle(handle.workflowId).describe(), (d) => d.runId !== handle.firstExecutionRunId);
    expect(latest.runId).not.toBe(handle.firstExecutionRunId);
    expect(latest.status.name).toBe('RUNNING');
    const original = await world.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
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
