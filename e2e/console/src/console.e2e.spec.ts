/**
 * The billing console in Debian's Chromium against the real API, worker and Temporal (see harness.ts), the daily loop
 * of each role. Screenshots of every screen go to test-artifacts/console/.
 *
 * - Billing admin of Net Mekarjaya (the built-in admin_billing role alone): signs in → adds a customer → subscribes it
 *   → sees the live state (the workflow issues the first invoice at once) → opens the invoice and resends its pay link
 *   → the customer pays it through the pay link in the sandbox gateway (another tab) → the subscription page, never
 *   reloaded, shows "Lunas" and the payment in its timeline → isolates and reopens with a reason → finds the resend and
 *   both actions with their reasons in the audit log. The superadmin's screens (users, mitra) are shot too.
 * - Kasir: records a part payment at the counter; then records against an invoice that changed meanwhile → 409 →
 *   "Tagihan sudah berubah, muat ulang" → reload shows the new balance.
 * - Mitra (WiFi Sukamaju): sees its own customers only.
 */
import { ConsoleMessage, Page } from 'playwright-core';
import { eventually } from '@lunas/testing';
import { ARTIFACTS, startWorld, World } from './harness';

const UI_TIMEOUT_MS = 20_000;
const PASSWORD = 'RahasiaKonsol2026';
const ADMIN = { username: 'rina.billing', name: 'Rina (Admin Billing)', roles: ['admin_billing'] };
const KASIR = { username: 'dewi.kasir', name: 'Dewi (Kasir)', roles: ['kasir'] };
const CUSTOMER = { name: 'Yanto Wibowo', phone: '0812 7788 9900', nik: '3273010101900001', pppoe: 'yanto.wibowo' };
const SUSPEND_REASON = 'Permintaan pelanggan: renovasi rumah';
const UNSUSPEND_REASON = 'Renovasi selesai, layanan dibuka lagi';
const RESEND_REASON = 'Pelanggan belum menerima tautan bayar';

let world: World;
let superadminToken: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  world = await startWorld();
  superadminToken = await token('superadmin', 'Admin123!');
  const [{ id: tenantId }] = await world.db.dataSource.query(`SELECT id FROM tenants WHERE business_name = 'Net Mekarjaya'`);
  for (const user of [ADMIN, KASIR]) {
    await api('POST', '/api/v1/users', superadminToken, { tenantId, username: user.username, name: user.name, password: PASSWORD, roles: user.roles });
  }
}, 240_000);

afterAll(async () => {
  await world?.close();
});

async function api<T = unknown>(method: string, url: string, bearer: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${world.baseUrl}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}`, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function token(username: string, password: string): Promise<string> {
  const response = await fetch(`${world.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username} → ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A signed-in console tab at laptop width; browser console errors are collected (a 409 the test provokes is expected). */
