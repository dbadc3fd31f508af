/**
 * Real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) for checking
 * report.html: JavaScript off, offline, every request blocked and recorded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHUKAN_CHROMIUM ?? '/usr/bin/chromium';

export interface OpenedReport {
  page: Page;
  /** URLs the page tried to fetch (all were blocked). */
  attempted: string[];
  close(): Promise<void>;
}

export async function openReportHtml(html: string): Promise<OpenedReport> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'chukan-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    offline: true,
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
    locale: 'ja-JP',
  });
  const attempted: string[] = [];
  await context.route('**/*', (route) => {
    attempted.push(route.request().url());
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (r) => { if (!attempted.includes(r.url())) attempted.push(r.url()); });
  await page.setContent(html, { waitUntil: 'load' });
  return {
    page,
    attempted,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Full-page PNG of a report for a human to look at; returns its path. */
export async function screenshotReport(html: string, path: string): Promise<string> {
  const r = await openReportHtml(html);
  try {
    await r.page.screenshot({ path, fullPage: true });
  } finally {
    await r.close();
  }
  return path;
}

export type { Browser };
