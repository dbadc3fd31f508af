/** `chukan layouts list|show|export` through the CLI dispatcher: exact JSON shapes and exit codes. */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main.ts';
import { loadCatalog, DEFAULT_SCHEMAS_DIR } from '../../src/layouts/index.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

async function run(argv: string[], cwd = process.cwd()) {
  const r = await runCli(argv, cwd);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const catalog = loadCatalog();

describe('layouts list', () => {
  it('--json prints exactly the domains with their files', async () => {
    const r = await run(['layouts', 'list', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toHaveLength(23);
    expect(json.map((d: { id: string }) => d.id)).toEqual(catalog.domains.map((d) => d.id));
    expect(json[0]).toEqual({
      id: 'juki', no: 1, name: '住民基本台帳', files: [
        { id: 'kojin', name: '個人', layout: 'juki/kojin', fileName: 'JUKI_KOJIN.csv', items: 29 },
        { id: 'setai', name: '世帯', layout: 'juki/setai', fileName: 'JUKI_SETAI.csv', items: 16 },
        { id: 'ido', name: '異動履歴', layout: 'juki/ido', fileName: 'JUKI_IDO.csv', items: 24 },
      ],
    });
    for (const d of json) for (const f of d.files) expect(Object.keys(f).sort()).toEqual(['fileName', 'id', 'items', 'layout', 'name']);
  });

  it('prints a table with Japanese names, and reads a second catalog with --catalog', async () => {
    const r = await run(['layouts', 'list']);
    expect(r.out).toMatch(/juki\s+住民基本台帳\s+juki\/kojin\s+個人\s+JUKI_KOJIN\.csv\s+29/);
    const dir = tempDir('chukan-cat-');
    for (const sub of ['common', 'codes', 'juki']) cpSync(join(DEFAULT_SCHEMAS_DIR, sub), join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'mini.json'), JSON.stringify({ catalogVersion: '1', id: 'mini', name: 'ミニ', domains: [
      { id: 'juki', name: '住基だけ', files: [{ id: 'kojin', name: '個人', layout: 'juki/kojin', fileName: 'K.csv' }, { id: 'gone', name: '無い', layout: 'juki/gone', fileName: 'G.csv' }] },
    ] }));
    const second = await run(['layouts', 'list', '--json', '--catalog', join(dir, 'mini.json')]);
    expect(second.code).toBe(1); // a layout the catalog names does not load
    const j = JSON.parse(second.out);
    expect(j[0].files[0]).toEqual({ id: 'kojin', name: '個人', layout: 'juki/kojin', fileName: 'K.csv', items: 29 });
    expect(j[0].files[1]).toMatchObject({ id: 'gone', items: null, error: expect.stringMatching(/unknown layout/) });
  });
});

describe('layouts show', () => {
  it('--json for a file: fields with rules, keys and code lists', async () => {
    const r = await run(['layouts', 'show', 'juki/kojin', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ id: 'kojin', name: '個人', layout: 'juki/kojin', fileName: 'JUKI_KOJIN.csv', items: 29, domain: 'juki', title: '個人', primaryKey: ['dantaiCode', 'atenaNo'] });
    expect(j.fields).toHaveLength(29);
    expect(j.fields[0]).toEqual({
      no: 1, id: 'dantaiCode', title: '団体コード', description: '全国地方公共団体コード(検査数字を含む6桁)', required: true,
      length: { min: 6, max: 6, unit: 'characters' }, charClass: ['digits'], identifier: 'dantaiCode', fieldClass: 'code', primaryKey: 1, references: ['juki/setai.dantaiCode'],
    });
    const kojinNo = j.fields.find((f: { id: string }) => f.id === 'kojinNo');
    expect(kojinNo).toMatchObject({ identifier: 'mynumber', personal: 'mynumber', required: false });
    expect(j.fields.find((f: { id: string }) => f.id === 'seibetsu').codeList).toEqual({
      id: 'seibetsu', name: '性別', authority: 'starter',
      source: 'chukan 暫定コード表(非公式。公式のコード一覧に置き換えてください)',
      codes: [{ code: '1', name: '男' }, { code: '2', name: '女' }],
    });
  });

  it('--json for a domain lists every file; text shows the item table; unknown names exit 2', async () => {
    const j = JSON.parse((await run(['layouts', 'show', 'kokuho', '--json'])).out);
    expect(j.id).toBe('kokuho');
    expect(j.files.map((f: { layout: string }) => f.layout)).toEqual(catalog.domains.find((d) => d.id === 'kokuho')!.files.map((f) => f.layout));
    const t = await run(['layouts', 'show', 'juki/kojin']);
    expect(t.out).toMatch(/項目番号\s+id\s+項目名\s+型・桁数\s+文字種\s+必須\s+コード\s+キー/);
    expect(t.out).toMatch(/1\s+dantaiCode\s+団体コード\s+文字列 6\(固定\) 文字\s+半角数字 検査 団体コード\s+○\s+PK1/);
    const bad = await run(['layouts', 'show', 'juki/nothing']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/no file "nothing".*kojin, setai, ido/);
  });
});

describe('layouts export', () => {
  it('xlsx: the package sheets (構成表, 関連図, one item sheet per file, コード構成表, コード一覧) with Japanese headers', async () => {
    const dir = tempDir('chukan-exp-');
    const r = await run(['layouts', 'export', 'juki', '--format', 'xlsx', '--out', 'juki.xlsx'], dir);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'juki.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['移行ファイル構成表', '移行ファイル関連図', '個人', '世帯', '異動履歴', 'コード構成表', 'コード一覧']);
    const ws = wb.getWorksheet('個人')!;
    const header = (ws.getRow(10).values as unknown[]).slice(1);
    expect(header.slice(0, 8)).toEqual(['項目番号', '項目ID', '項目名', 'データ型', '文字種', '桁数', '単位', '必須']);
    expect((ws.getRow(11).values as unknown[]).slice(1, 8)).toEqual(['1', 'dantaiCode', '団体コード', '文字列', '半角数字', '6(固定)', '文字']);
  });

  it('csv and md go to stdout; xlsx without --out is a usage error', async () => {
    const csv = await run(['layouts', 'export', 'juki/setai', '--format', 'csv']);
    expect(csv.out.startsWith('\uFEFF業務ID,業務名,ファイルID,ファイル名,標準ファイル名,項目番号,項目ID,項目名')).toBe(true);
    expect(csv.out.split('\r\n').filter(Boolean)).toHaveLength(1 + 16);
    const md = await run(['layouts', 'export', 'juki/setai', '--format', 'md']);
    expect(md.out).toMatch(/^# 住民基本台帳 \(juki\)\n\n## 世帯 — `juki\/setai` \(JUKI_SETAI\.csv\)/);
    expect((await run(['layouts', 'export', 'juki', '--format', 'xlsx'])).code).toBe(2);
  });
});
