/**
 * `npm run bench:pdf`: warm invoice PDFs through the pool (`PdfRenderer`, 2 reused pages) beside the floor — a bare
 * Chromium `page.setContent` + `page.pdf()` of the same HTML on one page kept open, in the same run. Prints p50/p99
 * per PDF and PDFs/s for sequential renders and for the pool under concurrency 2; the goal is pool p50 ≤ 1.5× bare.
 */
import { DEFAULT_RECEIPT_FIELDS, type BillingDocument } from '@lunas/contracts';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH, PdfRenderer, renderBillingDocumentHtml } from '@lunas/documents';
import puppeteer from 'puppeteer-core';

const RUNS = Number(process.env['BENCH_PDF_RUNS'] ?? 100);
const WARMUP = 10;

const document: BillingDocument = {
  kind: 'invoice',
  business: { name: 'WiFi Sukamaju', logoDataUrl: null, address: 'Jl. Raya Sukamaju 1', npwp: '', phone: '6281200000001', bankLine: 'BCA 1234567890 a.n. Sukamaju Net' },
  customer: { name: 'Budi Santoso', phone: '6281234567890', nik: '3201234567890001', address: 'Jl. Melati 5', area: 'WiFi Sukamaju' },
  number: 'INV/2026/03/000123',
  period: '2026-03',
  issuedOn: '2026-02-04',
  dueOn: '2026-02-05',
  lines: [{ description: 'Paket 20 Mbps', amount: 150_000, package: true }],
  discount: 10_000,
  ppn: { base: 140_000, rateBasisPoints: 1_100, amount: 15_400, included: false },
  total: 155_400,
  amountPaid: 0,
  payments: [],
  payLink: 'https://lunas.example/bayar/Qm9vZ2llV29vZ2llQm9vZ2llV29vZ2llQm9vZ2llV29v',
  fields: DEFAULT_RECEIPT_FIELDS,
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function timed(render: () => Promise<unknown>, runs: number): Promise<{ p50: number; p99: number; perSecond: number }> {
  for (let i = 0; i < WARMUP; i++) await render();
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await render();
    times.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), perSecond: (runs / total) * 1000 };
}

async function main(): Promise<void> {
  const html = await renderBillingDocumentHtml(document);
  const browser = await puppeteer.launch({ executablePath: DEFAULT_CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, pipe: true });
  const page = await browser.newPage();
  const bare = await timed(async () => {
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
  }, RUNS);
  await browser.close();

  const pool = new PdfRenderer();
  await pool.warmUp();
  const pooled = await timed(() => pool.render(html), RUNS);
  const withTemplate = await timed(async () => pool.render(await renderBillingDocumentHtml(document)), RUNS);
  const concurrentStart = performance.now();
  await Promise.all(Array.from({ length: 2 }, async () => { for (let i = 0; i < RUNS / 2; i++) await pool.render(html); }));
  const concurrentPerSecond = (RUNS / (performance.now() - concurrentStart)) * 1000;
  await pool.close();

  const row = (name: string, r: { p50: number; p99: number; perSecond: number }) => `| ${name} | ${r.p50.toFixed(0)} ms | ${r.p99.toFixed(0)} ms | ${r.perSecond.toFixed(1)} |`;
  process.stdout.write(
    [
      `PDF benchmark: ${RUNS} invoices each (after ${WARMUP} warm-up), A4, QR included`,
      '| what | p50 | p99 | PDFs/s |',
      '|---|---|---|---|',
      row('bare Chromium page.pdf() (floor)', bare),
      row('pool (PdfRenderer.render)', pooled),
      row('pool incl. HTML + QR generation', withTemplate),
      `| pool, 2 concurrent callers | | | ${concurrentPerSecond.toFixed(1)} |`,
      `ratio pool p50 / bare p50: ${(pooled.p50 / bare.p50).toFixed(2)}× (goal ≤ 1.5×); incl. HTML + QR: ${(withTemplate.p50 / bare.p50).toFixed(2)}×`,
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
