import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCheckHtml } from '../../src/report/check-html.ts';
import type { CheckReport } from '../../src/report/check-report.ts';
import { runChukan, tmp } from '../reliability/helpers/run.ts';

/**
 * The 検収 document without a browser: the demo delivery converted, its manifest made with 納品者
 * and 納品日, checked by the CLI in a process whose TZ is UTC. (The real-browser PDF test is in
 * pdf.test.ts.)
 */
let dir: string;
let report: CheckReport;
let html: string;

/** `2026-12-08 05:30:08` for an instant, by arithmetic on UTC (not through chukan's own formatter). */
function jstClock(iso: string): string {
  return new Date(Date.parse(iso) + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

beforeAll(async () => {
  dir = tmp('chukan-print-');
  const conv = await runChukan(['convert', '--job', 'samples/demo.job.yaml', '--out', join(dir, 'demo'), '--quiet']);
  expect(conv.code, conv.stderr).toBe(1);
  const man = await runChukan(['manifest', join(dir, 'demo'), '--vendor', '架空システム株式会社 & 協力会社', '--delivered-on', '2026-12-07']);
  expect(man.code, man.stderr).toBe(0);
  const chk = await runChukan(['check', join(dir, 'demo'), '--out', join(dir, 'check')], { env: { TZ: 'UTC' } });
  expect(chk.code, chk.stderr).toBe(1);
  report = JSON.parse(readFileSync(join(dir, 'check/report.json'), 'utf8'));
  html = readFileSync(join(dir, 'check/report.html'), 'utf8');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('times in Japan time whatever TZ the machine has', () => {
  it('report.json: ISO 8601 with +09:00 and timeZone Asia/Tokyo, under TZ=UTC', () => {
    expect(report.timeZone).toBe('Asia/Tokyo');
    expect(report.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+09:00$/);
    expect(report.startedAt).toMatch(/\+09:00$/);
    expect(report.ok).toBe(false);
    expect(report.verdict).toBe('fix');
  });

  it('report.html under TZ=UTC shows the check time in JST with its offset, on the cover and in the footer', () => {
    const jst = `${jstClock(report.finishedAt)} JST (+09:00)`;
    const cover = html.slice(html.indexOf('id="cover"'), html.indexOf('id="signoff"'));
    expect(cover).toContain(`<tr data-fact="checkedAt"><th>検査日時<span class="en">checked at</span></th><td>${jst}</td></tr>`);
    // The page footer (CSS) names the minute in JST too.
    expect(html).toContain(jst.slice(0, 16));
    // No UTC form of the time anywhere.
    expect(html).not.toContain(new Date(report.finishedAt).toISOString());
    expect(html).not.toContain(new Date(report.finishedAt).toISOString().slice(0, 16).replace('T', ' '));
  });

  it('--tz chooses another zone; an unknown one is exit 2', async () => {
    const r = await runChukan(['check', join(dir, 'demo'), '--out', join(dir, 'check-utc'), '--tz', 'UTC']);
    expect(r.code, r.stderr).toBe(1);
    const utc = JSON.parse(readFileSync(join(dir, 'check-utc/report.json'), 'utf8'));
    expect(utc.timeZone).toBe('UTC');
    expect(utc.finishedAt).toMatch(/\+00:00$/);
    expect(readFileSync(join(dir, 'check-utc/report.html'), 'utf8')).toContain(`${new Date(utc.finishedAt).toISOString().slice(0, 19).replace('T', ' ')} UTC (+00:00)`);
    expect(r.stdout).toMatch(/検査日時 checked at: .* UTC \(\+00:00\)/);
    const bad = await runChukan(['check', join(dir, 'demo'), '--out', join(dir, 'check-bad'), '--tz', 'Mars/Olympus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--tz "Mars\/Olympus" is not a time zone.*\[E_USAGE\]/);
  });
});

describe('report.html for print', () => {
  it('A4 portrait with margins, "n / N" in the footer, headers repeated, no row cut', () => {
    expect(html).toMatch(/@page\{size:A4 portrait;margin:[^;]+;/);
    expect(html).toContain('@bottom-center{content:counter(page) " / " counter(pages)');
    expect(html).toMatch(/@media print\{[^]*thead\{display:table-header-group\}/);
    expect(html).toMatch(/@media print\{[^]*tr,li,[^{]*\{break-inside:avoid\}/);
    expect(html).toMatch(/@media print\{[^]*\.cover\{[^}]*break-after:page/);
  });

  it('the cover: 業務 and files, 納品者 and 納品日 from the manifest, 検査日時, versions, verdict; the 検収欄 boxes', () => {
    const fact = (k: string) => new RegExp(`<tr data-fact="${k}"><th>[^]*?</th><td>([^<]*)</td></tr>`).exec(html)?.[1];
    expect(fact('vendor')).toBe('架空システム株式会社 &amp; 協力会社');
    expect(fact('deliveredOn')).toBe('2026-12-07');
    expect(fact('domains')).toBe('住民基本台帳 (juki) 2 / 3');
    expect(fact('files')).toBe(`2 / 3（レコード ${report.totals.records} 件 records）`);
    expect(fact('chukan')).toBe(`${report.version}（chukan-check-report/2）`);
    expect(fact('catalog')).toBe(`${report.delivery.catalog.id} ${report.delivery.catalog.version}`);
    expect(fact('verdict')).toMatch(/^要是正 \/ Corrections required/);
    const signoff = html.slice(html.indexOf('id="signoff"'), html.indexOf('</section>', html.indexOf('id="signoff"')));
    expect([...signoff.matchAll(/<th[^>]*>([^<]+)<span class="en">/g)].map((m) => m[1])).toEqual(['検収者', '所属', '検収日', '印']);
    expect([...signoff.matchAll(/data-signoff="(\w+)"[^>]*><\/td>/g)].map((m) => m[1])).toEqual(['acceptedBy', 'department', 'acceptedOn', 'seal']);
    // Japanese first, English second.
    expect(html.indexOf('検収欄')).toBeLessThan(html.indexOf('Acceptance'));
  });

  it('without 納品者/納品日 in the manifest the cover says so', () => {
    const bare = renderCheckHtml({ ...report, delivery: { ...report.delivery, manifest: { ...report.delivery.manifest!, vendor: undefined, deliveredOn: undefined } } });
    expect(bare).toMatch(/<tr data-fact="vendor"><th>[^]*?<\/th><td class="not-given">（納品目録に記載なし/);
  });

  it('a delivery name cannot break out of the page-footer CSS string', () => {
    const evil = renderCheckHtml({ ...report, delivery: { ...report.delivery, name: 'x"}</style><script>alert(1)</script>\\' } });
    const style = evil.slice(evil.indexOf('<style>'), evil.indexOf('</style>') + 8);
    expect(style.match(/<\/style>/g)).toHaveLength(1);
    expect(evil).not.toContain('<script');
    expect(style).toContain('@bottom-left{content:"納品データ検査報告書 x\\22 \\7d \\3c \\2f style\\3e ');
  });
});

describe('report.xlsx for print', () => {
  it('表紙 first with the cover facts and the 検収欄; every list sheet filtered, frozen, A4 one page wide, header row printed on every page', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'check/report.xlsx'));
    const [cover, ...lists] = wb.worksheets;
    expect(cover.name).toBe('表紙 Cover');
    const texts: string[] = [];
    cover.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') texts.push(c.value); }));
    expect(texts).toContain('中間標準レイアウト 納品データ検査報告書');
    expect(texts).toContain('架空システム株式会社 & 協力会社');
    expect(texts).toContain('2026-12-07');
    expect(texts).toContain(`${jstClock(report.finishedAt)} JST (+09:00)`);
    for (const l of ['検収者 accepted by', '所属 department', '検収日 date', '印 seal']) expect(texts).toContain(l);
    expect(cover.pageSetup.paperSize).toBe(9);
    expect(cover.pageSetup.fitToWidth).toBe(1);
    expect(lists.map((s) => s.name)).toEqual(['概要 Summary', 'ファイル Files', '検出コード By code', '項目別 By field', '是正依頼 Requests', '例示 Samples', '文字 Characters']);
    for (const ws of lists) {
      expect(ws.autoFilter, ws.name).toMatch(/^A1:[A-Z]+\d+$/);
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.pageSetup.printTitlesRow, ws.name).toBe('1:1');
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.headerFooter.oddFooter, ws.name).toContain('&P / &N');
    }
    // Enumerations read in Japanese first.
    const col = (ws: ExcelJS.Worksheet, header: string) => {
      let at = 0;
      ws.getRow(1).eachCell((c, i) => { if (c.value === header) at = i; });
      const out: unknown[] = [];
      ws.eachRow((row, i) => { if (i > 1) out.push(row.getCell(at).value); });
      return out;
    };
    expect(new Set(col(wb.getWorksheet('検出コード By code')!, '重要度 severity'))).toEqual(new Set(['エラー error']));
    expect(col(wb.getWorksheet('ファイル Files')!, '状態 status')).toEqual(['検査済 checked', '検査済 checked', 'なし missing']);
  });
});
