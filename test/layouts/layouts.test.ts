import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LayoutError } from '../../src/core/errors.ts';
import { renderFinding } from '../../src/core/finding.ts';
import {
  loadLayout, compileLayout, listLayoutIds, loadCatalog, catalogLayoutIds, verifyForeignKeys, loadCodeLists,
  DEFAULT_SCHEMAS_DIR, type CompiledLayout, type FieldIssue,
} from '../../src/layouts/index.ts';
import { addChukanKeywords } from '../../src/layouts/keywords.ts';
import { scratchSchemas, layoutDoc, validKojin } from './fixtures.ts';

const shipped = listLayoutIds();

function run(l: CompiledLayout, rec: Record<string, string>): FieldIssue[] {
  const values = l.fields.map((f) => rec[f.id] ?? '');
  const out: FieldIssue[] = [];
  const ok = l.validateRecord(values, out);
  const ajvOk = l.validateWithAjv(values, []);
  expect(ok).toBe(out.length === 0);
  expect(ajvOk).toBe(ok);
  return out;
}

describe('shipped layouts', () => {
  it('include the 住民基本台帳 worked example', () => {
    expect(shipped).toEqual(expect.arrayContaining(['juki/kojin', 'juki/setai', 'juki/ido']));
  });

  it.each(shipped)('%s compiles in a fresh ajv strict-mode instance', (id) => {
    const dir = DEFAULT_SCHEMAS_DIR;
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addChukanKeywords(ajv, loadCodeLists(join(dir, 'codes')));
    ajv.addSchema(JSON.parse(readFileSync(join(dir, 'common/defs.schema.json'), 'utf8')));
    expect(() => ajv.compile(JSON.parse(readFileSync(join(dir, `${id}.schema.json`), 'utf8')))).not.toThrow();
    const l = compileLayout(loadLayout(id));
    expect(l.fields.length).toBeGreaterThan(5);
    expect(l.primaryKey.length).toBeGreaterThan(0);
  });

  it.each(shipped)('%s marks itself as a chukan starter definition, not the official text', (id) => {
    const l = loadLayout(id);
    expect(l.source?.basis).toMatch(/not the official text/);
    for (const f of compileLayout(l).fields) {
      expect(f.title, f.id).not.toBe('');
      expect(f.length ?? f.date ?? f.codeList, `${id}.${f.id} has no length, date or code list`).toBeDefined();
    }
  });

  it('every foreign key resolves to the referenced layout\'s primary key', () => {
    expect(verifyForeignKeys(shipped)).toEqual([]);
    const fks = shipped.flatMap((id) => compileLayout(loadLayout(id)).foreignKeys);
    expect(fks.length).toBeGreaterThanOrEqual(3);
  });

  it('a foreign key to a non-key is reported', () => {
    const dir = scratchSchemas({
      'a/one.schema.json': layoutDoc('a/one', { k: { type: 'string', title: 'キー', maxLength: 3 } }, { 'x-primaryKey': ['k'] }),
      'a/two.schema.json': layoutDoc('a/two', { r: { type: 'string', title: '参照', maxLength: 3 } }, {
        'x-foreignKeys': [{ fields: ['r'], references: { layout: 'a/one', fields: ['r'] } }, { fields: ['r'], references: { layout: 'a/zzz', fields: ['k'] } }],
      }),
    });
    const problems = verifyForeignKeys(['a/two'], { schemasDir: dir });
    expect(problems.map((p) => p.detail)).toEqual([expect.stringMatching(/not its primary key/), expect.stringMatching(/does not load/)]);
  });

  it('個人番号 is marked as 特定個人情報 and names/addresses as personal', () => {
    const k = compileLayout(loadLayout('juki/kojin'));
    const f = (id: string) => k.fields[k.fieldIndex.get(id)!];
    expect(f('kojinNo').personal).toBe('mynumber');
    expect(f('shimei').personal).toBe(true);
    expect(f('jushoBanchi').fieldClass).toBe('address');
    expect(f('kyuuji').title).toBe('旧氏');
    expect(f('kyuuji').length).toEqual({ unit: 'characters', max: 25 });
    expect(f('seinengappi').date).toEqual({ format: 'YYYYMMDD', allowUnknown: true });
    expect(k.fields.map((x) => x.index)).toEqual(k.fields.map((_, i) => i));
  });
});

