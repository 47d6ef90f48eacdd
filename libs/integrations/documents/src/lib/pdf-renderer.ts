import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Debian's Chromium (apt `chromium`); puppeteer never downloads a browser here. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless Chromium in a container without a GPU, a sandbox or network extras (DEPENDENCIES.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface PdfRendererOptions {
  executablePath?: string;
  /**
   * Pages kept open and reused (default 2: one per core of the 2-core machines Lunas is sized for; each page renders
   * one PDF at a time, further requests wait for a free page).
   */
  pages?: number;
}

/**
 * A warm browser pool: one Chromium with a fixed set of open pages, reused for every PDF (a cold launch costs
 * ~1 s, a warm render ~100–200 ms). Requests beyond the pool wait in order. A crashed browser is relaunched on the
 * next request.
 */
export class PdfRenderer {
  private browser?: Promise<Browser>;
  private idle: Page[] = [];
  private waiting: ((page: Page) => void)[] = [];
  private closed = false;

  constructor(private readonly options: PdfRendererOptions = {}) {}

  /** Launches the browser and opens the pool's pages (optional: the first render does it too). */
  async warmUp(): Promise<void> {
    await this.ensureBrowser();
  }

  /** The A4 PDF of a self-contained HTML page (images as data URLs; nothing is fetched). */
  async render(html: string): Promise<Buffer> {
    const page = await this.acquire();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return Buffer.from(await page.pdf({ format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } }));
    } finally {
      this.release(page);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = undefined;
    this.idle = [];
    if (browser) await (await browser).close().catch(() => undefined);
  }

  private ensureBrowser(): Promise<Browser> {
    if (this.closed) throw new Error('PdfRenderer is closed');
    this.browser ??= (async () => {
      // `pipe`: the protocol runs over the browser's stdio, so Chromium exits with this process even when it is killed.
      const browser = await puppeteer.launch({ executablePath: this.options.executablePath ?? DEFAULT_CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, pipe: true });
      browser.on('disconnected', () => {
        this.browser = undefined;
        this.idle = [];
      });
      const pages = await Promise.all(Array.from({ length: this.options.pages ?? 2 }, () => browser.newPage()));
      for (const page of pages) {
        await page.setJavaScriptEnabled(false);
        this.release(page);
      }
      return browser;
    })();
    return this.browser;
  }

  private async acquire(): Promise<Page> {
    await this.ensureBrowser();
    const page = this.idle.pop();
    if (page) return page;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(page: Page): void {
    if (page.isClosed()) return;
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }
}
