import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findingSpec } from '../../src/core/finding.ts';
import '../../src/mapping/finding-codes.ts';
import { TRANSFORMS, isFailure, type TransformContext, type TransformResult } from '../../src/mapping/transforms/index.ts';
import { RUNS } from './runs.ts';

/** Every named transform, in the argument shapes the loader hands it (as the mapping tests build them). */
const CONFIGS: [string, Record<string, unknown>][] = [
  ['trim', {}], ['trim', { side: 'left' }], ['trim', { side: 'right' }],
  ['pad', { length: 5 }], ['pad', { length: 2, onLonger: 'reject' }], ['pad', { length: 4, side: 'right', char: '　' }],
  ['width', { mode: 'toZenkaku' }], ['width', { mode: 'toHankaku' }], ['width', { mode: 'hankakuKanaToZenkaku' }], ['width', { mode: 'asciiToHankaku' }],
  ['wareki', {}], ['wareki', { eraDigits: '2' }], ['wareki', { eraDigits: 'auto' }], ['wareki', { zeroMonthDay: 'keep' }],
  ['wareki', { westernCode: '0', unknownCode: '9', onUnknown: 'empty' }], ['wareki', { to: 'YYYY-MM-DD' }],
  ['date', { from: ['YYYYMMDD'] }], ['date', { from: ['YYYY/MM/DD', 'YYYY/M/D'], to: 'YYYY年M月D日' }],
  ['codeMap', { table: { '1': '01', '2': '02' } }], ['codeMap', { table: { '1': '01' }, onMissing: 'keep' }], ['codeMap', { table: { '1': '01' }, default: '99' }],
  ['split', { separator: [' ', '　'], index: 2 }], ['split', { separator: [' '], index: 3, onMissing: 'reject' }], ['split', { separator: [' '], index: 1, rest: true }],
  ['upper', {}], ['lower', {}],
  ['substring', { start: 2 }], ['substring', { start: 2, length: 2 }],
  ['replace', { from: '.*', to: '-' }], ['replace', { from: '-', to: '' }],
  ['digitsOnly', {}], ['digitsOnly', { mode: 'check' }],
  ['checkDigit', { modulus: 11, weights: ['2,3,4,5,6,7'] }], ['checkDigit', { modulus: 10, weights: ['2,1'], digitSum: true, result: 'complement' }],
  ['checkDigit', { modulus: 11, weights: ['2', '3', '4', '5', '6', '7'], map: { 10: '0', 11: '0' } }], ['checkDigit', { modulus: 10, weights: ['2,1'], digitSum: true, position: 'first', length: 8 }],
];

const ctx: TransformContext = { file: 'p.yaml', dir: '.', readFile: () => { throw new Error('no files'); } };

// Any UTF-16 string, lone surrogates included, plus the characters the transforms care about.
const anyString = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 20 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('ｶ', 'ﾞ', 'ﾟ', 'ﾜ', '　', ' ', '0', '３', '5', '/', '年', '-', '\uD83D', '\uDE00', '𠮟', '\u{E0100}', 'A', 'ａ'), minLength: 1, maxLength: 20 }),
);

describe('mapping transforms on any string', () => {
  const covered = new Set(CONFIGS.map(([n]) => n));
  it('every registered transform is exercised here', () => {
    for (const name of TRANSFORMS.keys()) if (name !== 'join') expect(covered, name).toContain(name);
  });

  it.each(CONFIGS.map(([n, a]) => [`${n} ${JSON.stringify(a)}`, n, a] as const))('%s never throws; a failure carries a registered finding code', (_l, name, args) => {
    const def = TRANSFORMS.get(name)!;
    expect(def.kind).toBe('value');
    const t = (def as { create(a: unknown, c: TransformContext): (v: string) => TransformResult }).create(args, ctx);
    fc.assert(fc.property(anyString, (s) => {
      const r = t(s);
      if (isFailure(r)) expect(findingSpec(r.fail), r.fail).toBeDefined();
      else expect(typeof r).toBe('string');
    }), { numRuns: RUNS });
  });

  it('join never throws on any list of strings', () => {
    const def = TRANSFORMS.get('join')!;
    for (const args of [{}, { separator: '　' }, { separator: '-', skipEmpty: false }]) {
      const t = (def as { create(a: unknown, c: TransformContext): (v: readonly string[]) => TransformResult }).create(args, ctx);
      fc.assert(fc.property(fc.array(fc.oneof(anyString, fc.constant('')), { maxLength: 5 }), (vs) => {
        const r = t(vs);
        if (isFailure(r)) expect(findingSpec(r.fail)).toBeDefined();
        else expect(typeof r).toBe('string');
      }), { numRuns: RUNS });
    }
  });
});

describe('a whole compiled mapping on any record', () => {
  it('juki-kojin: apply never throws, for any field values and any field count', async () => {
    const { loadMapping, compileMapping } = await import('../../src/mapping/index.ts');
    const { compileLayout, loadLayout } = await import('../../src/layouts/index.ts');
    const mapping = await loadMapping(new URL('../../mappings/vendor-a/juki-kojin.yaml', import.meta.url).pathname);
    const layout = compileLayout(loadLayout(mapping.layout));
    const header = ['個人コード', '世帯コード', '氏名', '氏名カナ', '生年月日', '性別', '続柄', '住民となった日', '住定日', '都道府県', '市区町村', '町字', '番地', '方書', '郵便番号', '住民区分', '住民票コード', '異動事由', '異動日', '備考'];
    const compiled = compileMapping(mapping, { layoutFields: layout.fields.map((f) => f.id), sourceHeader: header });
    fc.assert(fc.property(fc.array(fc.oneof(anyString, fc.constant(''), fc.constantFrom('1', '2', '3550301', '4310501', '920-0810')), { maxLength: 24 }), (fields) => {
      const out: string[] = [];
      const issues: { code: string }[] = [];
      const ok = compiled.apply(fields, out, issues as never);
      expect(ok).toBe(issues.length === 0);
      expect(out.length).toBe(layout.fields.length);
      for (const i of issues) expect(findingSpec(i.code), i.code).toBeDefined();
      // Validation of whatever came out never throws either.
      layout.validateRecord(out.map((v) => v ?? ''), []);
    }), { numRuns: RUNS });
  });
});
