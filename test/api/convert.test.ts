import { readFileSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { compileLayout, loadLayout } from '../../src/layouts/index.ts';
import { getCharset } from '../../src/encoding/index.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const ROOT = resolve(import.meta.dirname, '../..');

const run = (args: string[], cwd = ROOT) => runCli(args, cwd);

function parseCsv(text: string): string[][] {
  // Output rows here hold no quoted newlines except where noted; a tiny RFC 4180 splitter suffices.
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

describe('chukan convert on the bundled demo job', () => {
  let dir: string;
  let result: { code: number; stdout: string; stderr: string };
  let report: any;

  beforeAll(async () => {
    dir = tempDir('chukan-convert-');
    result = await run(['convert', '--job', 'samples/demo.job.yaml', '--out', dir]);
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  });

  it('exits 1 because the sample holds broken records, and says where the report is', () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/report: .*report\.json/);
  });

  it('writes the standard-layout files under catalog names with a header of item names', () => {
    const kojin = compileLayout(loadLayout('juki/kojin'));
    const text = readFileSync(join(dir, 'JUKI_KOJIN.csv'), 'utf8');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(kojin.fields.map((f) => f.title));
    for (const row of rows.slice(1)) expect(row).toHaveLength(kojin.fields.length);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('reconciles every file: read = written + rejected + duplicates, with report.json contract keys', () => {
    expect(report.files).toHaveLength(2);
    for (const f of report.files) {
      expect(f).toMatchObject({ reconciled: true, complete: true });
      for (const k of ['read', 'written', 'rejected', 'duplicates']) expect(typeof f[k]).toBe('number');
      expect(f.read).toBe(f.written + f.rejected + f.duplicates);
      expect(f.read).toBeGreaterThan(100);
    }
    // Output rows = written (header excluded) — the counts describe the bytes on disk.
    const kojinFile = report.files.find((f: any) => f.layout === 'juki/kojin');
    const rows = parseCsv(readFileSync(join(dir, 'JUKI_KOJIN.csv'), 'utf8'));
    expect(rows.length - 1).toBe(kojinFile.written);
    expect(report.totals.read).toBe(report.files.reduce((n: number, f: any) => n + f.read, 0));
  });

  it('rejects each broken record with its reason, and lists it in the rejects file', () => {
    const kojinFile = report.files.find((f: any) => f.layout === 'juki/kojin');
    for (const code of ['ENC_INVALID_BYTES', 'CSV_TOO_FEW_FIELDS', 'CSV_TOO_MANY_FIELDS', 'CSV_UNCLOSED_QUOTE', 'TX_WAREKI_OUTSIDE_ERA', 'TX_CODE_UNKNOWN', 'LAYOUT_TOO_LONG']) {
      expect(kojinFile.findings[code], code).toBeGreaterThan(0);
    }
    const rejects = readFileSync(join(dir, 'rejects', 'JUMIN.csv.rejects.csv'), 'utf8');
    expect(rejects.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(rejects.slice(1));
    expect(rows[0]).toEqual(['record', 'line', 'offset', 'codes', 'fields', 'message', 'raw', 'bytes']);
    expect(rows.length - 1).toBe(kojinFile.rejected);
    let withBytes = 0;
    for (const r of rows.slice(1)) {
      expect(Number(r[0])).toBeGreaterThan(1);
      expect(r[3]).toMatch(/^[A-Z_;]+$/);
      expect(r[5].length).toBeGreaterThan(0);
      // Undecodable bytes: U+FFFD in the text, the bytes themselves in hex at their offsets beside it.
      if (r[3].includes('ENC_INVALID_BYTES')) {
        withBytes++;
        expect(r[6]).toContain('\uFFFD');
        const src = readFileSync(join(ROOT, 'samples/vendor-a/JUMIN.csv'));
        const places = r[7].split('; ').map((p) => /^byte (\d+): ([0-9A-F]+)$/.exec(p)!);
        expect(places.length).toBeGreaterThan(0);
        for (const [, at, hex] of places) expect(src.subarray(Number(at), Number(at) + hex.length / 2).toString('hex').toUpperCase()).toBe(hex);
      } else {
        expect(r[7]).toBe('');
      }
    }
    expect(withBytes).toBeGreaterThan(0);
  });

  it('creates every file that holds values with mode 0600 and leaves no temp files', () => {
    for (const f of ['JUKI_KOJIN.csv', 'JUKI_SETAI.csv', 'report.json', 'rejects/JUMIN.csv.rejects.csv']) {
      expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
    }
    const all = [...readdirSync(dir), ...readdirSync(join(dir, 'rejects'))];
    expect(all.filter((n) => n.includes('chukan-tmp'))).toEqual([]);
  });

  it('masks samples in report.json', () => {
    const withSample = report.findings.samples.filter((s: any) => s.sample !== undefined);
    expect(withSample.length).toBeGreaterThan(0);
    for (const s of withSample) expect(s.sample).toMatch(/[*＊]/);
  });

  it('produces output that `chukan validate` accepts against the same layout', async () => {
    const v = await run(['validate', '--layout', 'juki/kojin', join(dir, 'JUKI_KOJIN.csv')]);
    expect(v.stdout).toContain('OK: every record fits the layout');
    expect(v.code).toBe(0);
  });
});

describe('chukan validate', () => {
  it('finds a record that breaks the layout, with file, record, line and field', async () => {
    const dir = tempDir('chukan-validate-');
    await run(['convert', '--job', 'samples/demo.job.yaml', '--out', dir]);
    const text = readFileSync(join(dir, 'JUKI_SETAI.csv'), 'utf8');
    const lines = text.split('\r\n');
    const cells = lines[3].split(',');
    cells[10] = '12345'; // 郵便番号 must be 7 digits
    lines[3] = cells.join(',');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, lines.join('\r\n'));
    const v = await run(['validate', '--layout', 'juki/setai', bad]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/bad\.csv, record 4, line 4, byte \d+: field yubinNo: .*\[LAYOUT_/);
  });
});

describe('masking of 個人番号 (特定個人情報)', () => {
  it('a wrong 個人番号 is reported with every digit masked, other fields by the general rule', async () => {
    const dir = tempDir('chukan-mynumber-');
    await run(['convert', '--job', 'samples/demo.job.yaml', '--out', dir]);
    const layout = compileLayout(loadLayout('juki/kojin'));
    const idx = layout.fields.findIndex((f) => f.id === 'kojinNo');
    const nameIdx = layout.fields.findIndex((f) => f.id === 'shimei');
    const lines = readFileSync(join(dir, 'JUKI_KOJIN.csv'), 'utf8').split('\r\n');
    const cells = lines[1].split(',');
    cells[idx] = '123456789012'; // 12 digits, wrong check digit
    cells[nameIdx] = '山田' + 'あ'.repeat(60); // too long
    lines[1] = cells.join(',');
    writeFileSync(join(dir, 'bad.csv'), lines.join('\r\n'));
    const r = await run(['validate', '--layout', 'juki/kojin', join(dir, 'bad.csv'), '--out', join(dir, 'v')]);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'v', 'report.json'), 'utf8'));
    const my = report.findings.samples.find((s: any) => s.field === 'kojinNo');
    expect(my.code).toBe('LAYOUT_CHECK_DIGIT');
    expect(my.sample).toBe('************');
    const name = report.findings.samples.find((s: any) => s.field === 'shimei');
    expect(name.sample).toBe('山' + '＊'.repeat(61));
    expect(JSON.stringify(report)).not.toContain('123456789012');
  });
});