describe('catalog', () => {
  it('names only layouts that exist and compile, and lists every 住民基本台帳 layout', () => {
    const cat = loadCatalog();
    expect(cat.domains.find((d) => d.id === 'juki')?.name).toBe('住民基本台帳');
    const ids = catalogLayoutIds(cat);
    for (const id of ids) expect(shipped, id).toContain(id);
    for (const id of ids) expect(compileLayout(loadLayout(id)).id).toBe(id);
    expect(ids).toEqual(expect.arrayContaining(shipped.filter((id) => id.startsWith('juki/'))));
  });

  it('holds variants and a second catalog without code changes', () => {
    const dir = scratchSchemas({
      'catalog-b.json': {
        catalogVersion: '1', id: 'b', name: '第二カタログ',
        domains: [
          { id: 'juki', no: 1, name: '住民基本台帳', files: [{ id: 'kojin', name: '個人', layout: 'juki/kojin', fileName: 'K.csv' }] },
          { id: 'juki-konbini', no: 31, name: '住民基本台帳(コンビニ交付)', variantOf: 'juki', files: [{ id: 'kojin', name: '個人', layout: 'juki-konbini/kojin', fileName: 'C.csv', required: false }] },
        ],
      },
      'catalog-bad.json': { catalogVersion: '1', id: 'x', name: 'x', domains: [{ id: 'v', name: 'v', variantOf: 'nope', files: [] }] },
    });
    const cat = loadCatalog(dir, { file: 'catalog-b.json' });
    expect(cat.domains[1].variantOf).toBe('juki');
    expect(catalogLayoutIds(cat)).toEqual(['juki/kojin', 'juki-konbini/kojin']);
    expect(() => loadCatalog(dir, { file: 'catalog-bad.json' })).toThrow(/variant of unknown domain/);
  });
});

describe('loadLayout / compileLayout errors', () => {
  it('an unknown layout id gives a LayoutError listing the known ids', () => {
    expect(() => loadLayout('juki/kojinn')).toThrow(LayoutError);
    expect(() => loadLayout('juki/kojinn')).toThrow(/known layouts: .*juki\/kojin/);
    expect(() => loadLayout('../etc/passwd')).toThrow(/domain\/file/);
    expect(() => loadLayout('nosuch/x')).toThrow(/layouts? known|known layouts/);
  });

  it('a misspelt chukan keyword is refused by ajv strict mode', () => {
    const dir = scratchSchemas({ 'a/b.schema.json': layoutDoc('a/b', { x: { type: 'string', title: 'X', 'x-lenght': { max: 1, unit: 'characters' } } }) });
    expect(() => compileLayout(loadLayout('a/b', { schemasDir: dir }))).toThrow(/strict mode/);
  });

  it('refuses unknown code lists, char classes, non-string types, wrong $id and unsupported keywords', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ type: 'string', title: 'X', 'x-codeList': 'nosuch' }, /code list/],
      [{ type: 'string', title: 'X', 'x-charClass': 'kanji' }, /strict mode|x-charClass/],
      [{ type: 'integer', title: 'X' }, /strict mode|"string"/],
      [{ type: 'string', title: 'X', format: 'date' }, /strict mode|not supported/],
      [{ type: 'string', title: 'X', oneOf: [{ maxLength: 1 }] }, /not supported/],
    ];
    for (const [prop, re] of cases) {
      const dir = scratchSchemas({ 'a/b.schema.json': layoutDoc('a/b', { x: prop }) });
      expect(() => compileLayout(loadLayout('a/b', { schemasDir: dir })), JSON.stringify(prop)).toThrow(re);
    }
    const dir = scratchSchemas({ 'a/b.schema.json': layoutDoc('a/c', { x: { type: 'string', title: 'X' } }) });
    expect(() => loadLayout('a/b', { schemasDir: dir })).toThrow(/\$id must be "chukan:a\/b"/);
  });
});