async function signIn(username: string, password = PASSWORD): Promise<Page> {
  const page = await world.browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && !/status of 409/.test(message.text())) consoleErrors.push(`${username}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${username}: ${error.message}`));
  await page.goto(`${world.baseUrl}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('heading', { name: 'Beranda' }).waitFor();
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
const nav = (page: Page, label: string) => page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: label, exact: true }).click();

async function chooseOption(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Presses Tab until the focused element is the button or link named `name` (fails after 60 presses). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')) === name) return;
  }
  throw new Error(`"${name}" is not reachable with Tab`);
}

async function confirmInDialog(page: Page, confirmLabel: string, reason: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Alasan').fill(reason);
  await dialog.getByRole('button', { name: confirmLabel, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('billing admin: the daily loop on the live workflow state', () => {
  let page: Page;
  let subscriptionUrl: string;

  beforeAll(async () => {
    page = await signIn(ADMIN.username);
  });

  it('adds a customer (phone normalised, NIK shown masked)', async () => {
    await shot(page, '01-beranda');
    await nav(page, 'Pelanggan');
    await page.getByRole('row', { name: /Ahmad Fauzi|Belum ada pelanggan/ }).or(page.getByText('Belum ada pelanggan')).first().waitFor();
    await shot(page, '02-pelanggan-daftar');
    await page.getByRole('link', { name: 'Tambah pelanggan' }).click();
    await page.getByRole('button', { name: 'Simpan pelanggan' }).click();
    await page.getByText('Isi nama pelanggan.').waitFor();
    await shot(page, '03-pelanggan-form-galat');

    await page.getByLabel('Nama lengkap').fill(CUSTOMER.name);
    await page.getByLabel('Nomor HP (WhatsApp)').fill(CUSTOMER.phone);
    await page.getByLabel('NIK').fill(CUSTOMER.nik);
    await page.getByRole('button', { name: 'Simpan pelanggan' }).click();

    await page.getByRole('heading', { name: CUSTOMER.name }).waitFor();
    await page.getByText('+6281277889900').waitFor();
    await page.getByText('3273••••••••0001').or(page.getByText(/^3273.*0001$/)).first().waitFor();
    expect(await page.getByText(CUSTOMER.nik).count()).toBe(0);
    await shot(page, '04-pelanggan-detail');
  });

  it('subscribes it and sees the live state: the workflow issued the first invoice', async () => {
    await page.getByRole('link', { name: 'Tambah langganan' }).click();
    await page.getByText(`Dipilih: ${CUSTOMER.name}`).waitFor();
    await chooseOption(page, 'Paket', /Paket 20 Mbps/);
    await page.getByLabel('Tanggal tagihan (1–28)').fill('5');
    await page.getByLabel('User PPPoE').fill(CUSTOMER.pppoe);
    await shot(page, '05-langganan-form');
    await page.getByRole('button', { name: 'Simpan langganan' }).click();

    await page.getByRole('heading', { name: 'Status penagihan' }).waitFor();
    subscriptionUrl = page.url();
    const invoiceLink = page.getByRole('region', { name: 'Tagihan berjalan' }).getByRole('link');
    await invoiceLink.waitFor();
    await page.getByTestId('invoice-status').getByText('Belum dibayar').waitFor();
    await shot(page, '06-langganan-detail');
  });

  it('opens the invoice; the customer pays it in the sandbox gateway; the subscription page shows Lunas without a reload', async () => {
    await page.getByRole('region', { name: 'Tagihan berjalan' }).getByRole('link').click();
    await page.getByRole('heading', { name: /^Tagihan INV/ }).waitFor();
    await page.getByText('Paket 20 Mbps').first().waitFor();
    const payLink = (await page.locator('a.pay-link').getAttribute('href')) ?? '';
    expect(payLink).toMatch(/\/bayar\/[A-Za-z0-9_-]{43}$/);
    await shot(page, '07-tagihan-detail');
    // At 1366 px the link stays inside its card.
    expect(await page.locator('a.pay-link').evaluate((link) => link.getBoundingClientRect().right <= (link.closest('section') as HTMLElement).getBoundingClientRect().right)).toBe(true);
    // By keyboard alone: Tab to the button, Enter, type the reason (the dialog focuses it), Tab to confirm, Enter.
    await page.locator('body').focus();
    await tabTo(page, 'Kirim ulang tautan');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByText('akan menerima pengingat berisi tautan pembayaran').waitFor();
    // The dialog moves the focus to its reason once it has opened.
    await page.waitForFunction(() => document.activeElement?.closest('mat-dialog-container') !== null && document.activeElement?.tagName === 'TEXTAREA');
    await page.keyboard.type(RESEND_REASON);
    await tabTo(page, 'Kirim ulang tautan');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('status').getByText(/^Tautan pembayaran masuk antrean pengiriman \(WhatsApp\)/).waitFor();
    await shot(page, '07a-tagihan-kirim-ulang-tautan');

    await page.getByRole('link', { name: 'Lihat langganan' }).click();
    await page.getByRole('heading', { name: 'Status penagihan' }).waitFor();
    const reloads: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && reloads.push(frame.url()));

    const customer = await world.browser.newPage();
    await customer.goto(payLink);
    await customer.locator('select[name="method"]').selectOption('va');
    await customer.getByRole('button', { name: /^Bayar/ }).click();
    await customer.getByRole('button', { name: 'Bayar penuh' }).click();
    await customer.getByText(/berhasil/).waitFor();
    await customer.close();

    await page.getByTestId('invoice-status').getByText('Lunas').waitFor({ timeout: 30_000 });
    await page.getByTestId('timeline').getByText('Pembayaran', { exact: true }).first().waitFor();
    expect(reloads).toEqual([]);
    await shot(page, '08-langganan-lunas');
  });

  it('isolates and reopens the service, each with a reason', async () => {
    await page.getByRole('button', { name: 'Isolir', exact: true }).click();
    await page.getByRole('dialog').getByText('Layanan internet pelanggan diisolir sekarang').waitFor();
    await shot(page, '09-konfirmasi-isolir');
    await confirmInDialog(page, 'Isolir', SUSPEND_REASON);
    await page.getByTestId('service').getByText('Diisolir').waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Buka isolir' }).click();
    await confirmInDialog(page, 'Buka isolir', UNSUSPEND_REASON);
    await page.getByTestId('service').getByText(/^Aktif/).waitFor({ timeout: 30_000 });
    await page.getByTestId('timeline').getByText(`oleh ${ADMIN.username}`).first().waitFor();
    await shot(page, '10-langganan-isolir-dibuka');
  });

  it('shows the lists with server paging, and the phone layout', async () => {
    for (const [label, name] of [['Langganan', '11-langganan-daftar'], ['Tagihan', '12-tagihan-daftar'], ['Pembayaran', '13-pembayaran-daftar'], ['Paket', '14-paket'], ['Kebijakan Penagihan', '15-kebijakan-penagihan']] as const) {
      await nav(page, label);
      await page.getByRole('heading', { name: label, exact: true }).waitFor();
      await page.getByRole('status', { name: 'Memuat data' }).waitFor({ state: 'detached' });
      await shot(page, name);
    }
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(subscriptionUrl);
    await page.getByRole('heading', { name: 'Status penagihan' }).waitFor();
    await shot(page, '16-langganan-360px');
    await page.getByRole('button', { name: 'Buka menu navigasi' }).click();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Tagihan', exact: true }).click();
    await page.getByRole('heading', { name: 'Tagihan', exact: true }).waitFor();
    await shot(page, '17-tagihan-360px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });

  it('finds the resend and both actions, who and why, in the audit log', async () => {
    const admin = await signIn(ADMIN.username);
    await nav(admin, 'Jejak Audit');
    for (const reason of [RESEND_REASON, SUSPEND_REASON, UNSUSPEND_REASON]) await admin.getByRole('cell', { name: reason }).waitFor();
    await shot(admin, '18-jejak-audit');
    await admin.close();
  });

  it('shows the superadmin\'s screens: users and roles, mitra', async () => {
    const superadmin = await signIn('superadmin', 'Admin123!');
    for (const [label, name] of [['Pengguna & Peran', '19-pengguna'], ['Mitra', '20-mitra']] as const) {
      await nav(superadmin, label);
      await superadmin.getByRole('heading', { name: label, exact: true }).waitFor();
      await superadmin.getByRole('status', { name: 'Memuat data' }).waitFor({ state: 'detached' });
      await shot(superadmin, name);
    }
    await superadmin.close();
  });
});

describe('kasir: a counter payment, then the stale-version path', () => {
  let invoiceId: string;

  beforeAll(async () => {
    const admin = await token(ADMIN.username, PASSWORD);
    const customer = await api<{ id: string }>('POST', '/api/v1/customers', admin, { name: 'Sri Wahyuni', phone: '0813 1122 3344', whatsappConsent: true, emailConsent: false });
    const [pkg] = (await world.db.dataSource.query(`SELECT id FROM packages WHERE name = 'Paket 10 Mbps'`)) as { id: string }[];
    await api('POST', '/api/v1/subscriptions', admin, { customerId: customer.id, packageId: pkg.id, billingDay: 5 }, { 'Idempotency-Key': 'e2e-kasir-subscription' });
    await eventually(async () => {
      const page = await api<{ items: { id: string }[] }>('GET', `/api/v1/invoices?customerId=${customer.id}`, admin);
      invoiceId = page.items[0]?.id;
      return invoiceId !== undefined;
    }, 30_000, 500);
  });

  it('records a part payment in cash from the Kasir tab', async () => {
    const page = await signIn(KASIR.username);
    await nav(page, 'Pembayaran');
    await page.getByRole('tab', { name: 'Kasir' }).click();
    await page.getByLabel('Cari nomor tagihan atau nama pelanggan').fill('Sri Wahyuni');
    const row = page.getByRole('row', { name: /Sri Wahyuni/ });
    await row.waitFor();
    await shot(page, '21-kasir');
    await row.getByRole('button', { name: 'Bayar' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Jumlah diterima (Rp)').fill('50000');
    await shot(page, '22-kasir-bayar');
    await dialog.getByRole('button', { name: 'Simpan pembayaran' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.close();
  });

  it('says "Tagihan sudah berubah, muat ulang" when the invoice changed since it was read, and reload shows the new balance', async () => {
    const page = await signIn(KASIR.username);
    await page.goto(`${world.baseUrl}/tagihan/${invoiceId}`);
    await page.getByRole('button', { name: 'Catat pembayaran' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Jumlah diterima (Rp)').fill('10000');

    // Meanwhile another kasir records 20 000 on the same invoice: its version moves on.
    const kasir = await token(KASIR.username, PASSWORD);
    const current = await api<{ version: number; balance: number }>('GET', `/api/v1/invoices/${invoiceId}`, kasir);
    await api('POST', `/api/v1/invoices/${invoiceId}/payments`, kasir, { version: current.version, amount: 20_000, method: 'cash' }, { 'Idempotency-Key': 'e2e-other-kasir' });

    await dialog.getByRole('button', { name: 'Simpan pembayaran' }).click();
    await dialog.getByText('Tagihan sudah berubah, muat ulang.').waitFor();
    await shot(page, '23-kasir-409');
    await dialog.getByRole('button', { name: 'Muat ulang' }).click();
    await dialog.waitFor({ state: 'detached' });
    const after = await api<{ balance: number }>('GET', `/api/v1/invoices/${invoiceId}`, kasir);
    expect(after.balance).toBe(current.balance - 20_000);
    await page.getByTestId('invoice-balance').getByText(`Rp ${after.balance.toLocaleString('id-ID')}`).waitFor();
    await page.close();
  });
});

describe('mitra user: only its own customers', () => {
  it('lists WiFi Sukamaju customers and finds nobody of another mitra', async () => {
    const page = await signIn('mitra1', 'Mitra123!');
    await nav(page, 'Pelanggan');
    await page.getByRole('link', { name: 'Ahmad Fauzi' }).waitFor();
    const names = await page.locator('td a.row-link').allTextContents();
    expect(names.sort()).toEqual(['Ahmad Fauzi', 'Dewi Lestari']);
    await shot(page, '24-mitra-pelanggan');

    await page.getByLabel('Cari nama, nomor HP, user PPPoE atau nomor pelanggan').fill(CUSTOMER.name);
    await page.getByText('Tidak ada yang cocok').waitFor();
    expect(page.url()).toContain('q=Yanto');
    await page.close();
  });
});

describe('browser console', () => {
  it('logged no error on any screen', () => {
    expect(consoleErrors).toEqual([]);
  });
});
