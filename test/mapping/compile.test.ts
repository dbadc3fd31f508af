import { describe, expect, it } from 'vitest';
import { InvariantError, MappingError } from '../../src/core/errors.ts';
import { compileMapping, loadMapping, type MappingIssue } from '../../src/mapping/index.ts';
import { MappingCodes as C } from '../../src/mapping/finding-codes.ts';
import { tmp, write } from './helpers.ts';

const LAYOUT = ['atena_no', 'shimei', 'shimei_kana', 'sei', 'mei', 'seinengappi', 'seibetsu', 'jusho', 'kubun', 'biko'];

const YAML = `layout: juki/kojin
source: { charset: cp932, header: true }
fields:
  atena_no: { from: 宛名番号, transforms: [trim, { pad: { length: 10 } }] }
  shimei: { from: 氏名, transforms: [trim] }
  sei: { ref: shimei, transforms: [{ split: { separator: [" ", "　"], index: 1 } }] }
  mei: { ref: shimei, transforms: [{ split: { separator: [" ", "　"], index: 2 } }] }
  shimei_kana: { from: ｶﾅ氏名, transforms: [{ width: hankakuKanaToZenkaku }, trim] }
  seinengappi: { from: 生年月日, transforms: [wareki] }
  seibetsu: { from: 性別, transforms: [{ codeMap: { table: { "M": "1", "F": "2" } } }], default: "9" }
  jusho: { from: [住所1, 住所2], transforms: [{ join: "　" }] }
  kubun: { const: "01" }
`;
const HEADER = ['宛名番号', '氏名', 'ｶﾅ氏名', '生年月日', '性別', '住所1', '住所2'];

async function compiled(header: string[] = HEADER) {
  const path = write(tmp(), 'm.yaml', YAML);
  const m = await loadMapping(path);
  return compileMapping(m, { layoutFields: LAYOUT, sourceHeader: header });
}

describe('compileMapping + apply', () => {
  it('fills the output in layout order, refs after what they read, unmapped fields empty', async () => {
    const c = await compiled();
    const out: string[] = [];
    const issues: MappingIssue[] = [];
    expect(c.apply([' 123 ', '山田　太郎', ' ﾔﾏﾀﾞ ﾀﾛｳ ', '3550301', 'M', '東京都千代田区', '一丁目1番'], out, issues)).toBe(true);
    expect(issues).toEqual([]);
    expect(out).toEqual(['0000000123', '山田　太郎', 'ヤマダ タロウ', '山田', '太郎', '19800301', '1', '東京都千代田区　一丁目1番', '01', '']);
    // The same out array is reused: every slot is overwritten on the next record.
    expect(c.apply(['9', '佐藤花子', 'ｻﾄｳﾊﾅｺ', '4310430', '', '大阪府', ''], out, issues)).toBe(true);
    expect(out).toEqual(['0000000009', '佐藤花子', 'サトウハナコ', '佐藤花子', '', '20190430', '9', '大阪府', '01', '']);
  });

  it('reports each failing field with its code and raw sample, and keeps mapping the rest', async () => {
    const c = await compiled();
    const out: string[] = [];
    const issues: MappingIssue[] = [];
    expect(c.apply(['1', '山田', 'ﾔﾏﾀﾞ', '4310501', 'X', 'a', 'b'], out, issues)).toBe(false);
    expect(issues).toEqual([
      { code: C.TX_WAREKI_OUTSIDE_ERA, field: 'seinengappi', params: { eraJa: '平成', eraEn: 'Heisei', from: '1989-01-08', to: '2019-04-30' }, sampleValue: '4310501' },
      { code: C.TX_CODE_UNKNOWN, field: 'seibetsu', params: { table: 'seibetsu' }, sampleValue: 'X' },
    ]);
    expect(out[5]).toBe('');
    expect(out[6]).toBe(''); // a failed field does not fall back to its default
    expect(out[7]).toBe('a　b');
  });

  it('reports missing source columns instead of reading undefined', async () => {
    const c = await compiled();
    const out: string[] = [];
    const issues: MappingIssue[] = [];
    expect(c.apply(['1', '山田', 'ﾔﾏﾀﾞ', '3550301', 'M', '東京都'], out, issues)).toBe(false);
    expect(issues).toEqual([{ code: C.MAP_SOURCE_COLUMN_MISSING, field: 'jusho', params: { column: '住所2' } }]);
  });

  it('matches header names padded with spaces or a BOM', async () => {
    const c = await compiled(['\ufeff宛名番号', '氏名 ', 'ｶﾅ氏名', '生年月日', '性別', '住所1', '　住所2']);
    const out: string[] = [];
    expect(c.apply(['1', 'a', 'ｱ', '3550301', 'F', 'x', 'y'], out, [])).toBe(true);
    expect(out[7]).toBe('x　y');
  });

  it('refuses a header without a mapped column, naming the mapping line', async () => {
    const err = await compiled(HEADER.filter((h) => h !== '性別')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as Error).message).toMatch(/m\.yaml:10: column "性別" is not in the header row of the input/);
  });

  it('refuses targets the layout does not have', async () => {
    const path = write(tmp(), 'm.yaml', YAML);
    const m = await loadMapping(path);
    expect(() => compileMapping(m, { layoutFields: LAYOUT.filter((f) => f !== 'kubun'), sourceHeader: HEADER })).toThrow(/m\.yaml:12: "kubun" is not a field/);
  });

  it('compiles without a header (target check only) but will not apply with unresolved names', async () => {
    const path = write(tmp(), 'm.yaml', YAML);
    const c = compileMapping(await loadMapping(path), { layoutFields: LAYOUT });
    expect(() => c.apply(HEADER, [], [])).toThrow(InvariantError);
  });

  it('maps by position for files without a header', async () => {
    const path = write(tmp(), 'p.yaml', 'layout: juki/kojin\nsource: { header: false }\nfields:\n  b: 2\n  a: { from: 1, default: "-" }\n');
    const c = compileMapping(await loadMapping(path), { layoutFields: ['a', 'b', 'c'] });
    const out: string[] = [];
    expect(c.apply(['', 'y'], out, [])).toBe(true);
    expect(out).toEqual(['-', 'y', '']);
  });

  it('onUnmappedField: error lists the unmapped layout fields', async () => {
    const path = write(tmp(), 'u.yaml', 'layout: juki/kojin\nonUnmappedField: error\nsource: { header: false }\nfields:\n  a: 1\n');
    const m = await loadMapping(path);
    expect(() => compileMapping(m, { layoutFields: ['a', 'b', 'c'] })).toThrow(/u\.yaml:1: .*not mapped: b, c/);
  });
});
