/**
 * The whole package, as 住民記録システム標準仕様書 第1.0版 10.6 names it: 移行ファイル構成表, 移行ファイル関連図,
 * データ項目一覧表 (one sheet per file), コード構成表 and コード一覧 — built here with exceljs to the
 * structure docs/LAYOUTS.md describes (no official workbook is public). Import gives layouts with
 * their code lists and a file inventory; `check` on a delivery then reports a missing file, a code
 * not in コード一覧 and a broken key relation, each by the imported definitions; import → export →
 * import is a fixed point (xlsx and the CSV folder form).
 */
import { describe, it, expect } from 'vitest';
import { mkdirSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { loadLayout, compileLayout, loadCatalog } from '../../src/layouts/index.ts';
import { importLayouts, exportLayouts, exportPackageCsvFiles } from '../../src/api/layouts.ts';
import { check } from '../../src/api/check.ts';
import { makeManifest } from '../../src/api/manifest.ts';
import { samplesOf } from '../../src/report/check-report.ts';
import { main } from '../../src/cli/main.ts';
import { tempDir } from '../helpers/temp.ts';

function tmp(): string {
  return tempDir('chukan-package-');
}

/** A 住基-like package: two item sheets in the official shape (項番, 項目名, データ型, 桁数, 必須, 備考; no ids, no code column). */
async function packageBook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表紙').getCell('A1').value = '中間標準レイアウト仕様 住民基本台帳 (テスト用)';
  const files = wb.addWorksheet('移行ファイル構成表');
  files.getCell('A1').value = '移行ファイル構成表';
  files.getRow(3).values = ['No', 'ファイルID', 'ファイル名', '標準ファイル名', '必須', '主キー', '項目数', '説明'];
  files.getRow(4).values = [1, 'kojin', '個人', 'T_KOJIN.csv', '○', '宛名番号', 4, '住民1人1行'];
  files.getRow(5).values = [2, 'setai', '世帯', 'T_SETAI.csv', '○', '世帯番号', 2, ''];
  files.getRow(6).values = [3, 'ido', '異動', 'T_IDO.csv', '○', '宛名番号、異動連番', 3, ''];
  files.getRow(7).values = [4, 'memo', 'メモ', 'T_MEMO.csv', '×', '', '', ''];
  const rel = wb.addWorksheet('移行ファイル関連図');
  rel.getRow(1).values = ['No', '関連元ファイル', '関連元項目', '関連先ファイル', '関連先項目', '多重度'];
  rel.getRow(2).values = [1, '個人', '世帯番号', '世帯', '世帯番号', 'N:1'];
  rel.getRow(3).values = [2, '異動', '宛名番号', '個人', '宛名番号', 'N:1'];
  const item = (name: string, rows: unknown[][]) => {
    const ws = wb.addWorksheet(name);
    ws.getCell('A1').value = `データ項目一覧表 ${name}`;
    ws.getRow(3).values = ['項番', '項目名', 'データ型', '桁数', '必須', '繰返し', 'XMLタグ', '備考'];
    rows.forEach((r, i) => (ws.getRow(4 + i).values = r as ExcelJS.CellValue[]));
  };
  item('個人', [
    [1, '宛名番号', '半角数字', 10, '○', '', 'AtenaNo', ''],
    [2, '世帯番号', '半角数字', 10, '○', '', 'SetaiNo', ''],
    [3, '氏名', '全角', 20, '○', '', 'Shimei', ''],
    [4, '続柄', 'コード', 2, '', '', 'Zokugara', '世帯主との続柄'],
  ]);
  item('世帯', [
    [1, '世帯番号', '半角数字', 10, '○', '', 'SetaiNo', ''],
    [2, '世帯主氏名', '全角', 20, '', '', 'Nushi', ''],
  ]);
  item('異動', [
    [1, '宛名番号', '半角数字', 10, '○', '', 'AtenaNo', ''],
    [2, '異動連番', '半角数字', 3, '○', '', 'Renban', ''],
    [3, '異動事由', 'コード', 2, '○', '', 'Jiyu', ''],
  ]);
  const sets = wb.addWorksheet('コード構成表');
  sets.getRow(1).values = ['No', 'コードID', 'コード名称', 'ファイル', '項目'];
  sets.getRow(2).values = [1, 'C01', '続柄', '個人', '続柄'];
  sets.getRow(3).values = [2, 'C02', '異動事由', '異動', '異動事由'];
  const codes = wb.addWorksheet('コード一覧');
  codes.getRow(1).values = ['コードID', 'コード表名', 'コード', 'コード名称'];
  const values: Array<[string, string, string, string]> = [
    ['C01', '続柄', '01', '世帯主'], ['C01', '続柄', '02', '妻'], ['C01', '続柄', '03', '子'],
    ['C02', '異動事由', '10', '転入'], ['C02', '異動事由', '20', '転出'], ['C02', '異動事由', '20', '転出(重複)'],
  ];
  values.forEach((v, i) => {
    const row = codes.getRow(2 + i);
    v.forEach((x, c) => (row.getCell(c + 1).value = x));
  });
  await wb.xlsx.writeFile(path);
}

