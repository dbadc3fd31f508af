/**
 * `chukan layouts import` on vendor-style 項目定義書 built here with exceljs: two sheets, Japanese
 * headers spread over two merged rows, full-width digits in 桁数, a 繰返し item, a decimal number, a
 * code list named in Japanese, and cells chukan cannot map — which must be listed, not guessed.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { loadLayout, compileLayout, type FieldIssue } from '../../src/layouts/index.ts';
import { importLayouts } from '../../src/api/layouts.ts';
import { main } from '../../src/cli/main.ts';
import { tempDir } from '../helpers/temp.ts';

function tmp(): string {
  return tempDir('chukan-import-');
}

async function vendorBook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('表紙');
  cover.getCell('A1').value = '住民記録システム 項目定義書';
  const ws = wb.addWorksheet('住民');
  ws.getCell('A1').value = '住民記録 項目定義書';
  ws.mergeCells('A1:I1');
  const head: Array<[string, string]> = [['A3', 'No'], ['B3', '項目名称'], ['C3', 'データ型'], ['D3', '桁数'], ['F3', '必須'], ['G3', '繰返し'], ['H3', 'コード'], ['I3', '備\u3000考']];
  for (const [a, v] of head) ws.getCell(a).value = v;
  for (const c of ['A', 'B', 'C', 'F', 'G', 'H', 'I']) ws.mergeCells(`${c}3:${c}4`);
  ws.mergeCells('D3:E3');
  ws.getCell('D4').value = '整数';
  ws.getCell('E4').value = '小数';
  const rows: unknown[][] = [
    [1, '宛名番号', '数値', '１５', '', '○', '', '', ''],
    [2, '氏名', '文字列(全角)', '(20)', '', '○', '', '', '姓と名の間は全角空白'],
    [3, '氏名カナ', '全角カナ', 40, '', '', '', '', ''],
    [4, '生年月日', '和暦日付', 7, '', '○', '', '', ''],
    [5, '性別', 'コード', 1, '', '○', '', '性別', ''],
    [6, '面積', '数値', 10, 2, '', '', '', ''],
    [7, '電話番号', '文字列(半角)', 15, '', '○', 3, '', ''],
    [8, '外字フラグ', 'ビット', 1, '', '', '', '', ''],
    [9, '備考', '漢字', '２００', '', '×', '', '', ''],
  ];
  rows.forEach((r, i) => ws.getRow(5 + i).values = r as ExcelJS.CellValue[]);
  const ws2 = wb.addWorksheet('世帯');
  ws2.getRow(2).values = ['項番', '項目名', '型', '桁', '必須', '区分コード'];
  ws2.getRow(3).values = [1, '世帯番号', '半角数字', 10, '○', ''];
  ws2.getRow(4).values = [2, '世帯主氏名', '全角', '２０', '', ''];
  ws2.getRow(5).values = [3, '世帯人数', '数値', '3桁', '要', ''];
  ws2.getRow(6).values = [4, '続柄', 'コード', 2, '', '親族コード'];
  await wb.xlsx.writeFile(path);
}

const PROFILE = `
name: vendor-x
domain: testgyomu
domainName: テスト業務
files: { 住民: jumin, 世帯: setai }
columns:
  code: [コード, 区分コード]
`;

describe('layouts import (vendor workbook)', () => {
  it('maps the items it understands and lists every cell it cannot map', async () => {
    const dir = tmp();
    const book = join(dir, 'book.xlsx');
    await vendorBook(book);
    writeFileSync(join(dir, 'vendor.yaml'), PROFILE);
    const out = join(dir, 'schemas');
    const report = await importLayouts({ book, profile: join(dir, 'vendor.yaml'), out, date: '2026-01-01' });

    expect(report.layouts.map((l) => [l.id, l.title, l.sheet, l.items])).toEqual([
      ['testgyomu/jumin', '住民', '住民', 11],
      ['testgyomu/setai', '世帯', '世帯', 4],
    ]);
    expect(report.skippedSheets).toEqual(['表紙']);
    expect(report.unmapped.map((u) => [u.sheet, u.row, u.column, u.value])).toEqual([
      ['表紙', undefined, undefined, undefined],
      ['住民', 12, 'C', 'ビット'],
      ['世帯', 5, 'E', '要'],
      ['世帯', 6, 'F', '親族コード'],
    ]);
    expect(report.unmapped[0].reason).toMatch(/not read/);
    expect(report.unmapped[1].reason).toMatch(/データ型/);

    const j = compileLayout(loadLayout('testgyomu/jumin', { schemasDir: out }));
    const f = (id: string) => j.fields[j.fieldIndex.get(id)!];
    expect(j.fields.map((x) => x.title)).toEqual([
      '宛名番号', '氏名', '氏名カナ', '生年月日', '性別', '面積', '電話番号(1)', '電話番号(2)', '電話番号(3)', '外字フラグ', '備考',
    ]);
    expect(j.fields.map((x) => x.id)).toEqual(['item001', 'item002', 'item003', 'item004', 'item005', 'item006', 'item007_1', 'item007_2', 'item007_3', 'item008', 'item009']);
    expect(f('item001')).toMatchObject({ required: true, charClass: ['digits'], length: { max: 15, unit: 'characters' } });
    expect(f('item002')).toMatchObject({ required: true, charClass: ['zenkaku'], length: { max: 20, unit: 'characters' }, description: '姓と名の間は全角空白' });
    expect(f('item003')).toMatchObject({ required: false, charClass: ['zenkakuKana'], length: { max: 40 } });
    expect(f('item004')).toMatchObject({ required: true, date: { format: 'wareki' } });
    expect(f('item005')).toMatchObject({ required: true, codeList: 'seibetsu' });
    expect(f('item006').rules.patterns).toEqual(['^[0-9]{1,8}(\\.[0-9]{1,2})?$']);
    expect([f('item007_1').required, f('item007_2').required, f('item007_3').required]).toEqual([true, false, false]);
    expect(f('item007_2')).toMatchObject({ charClass: ['hankaku'], length: { max: 15 } });
    // The unmapped type left the item without a character rule — but the item is there.
    expect(f('item008').charClass).toBeUndefined();
    expect(f('item008').length).toEqual({ max: 1, unit: 'characters' });
    expect(f('item009')).toMatchObject({ required: false, charClass: ['zenkaku'], length: { max: 200 } });

    // The imported layout validates data.
    const rec = ['123', '山田\u3000太郎', 'ヤマダ\u3000タロウ', '3550301', '1', '123.45', '03-1234-5678', '', '', '1', '備考'];
    const issues: FieldIssue[] = [];
    expect(j.validateRecord(rec, issues), JSON.stringify(issues)).toBe(true);
    expect(j.validateRecord(rec.map((v, i) => (i === 5 ? '123.456' : v)), [])).toBe(false);

    const s = compileLayout(loadLayout('testgyomu/setai', { schemasDir: out }));
    expect(s.fields.map((x) => [x.title, x.required, x.length?.max, x.charClass?.join()])).toEqual([
      ['世帯番号', true, 10, 'digits'], ['世帯主氏名', false, 20, 'zenkaku'], ['世帯人数', false, 3, 'digits'], ['続柄', false, 2, undefined],
    ]);
    expect(s.fields[3].codeList).toBeUndefined();

    const catalog = JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8'));
    expect(catalog.domains).toEqual([{ id: 'testgyomu', name: 'テスト業務', files: [
      { id: 'jumin', name: '住民', layout: 'testgyomu/jumin', fileName: 'TESTGYOMU_JUMIN.csv' },
      { id: 'setai', name: '世帯', layout: 'testgyomu/setai', fileName: 'TESTGYOMU_SETAI.csv' },
    ] }]);
    expect(JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8')).unmapped).toHaveLength(4);
  });

  it('reads a single-sheet CSV book in CP932 with a file column, header row set by the profile', async () => {
    const dir = tmp();
    const csv = [
      '住民記録 項目一覧,,,,',
      'ファイル名,項目番号,項目名,データ型,桁数,必須',
      '個人,1,宛名番号,半角数字,１０,○',
      '個人,2,カナ氏名,半角ｶﾅ,30,',
      '世帯,1,世帯番号,半角数字,10,○',
      '世帯,2,世帯人数,数値,"3,1",',
    ].join('\r\n');
    writeFileSync(join(dir, 'book.csv'), iconv.encode(csv, 'cp932'));
    writeFileSync(join(dir, 'p.yaml'), 'headerRow: 2\ndomain: x\nfiles: { 個人: kojin, 世帯: setai }\n');
    const report = await importLayouts({ book: join(dir, 'book.csv'), profile: join(dir, 'p.yaml'), out: join(dir, 's') });
    expect(report.charset).toBe('cp932');
    expect(report.layouts.map((l) => [l.id, l.title, l.items])).toEqual([['x/kojin', '個人', 2], ['x/setai', '世帯', 2]]);
    // 数値 with a scale cannot become a decimal pattern here: "3,1" is precision 3 scale 1.
    expect(report.unmapped).toEqual([]);
    const k = compileLayout(loadLayout('x/kojin', { schemasDir: join(dir, 's') }));
    expect(k.fields[1]).toMatchObject({ charClass: ['hankakuKana'], length: { max: 30, unit: 'characters' } });
    const s = compileLayout(loadLayout('x/setai', { schemasDir: join(dir, 's') }));
    expect(s.fields[1].rules.patterns).toEqual(['^[0-9]{1,2}(\\.[0-9]{1,1})?$']);
  });

  it('reads 外字 in a CP932 CSV book (user-defined area F040–F9FC) as chukan decodes CP932 everywhere, detected or named', async () => {
    // 0xF040 → U+E000, 0xF9FC → U+E757 (the last user-defined cell); iconv-lite loses cells like F9FC.
    const dir = tmp();
    const head = iconv.encode('ファイル名,項目番号,項目名,データ型,桁数,必須\r\n個人,1,氏名', 'cp932');
    const tail = iconv.encode(',文字列,20,○\r\n', 'cp932');
    writeFileSync(join(dir, 'book.csv'), Buffer.concat([head, Buffer.from([0xf0, 0x40, 0xf9, 0xfc]), tail]));
    writeFileSync(join(dir, 'p.yaml'), 'headerRow: 1\ndomain: x\nfiles: { 個人: kojin }\n');
    for (const charset of [undefined, 'cp932', 'shift_jis']) {
      const out = join(dir, `s-${charset ?? 'auto'}`);
      const report = await importLayouts({ book: join(dir, 'book.csv'), profile: join(dir, 'p.yaml'), out, ...(charset ? { charset } : {}) });
      expect(report.layouts.map((l) => l.id)).toEqual(['x/kojin']);
      const schema = readFileSync(join(out, 'x', 'kojin.schema.json'), 'utf8');
      expect(schema, charset).toContain(JSON.stringify('氏名\uE000\uE757').slice(1, -1));
    }
  });

  it('without a domain, refuses with a usage error; an existing layout is kept unless --force', async () => {
    const dir = tmp();
    const book = join(dir, 'book.xlsx');
    await vendorBook(book);
    const run = async (...argv: string[]) => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let o = '';
      let e = '';
      stdout.on('data', (b) => (o += b));
      stderr.on('data', (b) => (e += b));
      const code = await main(['layouts', 'import', ...argv], { stdout, stderr, isTTY: false, cwd: dir });
      return { code, o, e };
    };
    const noDomain = await run('book.xlsx', '--out', 's');
    expect(noDomain.code).toBe(2);
    expect(noDomain.e).toMatch(/--domain/);
    const first = await run('book.xlsx', '--out', 's', '--domain', 'vend');
    expect(first.code).toBe(1); // some cells not mapped
    expect(first.o).toMatch(/NOT MAPPED sheet 住民, row 12, column C "ビット"/);
    expect(existsSync(join(dir, 's/vend/file01.schema.json'))).toBe(true);
    const again = await run('book.xlsx', '--out', 's', '--domain', 'vend');
    expect(again.code).toBe(2);
    expect(again.e).toMatch(/--force/);
    expect((await run('book.xlsx', '--out', 's', '--domain', 'vend', '--force')).code).toBe(1);
  });
});
