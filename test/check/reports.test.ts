import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, type CheckResult } from '../../src/api/check.ts';
import { makeManifest } from '../../src/api/manifest.ts';
import type { HeadlessBrowser } from '../../src/report/headless-browser.ts';
import { checkJapaneseGlyphs } from '../../src/report/headless-browser.ts';
import { launchTestBrowser, screenshotReport } from './browser.ts';
import { FILES, SMALL, generateDelivery, makeTestSchemas, tempRoot, writeDelivery } from './delivery.ts';

/** Where review screenshots are kept (CHUKAN_SCREENSHOT_DIR); without it they go to the test's temp folder and are removed with it. */
const SCREENSHOT_DIR = process.env.CHUKAN_SCREENSHOT_DIR;

let root: string;
let browser: HeadlessBrowser | undefined;
let faulty: CheckResult;
let clean: CheckResult;

beforeAll(async () => {
  root = tempRoot();
  const schemasDir = makeTestSchemas(root);
  const gen = generateDelivery(schemasDir, SMALL, 11);
  const c = writeDelivery(gen, join(root, 'clean'));
  await makeManifest({ dir: c.dir, schemasDir });
  clean = await check({ dir: c.dir, schemasDir, out: join(root, 'clean-check') });
  const rows = new Map([...gen.rows].map(([k, v]) => [k, v.map((r) => [...r])]));
  const kojin = rows.get('juki/kojin')!;
  const L = gen.layouts.get('juki/kojin')!;
  for (let i = 0; i < 30; i++) kojin[i][L.fieldIndex.get('seibetsu')!] = '9';
  kojin[3][L.fieldIndex.get('shimei')!] = '山\uE001太郎';
  rows.get('juki/setai')!.push([...rows.get('juki/setai')![0]]);
  const f = writeDelivery({ ...gen, rows }, join(root, 'faulty'));
  rmSync(join(f.dir, FILES['kokuho/kyufu']));
  faulty = await check({ dir: f.dir, schemasDir, out: join(root, 'faulty-check'), maxSamples: 5 });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

/** The run's browser, launched on first use by this file (a launch failure fails the test that needs it). */
async function theBrowser(): Promise<HeadlessBrowser> {
  browser ??= await launchTestBrowser();
  return browser;
}

describe('report.html in headless Chromium (offline, JavaScript off)', () => {
  it('renders without a single network request, with the verdict and a table per 業務 and file', async () => {
    const html = readFileSync(faulty.written!.html, 'utf8');
    const r = await (await theBrowser()).open(html);
    try {
      expect(r.attempted).toEqual([]);
      const verdict = await r.page.locator('#verdict .label').innerText();
      expect(verdict).toContain('要是正');
      expect(await r.page.locator('#verdict .label').getAttribute('data-verdict')).toBe('fix');
      // One table per 業務 under "files", one row per file of that 業務.
      for (const d of faulty.report.domains) {
        const h3 = r.page.locator('h3', { hasText: d.name }).first();
        await expect(h3.isVisible()).resolves.toBe(true);
        const table = h3.locator('xpath=following-sibling::table[1]');
        expect(await table.locator('tbody tr').count()).toBe(d.files.length);
        for (const f of d.files) expect(await table.innerText()).toContain(f.fileName);
      }
      const requests = await r.page.locator('#requests + ol li').count();
      expect(requests).toBe(faulty.report.vendorRequests.length);
      expect(await r.page.locator('svg.chart').count()).toBe(2);
      const text = await r.page.locator('body').innerText();
      expect(text).toContain('ベンダーへの是正依頼事項');
      expect(text).not.toContain('山\uE001太郎');
      // Rendered width stays within a normal screen (nothing forces horizontal scrolling).
      const width = await r.page.evaluate(() => document.documentElement.scrollWidth).catch(() => undefined);
      if (width !== undefined) expect(width).toBeLessThanOrEqual(1400);
    } finally {
      await r.close();
    }
  }, 60_000);

  it('draws its Japanese text in a Japanese font, not as tofu', async () => {
    const r = await (await theBrowser()).open(readFileSync(faulty.written!.html, 'utf8'));
    try {
      for (const selector of ['h1', '#verdict .label', 'h2#requests', 'h3']) {
        const g = await checkJapaneseGlyphs(r.page, selector);
        expect(g.characters, selector).toBeGreaterThan(2);
        const fonts = `${selector} in ${g.font} was drawn with ${g.families.join(', ') || 'no font'}`;
        expect(g.tofu, `${fonts}: no glyph for ${g.tofu.join('')} (is a Japanese font installed? npm ci installs @expo-google-fonts/noto-sans-jp)`).toEqual([]);
      }
    } finally {
      await r.close();
    }
  }, 60_000);

  it('shows 受入可 for a clean delivery', async () => {
    const r = await (await theBrowser()).open(readFileSync(clean.written!.html, 'utf8'));
    try {
      expect(r.attempted).toEqual([]);
      expect(await r.page.locator('#verdict .label').innerText()).toContain('受入可');
    } finally {
      await r.close();
    }
  }, 60_000);

  it('is one self-contained file: no script, no external reference', () => {
    const html = readFileSync(faulty.written!.html, 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
  });

  it('produces screenshots for review', async () => {
    const dir = SCREENSHOT_DIR ?? join(root, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const b0 = await theBrowser();
    const a = await screenshotReport(b0, readFileSync(faulty.written!.html, 'utf8'), join(dir, 'check-report-fix.png'));
    const b = await screenshotReport(b0, readFileSync(clean.written!.html, 'utf8'), join(dir, 'check-report-accept.png'));
    for (const p of [a, b]) expect(readFileSync(p).subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);
});

describe('report.xlsx', () => {
  it('opens with exceljs and holds the same totals as report.json', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(faulty.written!.xlsx);
    const json = JSON.parse(readFileSync(faulty.written!.json, 'utf8'));
    const summary = wb.getWorksheet('概要 Summary')!;
    const kv = new Map<string, unknown>();
    summary.eachRow((row) => kv.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(kv.get('レコード数 records')).toBe(json.totals.records);
    expect(kv.get('エラー errors')).toBe(json.totals.errors);
    expect(kv.get('警告 warnings')).toBe(json.totals.warnings);
    expect(kv.get('検出事項 findings')).toBe(json.totals.findings);
    expect(String(kv.get('判定 verdict'))).toContain('要是正');
    const byCode = wb.getWorksheet('検出コード By code')!;
    const counts: Record<string, number> = {};
    byCode.eachRow((row, i) => { if (i > 1) counts[String(row.getCell(1).value)] = Number(row.getCell(6).value); });
    expect(counts).toEqual(Object.fromEntries(Object.entries(json.findings.byCode).map(([c, t]) => [c, (t as { count: number }).count])));
    // True totals even though samples are capped at 5 per code.
    expect(counts.LAYOUT_CODE_UNKNOWN).toBe(30);
    expect(json.findings.byCode.LAYOUT_CODE_UNKNOWN.truncated).toBe(true);
    const files = wb.getWorksheet('ファイル Files')!;
    expect(files.rowCount - 1).toBe(json.totals.files);
    const samples = wb.getWorksheet('例示 Samples')!;
    expect(samples.rowCount - 1).toBe(json.findings.samples.length);
  });
});