const PROFILE = 'domain: tj\ndomainName: テスト住基\nsheets: { exclude: [表紙] }\n';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (d) => (o += d));
  err.on('data', (d) => (e += d));
  const code = await main(args, { stdout: out as never, stderr: err as never, cwd, isTTY: false, env: {} } as never);
  return { code, out: o, err: e };
}

describe('layouts import: the whole package', () => {
  it('reads every sheet into layouts with code lists and a file inventory; what it cannot read is listed', async () => {
    const dir = tmp();
    const book = join(dir, 'package.xlsx');
    await packageBook(book);
    writeFileSync(join(dir, 'p.yaml'), PROFILE);
    const out = join(dir, 'schemas');
    const report = await importLayouts({ book, profile: join(dir, 'p.yaml'), out, date: '2026-01-01' });

    expect(report.packageSheets.map((s) => [s.sheet, s.kind, s.rows])).toEqual([
      ['移行ファイル構成表', 'fileList', 4], ['移行ファイル関連図', 'relations', 2], ['コード構成表', 'codeSets', 2], ['コード一覧', 'codeValues', 6],
    ]);
    expect(report.layouts.map((l) => [l.id, l.title, l.items, l.required])).toEqual([
      ['tj/kojin', '個人', 4, true], ['tj/setai', '世帯', 2, true], ['tj/ido', '異動', 3, true],
    ]);
    expect(report.codeLists.map((c) => [c.id, c.name, c.bookId, c.codes])).toEqual([['c01', '続柄', 'C01', 3], ['c02', '異動事由', 'C02', 2]]);
    // Not understood: the 多重度 column, the XMLタグ columns, the duplicate code, メモ without an item sheet.
    expect(report.unmapped.map((u) => [u.sheet, u.row ?? null, u.column ?? null, u.value ?? null])).toEqual([
      ['移行ファイル関連図', 1, 'F', '多重度'],
      ['個人', 3, 'G', 'XMLタグ'],
      ['世帯', 3, 'G', 'XMLタグ'],
      ['異動', 3, 'G', 'XMLタグ'],
      ['コード一覧', 7, 'C', '20'],
      ['移行ファイル構成表', 7, null, 'メモ'],
    ]);

    const cat = loadCatalog(out);
    expect(cat.domains).toEqual([expect.objectContaining({ id: 'tj', name: 'テスト住基', files: [
      { id: 'kojin', name: '個人', layout: 'tj/kojin', fileName: 'T_KOJIN.csv', required: true },
      { id: 'setai', name: '世帯', layout: 'tj/setai', fileName: 'T_SETAI.csv', required: true },
      { id: 'ido', name: '異動', layout: 'tj/ido', fileName: 'T_IDO.csv', required: true },
    ] })]);
    const kojin = compileLayout(loadLayout('tj/kojin', { schemasDir: out }));
    expect(kojin.primaryKey).toEqual(['item001']);
    expect(kojin.foreignKeys).toEqual([{ fields: ['item002'], references: { layout: 'tj/setai', fields: ['item001'] } }]);
    expect(kojin.fields[3]).toMatchObject({ title: '続柄', codeList: 'c01', description: '世帯主との続柄' });
    expect(kojin.layout.description).toBe('住民1人1行');
    const ido = compileLayout(loadLayout('tj/ido', { schemasDir: out }));
    expect(ido.primaryKey).toEqual(['item001', 'item002']);
    expect(ido.fields[2].codeList).toBe('c02');
    const c01 = JSON.parse(readFileSync(join(out, 'codes', 'c01.json'), 'utf8'));
    expect(c01).toMatchObject({ id: 'c01', name: '続柄', 'x-source': { authority: 'imported', basis: 'package.xlsx (sheet コード一覧)' } });
    expect(c01.codes).toEqual([{ code: '01', name: '世帯主' }, { code: '02', name: '妻' }, { code: '03', name: '子' }]);
    expect(kojin.codeLists.get('c01')!.provenance.authority).toBe('imported');

    // The CLI says the same, and exits 1 because something was not mapped.
    const cli = await run(['layouts', 'import', book, '--profile', 'p.yaml', '--out', 'schemas2'], dir);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/code list c01 続柄 \(3 codes, sheet コード一覧\)/);
    expect(cli.out).toMatch(/NOT MAPPED sheet 移行ファイル関連図, row 1, column F "多重度"/);
  });

  it('check on a delivery reports a missing file, a code not in コード一覧 and a broken key relation by the imported definitions', async () => {
    const dir = tmp();
    const book = join(dir, 'package.xlsx');
    await packageBook(book);
    writeFileSync(join(dir, 'p.yaml'), PROFILE);
    const schemas = join(dir, 'schemas');
    await importLayouts({ book, profile: join(dir, 'p.yaml'), out: schemas, date: '2026-01-01' });
    const delivery = join(dir, 'delivery');
    mkdirSync(delivery);
    // T_IDO.csv (必須 ○ in 構成表) is missing; 続柄 99 is not in C01; 世帯 0000000009 does not exist.
    writeFileSync(join(delivery, 'T_KOJIN.csv'), '宛名番号,世帯番号,氏名,続柄\r\n0000000001,0000000001,山田太郎,01\r\n0000000002,0000000001,山田花子,99\r\n0000000003,0000000009,佐藤一郎,01\r\n');
    writeFileSync(join(delivery, 'T_SETAI.csv'), '世帯番号,世帯主氏名\r\n0000000001,山田太郎\r\n');
    const r = await check({ dir: delivery, schemasDir: schemas, out: false });
    expect(r.exitCode).toBe(1);
    const byCode = r.report.findings.byCode;
    expect(Object.fromEntries(Object.entries(byCode).map(([c, t]) => [c, t.count]))).toEqual({ DELIVERY_FILE_MISSING: 1, LAYOUT_CODE_UNKNOWN: 1, CHECK_FK_DANGLING: 1 });
    const sample = (code: string) => samplesOf(r.report, code)[0];
    const missing = sample('DELIVERY_FILE_MISSING');
    expect(missing.file).toBe('T_IDO.csv');
    const code = sample('LAYOUT_CODE_UNKNOWN');
    expect(code).toMatchObject({ file: 'T_KOJIN.csv', record: 3, field: 'item004' });
    expect(code.message.ja).toMatch(/続柄.*コード表の出典: 取込: package.xlsx \(sheet コード一覧\)/);
    const fk = sample('CHECK_FK_DANGLING');
    expect(fk).toMatchObject({ file: 'T_KOJIN.csv', record: 4 });
    // manifest names the delivered files by the imported file inventory (標準ファイル名).
    const m = await makeManifest({ dir: delivery, schemasDir: schemas, out: false });
    expect(m.manifest.domains.map((d) => [d.id, d.files.map((f) => [f.layout, f.fileName, f.records])])).toEqual([
      ['tj', [['tj/kojin', 'T_KOJIN.csv', 3], ['tj/setai', 'T_SETAI.csv', 1]]],
    ]);
    // Run through the CLI as staff would: exit 1 (要是正).
    const cli = await run(['check', 'delivery', '--schemas', 'schemas', '--out', 'rep'], dir);
    expect(cli.code).toBe(1);
  });

  it('import → export → import is a fixed point (xlsx and the CSV folder)', async () => {
    const dir = tmp();
    const book = join(dir, 'package.xlsx');
    await packageBook(book);
    writeFileSync(join(dir, 'p.yaml'), PROFILE);
    const first = join(dir, 's1');
    await importLayouts({ book, profile: join(dir, 'p.yaml'), out: first, date: '2026-01-01' });
    const exported = join(dir, 'export.xlsx');
    writeFileSync(exported, await exportLayouts('tj', 'xlsx', { schemasDir: first }));
    const second = join(dir, 's2');
    const r2 = await importLayouts({ book: exported, out: second, date: '2026-01-01' });
    expect(r2.unmapped).toEqual([]);
    const csvDir = join(dir, 'csvpkg');
    mkdirSync(csvDir);
    for (const [n, b] of exportPackageCsvFiles('tj', { schemasDir: second })) writeFileSync(join(csvDir, n), b);
    expect(readdirSync(csvDir).sort()).toEqual(['コード一覧.csv', 'コード構成表.csv', 'データ項目一覧表.csv', '移行ファイル構成表.csv', '移行ファイル関連図.csv'].sort());
    const third = join(dir, 's3');
    const r3 = await importLayouts({ book: csvDir, out: third, date: '2026-01-01' });
    expect(r3.unmapped).toEqual([]);
    const s2again = join(dir, 's4');
    writeFileSync(join(dir, 'export2.xlsx'), await exportLayouts('tj', 'xlsx', { schemasDir: second }));
    await importLayouts({ book: join(dir, 'export2.xlsx'), out: s2again, date: '2026-01-01' });
    // Layouts (minus the x-source naming the book), code lists (minus source/date) and catalogs are equal.
    const layoutOf = (d: string, id: string) => {
      const j = JSON.parse(readFileSync(join(d, `${id}.schema.json`), 'utf8'));
      delete j['x-source'];
      return j;
    };
    const codesOf = (d: string, id: string) => {
      const j = JSON.parse(readFileSync(join(d, 'codes', `${id}.json`), 'utf8'));
      return { id: j.id, name: j.name, codes: j.codes };
    };
    for (const id of ['tj/kojin', 'tj/setai', 'tj/ido']) {
      expect(layoutOf(second, id)).toEqual(layoutOf(first, id));
      expect(layoutOf(third, id)).toEqual(layoutOf(first, id));
      expect(layoutOf(s2again, id)).toEqual(layoutOf(second, id));
    }
    for (const id of ['c01', 'c02']) {
      expect(codesOf(second, id)).toEqual(codesOf(first, id));
      expect(codesOf(third, id)).toEqual(codesOf(first, id));
    }
    const cat = (d: string) => loadCatalog(d).domains.map((x) => ({ ...x }));
    expect(cat(second)).toEqual(cat(first));
    expect(cat(third)).toEqual(cat(first));
  });

  it('an .xls book (or any OLE2 file) is refused with how to convert it, exit 2', async () => {
    const dir = tmp();
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    writeFileSync(join(dir, 'old.xls'), ole);
    writeFileSync(join(dir, 'renamed.xlsx'), ole);
    const a = await run(['layouts', 'import', 'old.xls', '--out', 's', '--domain', 'x'], dir);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/Excel 97–2003 workbook \(\.xls, BIFF\).*Save it as \.xlsx.*soffice --headless --convert-to xlsx/);
    const b = await run(['layouts', 'import', 'renamed.xlsx', '--out', 's', '--domain', 'x'], dir);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/password-protected/);
  });
});
