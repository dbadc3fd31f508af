import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../src/core/spreadsheet-safe.ts';
import { readCsvRows, ROOT, runChukan, tmp } from './helpers/run.ts';

/**
 * Files people open in Excel (rejects CSV, 外字 templates, check report xlsx) never hold a cell
 * that a spreadsheet evaluates (= + - @ TAB CR, and full-width ＝ ＋ － ＠); standard-layout outputs
 * are never altered.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const DANGEROUS = /^[=+\-@\t\r＝＋－＠]/;
const BAD = join(ROOT, 'test/fixtures/bad');
const dirs: string[] = [];
const mk = () => { const d = tmp(); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function xlsxCells(path: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => {
    expect(c.type, `${ws.name}!${c.address} is a formula`).not.toBe(ExcelJS.ValueType.Formula);
    if (typeof c.value === 'string') cells.push(c.value);
  })));
  return cells;
}

describe('spreadsheet safety', () => {
  it('neutraliseFormula: a cell starting with = + - @ TAB CR (or full-width ＝＋－＠) gets an apostrophe; nothing else changes', () => {
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠', "'", 'a', '山'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 8 }), (s) => {
      const n = neutraliseFormula(s);
      if (DANGEROUS.test(s)) expect(n).toBe("'" + s);
      else expect(n).toBe(s);
      expect(n).not.toMatch(DANGEROUS);
    }), { numRuns: RUNS });
  });

  it('convert: =1+1 valid for its field reaches the output unchanged; rejected records holding formulas are neutralised in the rejects file', async () => {
    const d = mk();
    const lines = ['1,山田　太郎,=1+1', '=1+1,山田　花子,x', '-2,山田　次郎,x', '+3,山田　三郎,x', '@SUM(A1),山田　四郎,x', '\t5,山田　五郎,x', '＝6,山田　六郎,x', '7,山田　七郎,=HYPERLINK("http://example.invalid")'];
    const input = join(d, 'in.csv');
    writeFileSync(input, '番号,氏名,備考\r\n' + lines.map((l) => l + '\r\n').join(''));
    const r = await runChukan(['convert', '--mapping', join(BAD, 'mapping.yaml'), '--in', input, '--out', join(d, 'out')]);
    expect(r.code, r.stderr).toBe(1);
    const out = await readCsvRows(join(d, 'out/JUKI_KOJIN.csv'));
    const biko = out[0].indexOf('備考');
    expect(out.slice(1).map((row) => row[biko])).toEqual(['=1+1', '=HYPERLINK("http://example.invalid")']);
    const rejects = await readCsvRows(join(d, 'out/rejects/in.csv.rejects.csv'));
    const rawCol = rejects[0].indexOf('raw');
    expect(rejects.slice(1).map((row) => row[rawCol])).toEqual(lines.slice(1, 7).map((l) => "'" + l));
    for (const row of rejects) for (const cell of row) expect(cell).not.toMatch(DANGEROUS);
  }, 60_000);

  it('gaiji scan: the 外字対応表 template (CSV and xlsx) holds no formula-like cell', async () => {
    const d = mk();
    const input = join(d, 'gaiji.csv');
    writeFileSync(input, '番号,=HYPERLINK("x"),-備考\r\n1,\uE000太郎,@\uE001\r\n2,＝\uE002,+\uE003\r\n');
    const { gaijiScan } = await import('../../src/api/gaiji-scan.ts');
    const res = await gaijiScan({ files: [input], from: 'utf-8', header: true, templateOut: join(d, 'tpl') });
    expect(res.entries.length).toBe(4);
    const csvCells = (await readCsvRows(res.template!.csv)).flat();
    expect(csvCells.some((c) => c.includes('HYPERLINK'))).toBe(true);
    for (const c of csvCells) expect(c).not.toMatch(DANGEROUS);
    const xlsx = await xlsxCells(res.template!.xlsx);
    expect(xlsx.some((c) => c.includes('HYPERLINK'))).toBe(true);
    for (const c of xlsx) expect(c).not.toMatch(DANGEROUS);
    for (const f of [res.template!.csv, res.template!.xlsx]) expect((statSync(f).mode & 0o777).toString(8), f).toBe('600');
  }, 60_000);

  it('check: report.xlsx (masked samples of formula-like values included) holds no formula-like cell', async () => {
    const d = mk();
    const delivery = join(d, 'delivery');
    mkdirSync(delivery);
    const demo = mk();
    const c = await runChukan(['convert', '--job', 'samples/demo.job.yaml', '--out', demo]);
    expect(c.code, c.stderr).toBe(1);
    // The demo's standard-layout file with formula-like values planted in 氏名 (invalid: not 全角).
    const text = readFileSync(join(demo, 'JUKI_KOJIN.csv'), 'utf8').split('\r\n');
    for (let i = 1; i <= 4; i++) {
      const f = text[i].split(',');
      f[3] = ['=1+1', '+SUM(A1)', '-1', '@x'][i - 1];
      text[i] = f.join(',');
    }
    writeFileSync(join(delivery, 'JUKI_KOJIN.csv'), text.join('\r\n'));
    const r = await runChukan(['check', delivery, '--out', join(d, 'report')]);
    expect([1], r.stderr).toContain(r.code);
    const report = JSON.parse(readFileSync(join(d, 'report/report.json'), 'utf8'));
    expect(JSON.stringify(report)).toMatch(/"[=+\-@][*＊]+"/);
    const cells = await xlsxCells(join(d, 'report/report.xlsx'));
    expect(cells.some((x) => /^'[=+\-@]/.test(x))).toBe(true);
    for (const x of cells) expect(x).not.toMatch(DANGEROUS);
    for (const f of readdirSync(join(d, 'report'))) expect((statSync(join(d, 'report', f)).mode & 0o777).toString(8), f).toBe('600');
  }, 120_000);
});