describe('CP932 output', () => {
  it('rejects a record holding a character CP932 cannot hold, naming the field — never a "?"', async () => {
    const dir = tempDir('chukan-cp932-');
    const demo = tempDir('chukan-demo-');
    await run(['convert', '--job', 'samples/demo.job.yaml', '--out', demo]);
    const layout = compileLayout(loadLayout('juki/setai'));
    const cp932 = getCharset('cp932');
    // Rows the demo resolved to IVS sequences (辻󠄀) cannot be CP932 either: keep the plain ones only.
    const src = readFileSync(join(demo, 'JUKI_SETAI.csv'), 'utf8').split('\r\n')
      .filter((row) => cp932.encode(row).unrepresentable.length === 0);
    const cells = src[2].split(',');
    const nameIdx = layout.fields.findIndex((f) => f.id === 'setainushiShimei');
    cells[nameIdx] = '\u{20B9F}田　花子'; // 𠮟 is not in CP932
    src[2] = cells.join(',');
    writeFileSync(join(dir, 'in.csv'), src.join('\r\n'));
    const mapping = [
      'layout: juki/setai',
      'source: { format: csv, charset: utf-8, header: true }',
      'output: { charset: cp932 }',
      'fields:',
      ...layout.fields.map((f) => `  ${f.id}: { from: "${f.title}" }`),
    ].join('\n');
    writeFileSync(join(dir, 'm.yaml'), mapping);
    const r = await run(['convert', '--mapping', 'm.yaml', '--in', 'in.csv', '--out', 'out'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'));
    expect(report.files[0].findings.OUT_UNREPRESENTABLE).toBe(1);
    expect(report.files[0].rejected).toBe(1);
    const sample = report.findings.samples.find((s: any) => s.code === 'OUT_UNREPRESENTABLE');
    expect(sample.field).toBe('setainushiShimei');
    expect(sample.record).toBe(3);
    const bytes = readFileSync(join(dir, 'out', 'JUKI_SETAI.csv'));
    expect(bytes.includes(0x3f)).toBe(false); // no '?' substituted anywhere
    const decoded = getCharset('cp932').decode(bytes);
    expect(decoded.split('\r\n').length - 2).toBe(report.files[0].written);
  });
});

describe('bad invocations: one clear line, exit 2', () => {
  it.each([
    ['missing input', ['convert', '--mapping', 'mappings/vendor-a/juki-kojin.yaml', '--in', 'no/such.csv', '--out', join(tmpdir(), 'chukan-x')], /cannot read input .*no\/such\.csv.*\[E_INPUT_NOT_FOUND\]/],
    ['unreadable mapping', ['convert', '--mapping', 'no/such.yaml', '--in', 'samples/vendor-a/JUMIN.csv', '--out', join(tmpdir(), 'chukan-x')], /no\/such\.yaml.*\[E_/],
    ['no mapping', ['convert', '--in', 'samples/vendor-a/JUMIN.csv', '--out', join(tmpdir(), 'chukan-x')], /--mapping.*\[E_USAGE\]/],
    ['unknown option', ['convert', '--bogus'], /bogus.*\[E_USAGE\]/],
    ['unknown layout', ['validate', '--layout', 'nope/nothing', 'samples/vendor-a/JUMIN.csv'], /nope\/nothing.*\[E_LAYOUT\]/],
    ['unknown command', ['frobnicate'], /unknown command.*\[E_USAGE\]/],
  ])('%s', async (_name, args, pattern) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('unknown layout in a mapping', async () => {
    const dir = tempDir('chukan-badlayout-');
    writeFileSync(join(dir, 'm.yaml'), 'layout: nope/nothing\nsource: { format: csv, charset: utf-8 }\nfields:\n  a: { from: 1 }\n');
    writeFileSync(join(dir, 'in.csv'), 'a\r\n1\r\n');
    const r = await run(['convert', '--mapping', 'm.yaml', '--in', 'in.csv', '--out', 'o'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nope\/nothing/);
  });

  it('output directory not writable', async () => {
    const dir = tempDir('chukan-notdir-');
    writeFileSync(join(dir, 'file'), 'x');
    const r = await run(['convert', '--mapping', 'mappings/vendor-a/juki-kojin.yaml', '--in', 'samples/vendor-a/JUMIN.csv', '--out', join(dir, 'file', 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write output .*\[E_OUTPUT_NOT_WRITABLE\]/);
    expect(existsSync(join(dir, 'file', 'out'))).toBe(false);
  });
});

describe('--schemas: layouts imported from a 項目定義書 drive convert and validate', () => {
  it('export juki → import into DIR → validate and convert with --schemas DIR', async () => {
    const dir = tempDir('chukan-schemas-');
    expect((await run(['layouts', 'export', 'juki', '--format', 'xlsx', '--out', join(dir, 'juki.xlsx')])).code).toBe(0);
    expect((await run(['layouts', 'import', join(dir, 'juki.xlsx'), '--out', join(dir, 'schemas'), '--domain', 'juki'])).code).toBe(0);
    const conv = await run(['convert', '--schemas', join(dir, 'schemas'), '--mapping', 'mappings/vendor-a/juki-kojin.yaml', '--in', 'samples/vendor-a/JUMIN.csv', '--out', join(dir, 'out')]);
    expect(conv.code).toBe(1); // the sample's broken records
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'));
    expect(report.files[0].written).toBeGreaterThan(300);
    const v = await run(['validate', '--schemas', join(dir, 'schemas'), '--layout', 'juki/kojin', join(dir, 'out', 'JUKI_KOJIN.csv')]);
    expect(v.stdout).toContain('OK: every record fits the layout');
    expect(v.code).toBe(0);
    const missing = await run(['validate', '--schemas', join(dir, 'schemas'), '--layout', 'kokuho/hihokensha', join(dir, 'out', 'JUKI_KOJIN.csv')]);
    expect(missing.code).toBe(2); // only juki was imported
  });
});
