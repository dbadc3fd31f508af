/** Code values visible: `layouts show` (text and --json) and the コード一覧 sheet of `layouts export`. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { compileLayout, loadLayout } from '../../src/layouts/index.ts';
import { codeTables } from '../../src/layouts/code-tables.ts';
import { runCli } from '../helpers/cli.ts';
import { layoutDoc, scratchSchemas } from './fixtures.ts';
import { tempDir } from '../helpers/temp.ts';

const run = (argv: string[], cwd = process.cwd()) => runCli(argv, cwd);

describe('layouts show: code values', () => {
  it('text lists every code field\'s values with their labels under コード一覧', async () => {
    const r = await run(['layouts', 'show', 'juki/kojin']);
    expect(r.code).toBe(0);
    const tail = r.stdout.slice(r.stdout.indexOf('コード一覧'));
    expect(tail).toMatch(/^コード一覧/);
    expect(tail).toMatch(/seibetsu（性別） — seibetsu 性別\n\s+1\s+男\n\s+2\s+女\n/);
    // One list used by two fields is shown once, naming both.
    expect(tail).toMatch(/ido-jiyu（住民基本台帳異動事由） — idoJiyu 異動事由, shojoJiyu 消除事由\n/);
    expect(tail.match(/ido-jiyu（/g)).toHaveLength(1);
  });

  it('--json gives each code field its codes with labels', async () => {
    const j = JSON.parse((await run(['layouts', 'show', 'juki/kojin', '--json'])).stdout);
    const sex = j.fields.find((f: { id: string }) => f.id === 'seibetsu');
    expect(sex.codeList).toMatchObject({ id: 'seibetsu', name: '性別', codes: [{ code: '1', name: '男' }, { code: '2', name: '女' }] });
  });

  it('an inline list of values (enum) is a table named after its field, not "inline"', () => {
    const dir = scratchSchemas({ 'test/x.schema.json': layoutDoc('test/x', { kind: { type: 'string', title: '種別', enum: ['A', 'B'] } }) });
    const l = compileLayout(loadLayout('test/x', { schemasDir: dir }));
    expect(codeTables(l)).toEqual([{ id: 'kind', name: '種別', inline: true, codes: [{ code: 'A', name: '' }, { code: 'B', name: '' }], fields: [{ id: 'kind', title: '種別' }] }]);
  });
});

describe('layouts export: コード一覧', () => {
  it('xlsx ends with a コード一覧 sheet: one row per code, with the fields that use it', async () => {
    const dir = tempDir('chukan-exp-');
    expect((await run(['layouts', 'export', 'juki', '--format', 'xlsx', '--out', 'juki.xlsx'], dir)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'juki.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['移行ファイル構成表', '移行ファイル関連図', '個人', '世帯', '異動履歴', 'コード構成表', 'コード一覧']);
    const ws = wb.getWorksheet('コード一覧')!;
    const rows = ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1).map(String));
    expect(rows[0]).toEqual(['コード表ID', 'コード表名', 'コード', 'コード名称', '使用項目']);
    expect(rows).toContainEqual(['seibetsu', '性別', '2', '女', 'juki/kojin.seibetsu 性別']);
  });

  it('md has a コード一覧 section per file', async () => {
    const md = (await run(['layouts', 'export', 'juki/kojin', '--format', 'md'])).stdout;
    expect(md).toMatch(/### コード一覧\n\n\| コード表 \| コード \| コード名称 \| 使用項目 \|\n/);
    expect(md).toMatch(/\| seibetsu（性別） \| 1 \| 男 \| seibetsu 性別 \|/);
  });
});
