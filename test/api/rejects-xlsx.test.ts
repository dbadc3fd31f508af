import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRejectsXlsx, xmlSafeText } from '../../src/report/rejects-xlsx.ts';
import { readCsvRows, ROOT, runChukan, tmp } from '../reliability/helpers/run.ts';

/**
 * convert --rejects-xlsx: the rejects as a workbook for Excel users, row for row the rejects CSV,
 * with the original text and the undecodable bytes in hex beside it; nothing a spreadsheet
 * evaluates; opens even when a rejected record holds control characters.
 */
const dirs: string[] = [];
const mk = () => { const d = tmp('chukan-rejx-'); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const DANGEROUS = /^[=+\-@\t\r＝＋－＠]/;

async function rows(path: string): Promise<{ sheets: ExcelJS.Worksheet[]; values: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const values: unknown[][] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => {
    row.eachCell((c) => expect(c.type, `${ws.name}!${c.address} is a formula`).not.toBe(ExcelJS.ValueType.Formula));
    values.push((row.values as unknown[]).slice(1));
  }));
  return { sheets: wb.worksheets, values };
}

describe('convert --rejects-xlsx', () => {
  it('the demo: one workbook per input, the CSV rows with numbers as numbers, hex bytes beside the text; frozen, filtered, printable', async () => {
    const d = mk();
    const r = await runChukan(['convert', '--job', 'samples/demo.job.yaml', '--out', d, '--rejects-xlsx', '--quiet']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(d, 'report.json'), 'utf8'));
    for (const input of ['JUMIN.csv', 'SETAI.csv']) {
      const xlsx = join(d, 'rejects', `${input}.rejects.xlsx`);
      expect(statSync(xlsx).mode & 0o777).toBe(0o600);
      const entry = report.files.find((f: { input: string }) => f.input.endsWith(input));
      expect(entry.rejectsXlsx).toBe(xlsx);
      const csv = await readCsvRows(join(d, 'rejects', `${input}.rejects.csv`));
      const { sheets, values } = await rows(xlsx);
      expect(sheets.map((s) => s.name)).toEqual(['除外レコード Rejects']);
      const ws = sheets[0];
      expect(ws.autoFilter).toBe(`A1:H${csv.length}`);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:1' });
      expect(values[0]).toEqual(['レコード番号 record', '行 line', 'バイト位置 byte offset', 'コード codes', '項目 fields', '理由 reasons', '元のテキスト original text', '読めないバイト（16進） undecodable bytes (hex)']);
      expect(values.length).toBe(csv.length);
      expect(values.length - 1).toBe(entry.rejected);
      for (const [i, row] of csv.slice(1).entries()) {
        const x = values[i + 1];
        expect(Array.from(x.slice(0, 3))).toEqual(row.slice(0, 3).map((v) => (v === '' ? undefined : Number(v))));
        expect(Array.from({ length: 5 }, (_, k) => x[3 + k] ?? '')).toEqual(Array.from({ length: 5 }, (_, k) => (row[3 + k] ?? '').replace(/\r\n?/g, '\n')));
      }
    }
    const { values } = await rows(join(d, 'rejects', 'JUMIN.csv.rejects.xlsx'));
    const bad = values.find((v) => v[3] === 'ENC_INVALID_BYTES')!;
    expect(String(bad[6])).toContain('\uFFFD');
    expect(bad[7]).toMatch(/^byte \d+: [0-9A-F]+(; byte \d+: [0-9A-F]+)*$/);
    const src = readFileSync(join(ROOT, 'samples/vendor-a/JUMIN.csv'));
    for (const [, at, hex] of String(bad[7]).matchAll(/byte (\d+): ([0-9A-F]+)/g)) {
      expect(src.subarray(Number(at), Number(at) + hex.length / 2).toString('hex').toUpperCase()).toBe(hex);
    }
    // --resume takes the units over (their CSVs verified by SHA-256) and renders their workbooks again.
    rmSync(join(d, 'rejects', 'SETAI.csv.rejects.xlsx'));
    const resumed = await runChukan(['convert', '--job', 'samples/demo.job.yaml', '--out', d, '--resume', '--rejects-xlsx', '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(1);
    const rr = JSON.parse(readFileSync(join(d, 'report.json'), 'utf8'));
    expect(rr.files.map((f: { resumed?: boolean; rejectsXlsx?: string }) => [f.resumed, !!f.rejectsXlsx])).toEqual([[true, true], [true, true]]);
    expect(existsSync(join(d, 'rejects', 'SETAI.csv.rejects.xlsx'))).toBe(true);
    // Without the flag, no workbook; and the one an earlier run left beside a rewritten CSV is removed.
    const again = await runChukan(['convert', '--job', 'samples/demo.job.yaml', '--out', d, '--quiet']);
    expect(again.code).toBe(1);
    expect(existsSync(join(d, 'rejects', 'JUMIN.csv.rejects.xlsx'))).toBe(false);
    expect(JSON.parse(readFileSync(join(d, 'report.json'), 'utf8')).files[0].rejectsXlsx).toBeUndefined();
  }, 120_000);

  it('formula-like and control characters: neutralised, shown as control pictures, and the file opens', async () => {
    const d = mk();
    const lines = ['=1+1,山田　花子,x', '-2,山田　次郎,x', '+3,山田　三郎,x', '@SUM(A1),山田　四郎,x', '\t5,山田　五郎,x', '＝6,山田　六郎,x', 'x\u0001\u001f,山田\u0000七郎,\u007f'];
    const input = join(d, 'in.csv');
    writeFileSync(input, '番号,氏名,備考\r\n1,山田　太郎,ok\r\n' + lines.map((l) => l + '\r\n').join(''));
    const r = await runChukan(['convert', '--mapping', 'test/fixtures/bad/mapping.yaml', '--in', input, '--out', join(d, 'out'), '--rejects-xlsx']);
    expect(r.code, r.stderr).toBe(1);
    const { values } = await rows(join(d, 'out/rejects/in.csv.rejects.xlsx'));
    expect(values.length).toBe(1 + lines.length);
    for (const row of values) for (const v of row) if (typeof v === 'string') expect(v).not.toMatch(DANGEROUS);
    expect(values.slice(1, 7).map((v) => v[6])).toEqual(lines.slice(0, 6).map((l) => "'" + l));
    expect(values[7][6]).toBe('x\u2401\u241f,山田\u2400七郎,\u2421');
  }, 60_000);

  it('a job file can ask for it (rejectsXlsx: true); --dry-run with --rejects-xlsx is exit 2', async () => {
    const d = mk();
    mkdirSync(join(d, 'in'));
    copyFileSync(join(ROOT, 'test/fixtures/bad/mapping.yaml'), join(d, 'mapping.yaml'));
    writeFileSync(join(d, 'in/a.csv'), '番号,氏名,備考\r\nx,山田　太郎,\r\n');
    writeFileSync(join(d, 'job.yaml'), 'out: out\nrejectsXlsx: true\nunits:\n  - mapping: mapping.yaml\n    inputs: [in/a.csv]\n');
    const r = await runChukan(['convert', '--job', join(d, 'job.yaml')]);
    expect(r.code, r.stderr).toBe(1);
    expect((await rows(join(d, 'out/rejects/a.csv.rejects.xlsx'))).values).toHaveLength(2);
    writeFileSync(join(d, 'bad.yaml'), 'out: out\nrejectsXlsx: sometimes\nunits:\n  - mapping: mapping.yaml\n    inputs: [in/a.csv]\n');
    const bad = await runChukan(['convert', '--job', join(d, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:2: .*rejectsXlsx/);
    const dry = await runChukan(['convert', '--mapping', join(d, 'mapping.yaml'), '--in', join(d, 'in/a.csv'), '--dry-run', '--rejects-xlsx']);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/--dry-run writes no rejects.*\[E_USAGE\]/);
  }, 60_000);

  it('past the rows a sheet holds, the rows go on in the next sheet; cells past 32,767 characters are cut and say so', async () => {
    const d = mk();
    const csv = join(d, 'x.rejects.csv');
    const long = 'あ'.repeat(40_000);
    writeFileSync(csv, '\uFEFFrecord,line,offset,codes,fields,message,raw,bytes\r\n' + [2, 3, 4, 5, 6].map((n) => `${n},${n},${n * 10},CSV_X,,m,${n === 4 ? long : 'r'},\r\n`).join(''));
    const res = await writeRejectsXlsx(csv, join(d, 'x.rejects.xlsx'), 'x.csv', { maxRowsPerSheet: 3 });
    expect(res).toMatchObject({ rows: 5, sheets: 3 });
    const { sheets, values } = await rows(join(d, 'x.rejects.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual(['除外レコード Rejects', '除外レコード Rejects (2)', '除外レコード Rejects (3)']);
    expect(values.filter((v) => typeof v[0] === 'number').map((v) => v[0])).toEqual([2, 3, 4, 5, 6]);
    const cut = values.find((v) => v[0] === 4)![6] as string;
    expect(cut.length).toBe(32_767);
    expect(cut.endsWith('…（以下省略 truncated）')).toBe(true);
    expect(xmlSafeText('a\u0000b\u000bc\td\ne\uFFFF\uD800')).toBe('a\u2400b\u240bc\td\ne\uFFFD\uFFFD');
  });
});
