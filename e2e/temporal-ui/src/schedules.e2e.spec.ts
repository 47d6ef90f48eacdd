/**
 * The real Temporal Web UI's Schedules pages on the embedded dev server (in-process, normal clock), in Debian's
 * Chromium: the list with its count and its ScheduleId filter, the detail page (recent and upcoming runs), pause and
 * trigger (Allow All) from the detail page. Effects are asserted through the real client.
 * Screenshots go to test-artifacts/temporal-ui/.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { startDevServer, type DevServer } from '@lunas/devserver';
import { Client, Connection } from '@temporalio/client';
import { Browser, chromium, Page } from 'playwright-core';
import { ARTIFACTS, CHROMIUM } from './harness';

const UI_TIMEOUT_MS = 25_000;
const TASK_QUEUE = 'ui-schedules';

let server: DevServer;
let connection: Connection;
let client: Client;
let browser: Browser;
let page: Page;
let uiUrl: string;

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `schedules-${name}.png`), fullPage: true });

async function createSchedule(scheduleId: string, cron: string): Promise<void> {
  await client.schedule.create({
    scheduleId,
    spec: { cronExpressions: [cron], timezone: 'Asia/Jakarta' },
    action: { type: 'startWorkflow', workflowType: 'laporanHarian', taskQueue: TASK_QUEUE, args: [] },
  });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startDevServer({ port: 0, uiPort: 0 });
  uiUrl = `http://127.0.0.1:${server.uiPort}`;
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection });
  await createSchedule('drift-check-harian', '0 2 * * *');
  await createSchedule('ringkasan-laporan', '30 7 * * 1');
  await createSchedule('lain-lain', '0 * * * *');
  // One recent run for the detail page.
  await client.schedule.getHandle('drift-check-harian').trigger();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
});

afterAll(async () => {
  await browser?.close();
  await connection?.close();
  await server?.close();
});

describe('Schedules pages of the Web UI', () => {
  it('lists every schedule with the count, from the side navigation', async () => {
    await page.goto(`${uiUrl}/namespaces/default/workflows`);
    await page.getByRole('link', { name: 'Schedules' }).first().click();
    await page.getByText('3 Schedules').waitFor();
    for (const id of ['drift-check-harian', 'ringkasan-laporan', 'lain-lain']) await page.getByText(id).first().waitFor();
    await shot('01-list');
  });

  it('filters the list by the query in the URL, as the filter bar writes it', async () => {
    await page.goto(`${uiUrl}/namespaces/default/schedules?query=${encodeURIComponent('`ScheduleId` STARTS_WITH "drift"')}`);
    await page.getByText('1 Schedule').first().waitFor();
    await page.getByText('drift-check-harian').first().waitFor();
    expect(await page.getByText('ringkasan-laporan').count()).toBe(0);
    await shot('02-filtered');
  });

  it('shows the detail page with recent and upcoming runs, and pauses from it', async () => {
    await page.goto(`${uiUrl}/namespaces/default/schedules/drift-check-harian`);
    await page.getByRole('heading', { name: 'drift-check-harian' }).first().waitFor();
    await page.getByText('Recent Runs').first().waitFor();
    await page.getByText('Upcoming Runs').first().waitFor();
    await page.getByText(/drift-check-harian-workflow-\d{4}-/).first().waitFor();
    await shot('03-detail');

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const dialog = page.locator('#pause-schedule-modal');
    await dialog.locator('#pause-reason').fill('Jaringan sedang dipelihara');
    await dialog.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Unpause', exact: true }).waitFor();
    await page.getByText('Jaringan sedang dipelihara').first().waitFor();
    await shot('04-paused');
    const described = await client.schedule.getHandle('drift-check-harian').describe();
    expect(described.state).toMatchObject({ paused: true, note: 'Jaringan sedang dipelihara' });
  });

  it('triggers a run from the actions menu with the Allow All overlap policy', async () => {
    // The run triggered before is still open (no worker): only Allow All starts another one.
    await page.getByRole('button', { name: 'Schedule Actions' }).click();
    await page.getByTestId('trigger-schedule').click();
    const dialog = page.locator('#trigger-schedule-modal');
    await dialog.getByText('Allow All', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Trigger', exact: true }).click();
    const handle = client.schedule.getHandle('drift-check-harian');
    for (let i = 0; i < 100 && (await handle.describe()).info.recentActions.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const { info } = await handle.describe();
    expect(info.recentActions).toHaveLength(2);
    expect(info.runningActions).toHaveLength(2);
    await shot('05-triggered');
  });
});
