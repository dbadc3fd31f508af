/**
 * The report tests' headless browser: the one the run's globalSetup found (test/setup/global.ts),
 * launched through src/report/headless-browser.ts (JavaScript off, offline, every request blocked
 * and recorded). No browser is a failure naming what is missing, never a skip.
 */
import { inject } from 'vitest';
import { launchHeadlessBrowser, type HeadlessBrowser, type OpenedPage } from '../../src/report/headless-browser.ts';

export type { OpenedPage };

/** Launches the run's browser; throws the globalSetup's reason when there is none. */
export async function launchTestBrowser(): Promise<HeadlessBrowser> {
  const found = inject('headlessBrowser');
  if ('missing' in found) throw new Error(`the report tests need a headless browser: ${found.missing}`);
  return launchHeadlessBrowser({ install: found.install });
}

/** Full-page PNG of a report for a human to look at; returns its path. */
export async function screenshotReport(browser: HeadlessBrowser, html: string, path: string): Promise<string> {
  const r = await browser.open(html);
  try {
    await r.page.screenshot({ path, fullPage: true });
  } finally {
    await r.close();
  }
  return path;
}