describe('code lists', () => {
  const lists = loadCodeLists(join(DEFAULT_SCHEMAS_DIR, 'codes'));
  it('ship 年号, 性別, 続柄, 異動事由, 都道府県, 住民区分 with source and date', () => {
    for (const id of ['gengo', 'seibetsu', 'zokugara', 'ido-jiyu', 'todofuken', 'jumin-kubun']) {
      const l = lists.get(id);
      expect(l, id).toBeDefined();
      expect(l!.source).not.toBe('');
      expect(l!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(lists.get('todofuken')!.codes).toHaveLength(47);
  });
  it('年号 accepts 1- and 2-digit codes for the same era', () => {
    const g = lists.get('gengo')!;
    for (const c of ['1', '2', '3', '4', '5', '01', '02', '03', '04', '05']) expect(g.set.has(c), c).toBe(true);
    expect(g.codes.find((e) => e.code === '03')!.name).toBe(g.codes.find((e) => e.code === '3')!.name);
    expect(g.set.has('6')).toBe(false);
  });
});

describe('juki/kojin records', () => {
  const k = compileLayout(loadLayout('juki/kojin'));
  const codes = (rec: Record<string, string>) => run(k, rec).map((i) => `${i.field}:${i.code}`);

  it('a realistic record with an IVS name and unknown birth day passes', () => {
    expect(run(k, validKojin())).toEqual([]);
  });

  it('required fields must be non-empty; optional fields may be empty', () => {
    expect(codes(validKojin({ shimei: '', kojinNo: '' }))).toEqual(['shimei:LAYOUT_REQUIRED']);
  });

  it('reports lengths with max, actual and unit', () => {
    const out = run(k, validKojin({ kojinNo: '1234567890123', juminhyoCode: '1234567890' }));
    expect(out).toContainEqual({ code: 'LAYOUT_TOO_LONG', field: 'kojinNo', params: { max: 12, actual: 13, unit: 'characters' } });
    expect(out).toContainEqual({ code: 'LAYOUT_TOO_SHORT', field: 'juminhyoCode', params: { min: 11, actual: 10, unit: 'characters' } });
  });

  it('counts IVS sequences as one character against the limit', () => {
    const ivs = '辻\u{E0100}';
    expect(codes(validKojin({ kyuuji: ivs.repeat(25) }))).toEqual([]);
    expect(codes(validKojin({ kyuuji: ivs.repeat(26) }))).toEqual(['kyuuji:LAYOUT_TOO_LONG']);
  });

  it('備考 counts CP932 bytes: half-width kana 1, full-width 2', () => {
    expect(codes(validKojin({ biko: 'ｱ'.repeat(400) }))).toEqual([]);
    expect(codes(validKojin({ biko: 'ア'.repeat(200) }))).toEqual([]);
    const out = run(k, validKojin({ biko: 'ア'.repeat(200) + 'ｱ' }));
    expect(out).toEqual([{ code: 'LAYOUT_TOO_LONG', field: 'biko', params: { max: 400, actual: 401, unit: 'bytes' } }]);
  });

  it('checks character classes, code lists and dates', () => {
    expect(codes(validKojin({ atenaNo: '12A45', shimei: 'ﾜﾀﾅﾍﾞ', seibetsu: '3', zokugara: '2', seinengappiWareki: '3640108', idoBi: '20150231', juteiBi: '20150400' })).sort()).toEqual([
      'atenaNo:LAYOUT_CHAR_CLASS', 'idoBi:LAYOUT_DATE_INVALID', 'juteiBi:LAYOUT_DATE_PARTIAL', 'seibetsu:LAYOUT_CODE_UNKNOWN',
      'seinengappiWareki:LAYOUT_DATE_OUTSIDE_ERA', 'shimei:LAYOUT_CHAR_CLASS', 'zokugara:LAYOUT_CODE_UNKNOWN',
    ]);
    expect(codes(validKojin({ seinengappiWareki: '03550300' }))).toEqual([]);
    expect(codes(validKojin({ seinengappiWareki: '7550301' }))).toEqual(['seinengappiWareki:LAYOUT_ERA_UNKNOWN']);
  });

  it('a record with the wrong number of fields gets one LAYOUT_FIELD_COUNT', () => {
    const out: FieldIssue[] = [];
    expect(k.validateRecord(['1', '2'], out)).toBe(false);
    expect(out).toEqual([{ code: 'LAYOUT_FIELD_COUNT', field: undefined, params: { expected: k.fields.length, actual: 2 } }]);
  });

  it('messages render in ja and en without the value', () => {
    const secret = '渡邉ﾀﾛｳ';
    const out = run(k, validKojin({ shimei: secret, seinengappiWareki: '4310501', biko: 'ア'.repeat(201) }));
    expect(out.length).toBe(3);
    for (const i of out) {
      for (const lang of ['ja', 'en'] as const) {
        const msg = renderFinding({ code: i.code, severity: 'error', location: { file: 'x' }, params: i.params }, lang);
        expect(msg).not.toMatch(/undefined|渡邉|ア{3}/);
        expect(msg.length).toBeGreaterThan(10);
      }
    }
  });
});
