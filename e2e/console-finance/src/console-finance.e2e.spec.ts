/**
 * The console's finance screens in Debian's Chromium against the real API (serving the production console build) on
 * a test PostgreSQL seeded with the hand-computed finance calendar: Beranda's charts, a report's XLSX export, and a
 * customer CSV import from preview to done.
 */
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { DEV_ADMIN_PASSWORD, InternetPackage } from '@lunas/persistence';
import { freePort } from '@lunas/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
// The browser test runs the real API in-process with the API's own test harness and finance calendar (no copy of either).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startTestApp, type TestApp } from '../../../apps/api/test/test-app';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { seedFinanceCalendar, type FinanceCalendar } from '../../../apps/api/test/reports/finance-calendar';

const ROOT = path.resolve(__dirname, '../../..');
const CONSOLE_DIST = path.join(ROOT, 'dist/apps/console/browser');
const ARTIFACTS = path.join(ROOT, 'test-artifacts/console-finance');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

describe('console finance screens', () => {
  let t: TestApp<FinanceCalendar>;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestApp<FinanceCalendar>({
      env: { CONSOLE_DIST },
      prepare: async (dataSource) => {
        const calendar = await seedFinanceCalendar(dataSource.manager);
        const m = dataSource.manager;
        await m.save(InternetPackage, m.create(InternetPackage, { tenantId: calendar.mitraB.id, name: 'Paket 10 Mbps', speed: '10 Mbps', price: 100_000 }));
        return calendar;
      },
    });
    const port = await freePort();
    await t.app.listen(port, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    await page.goto(`${base}/masuk`);
    await page.fill('#username', 'superadmin');
    await page.fill('#password', DEV_ADMIN_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/masuk'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders the dashboard KPIs and its four charts with the seeded data', async () => {
    await page.goto(`${base}/`);
    await page.locator('[data-testid=kpi-billed]').waitFor();
    for (const chart of ['billed', 'aging', 'recovery', 'methods']) {
      await page.locator(`[data-testid=chart-${chart}] canvas`).first().waitFor();
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    expect(await page.locator('[data-testid=kpi-billed] .kpi-label').textContent()).toContain('Ditagihkan');
  });

  it('keeps the chosen period and mitra in the URL, and opens the list behind a card with its filters', async () => {
    const mitraA = t.fixture.mitraA.id;
    await page.goto(`${base}/?from=2026-11-01&to=2026-11-20&mitra=${mitraA}`);
    await page.locator('[data-testid=kpi-billed] .kpi-value', { hasText: '676.000' }).waitFor();
    expect(await page.inputValue('[data-testid=dashboard-from]')).toBe('1/11/2026');

    await page.fill('[data-testid=dashboard-from]', '01/11/2026');
    await page.fill('[data-testid=dashboard-to]', '04/11/2026');
    await page.press('[data-testid=dashboard-to]', 'Tab');
    await page.waitForURL((url) => url.searchParams.get('to') === '2026-11-04');
    expect(new URL(page.url()).searchParams.get('mitra')).toBe(mitraA);
    // 1–4 November: I1 (11-01) and I2 (11-03) issued, 2 × 166.500 + I2's late fee 10.000; P1 166.500 collected on 11-04.
    await page.locator('[data-testid=kpi-billed] .kpi-value', { hasText: '343.000' }).waitFor();
    expect(await page.locator('[data-testid=kpi-collected] .kpi-value').textContent()).toContain('166.500');

    await page.goto(`${base}/?from=2026-11-01&to=2026-11-20&mitra=${mitraA}`);
    await page.click('[data-testid=kpi-overdue]');
    await page.waitForURL((url) => url.pathname === '/tagihan');
    const url = new URL(page.url());
    expect([url.searchParams.get('overdue'), url.searchParams.get('asOf'), url.searchParams.get('tenantId')]).toEqual(['true', '2026-11-20', mitraA]);
    await page.locator('[data-testid=invoice-beranda-filter]', { hasText: 'lewat jatuh tempo per 2026-11-20' }).waitFor();
    // I2, I3 and I5 were past due on 20 November (see finance-calendar.ts).
    await page.locator('tr.mat-mdc-row').nth(2).waitFor();
    expect(await page.locator('tr.mat-mdc-row').count()).toBe(3);
  });

  it('exports a report to XLSX whose totals match', async () => {
    await page.goto(`${base}/laporan/revenue-by-mitra?from=2026-09-01&to=2026-11-20&tenantId=${t.fixture.mitraA.id}`);
    await page.locator('[data-testid=report-table] td', { hasText: 'Net Sukamaju' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-xlsx]')]);
    const file = path.join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const totals = sheet.getRow(sheet.rowCount);
    // Mitra, invoices, DPP, PPN, late fees, billed, collected (see finance-calendar.ts).
    expect(totals.values).toEqual([undefined, 'Total', 7, 1_050_000, 115_500, 30_000, 1_195_500, 576_000]);
  });

  it('imports a customer CSV: preview, confirm, progress, done', async () => {
    await page.goto(`${base}/impor-pelanggan`);
    await page.click('[data-testid=import-mitra]');
    await page.locator('mat-option', { hasText: 'WiFi Mekarjaya' }).click();
    const csv = 'nama,telepon,paket,user_pppoe\nJoko,081311112222,Paket 10 Mbps,joko\nRina,12,Paket 10 Mbps,rina\n';
    await page.setInputFiles('[data-testid=import-file]', { name: 'pelanggan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('[data-testid=import-counts]', { hasText: 'Baru 1' }).waitFor();
    expect(await page.locator('[data-testid=import-preview]').textContent()).toContain('Nomor telepon "12" tidak valid');
    await page.click('[data-testid=import-confirm]');
    await page.locator('[data-testid=import-progress]').waitFor();
    await page.locator('[data-testid=import-status]', { hasText: 'Selesai' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-done.png'), fullPage: true });
    expect(await page.locator('[data-testid=import-status]').textContent()).toContain('dibuat 1');
  });
});
