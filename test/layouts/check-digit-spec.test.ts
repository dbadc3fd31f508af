/**
 * `x-checkDigit`: a check digit with modulus and weights as parameters (宛名番号 rules differ by
 * municipality). The published rules, written as parameters, agree with check-digits.ts on every
 * number tried; a layout that turns the rule on rejects a wrong digit through both the fast
 * validator and ajv; the sample generator makes valid numbers; the 番号検査 cell round-trips through
 * export and import; a mapping can turn the same rule on for one field (the checkDigit transform).
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileLayout, loadLayout, myNumberCheckDigit, dantaiCheckDigitOf, type FieldIssue } from '../../src/layouts/index.ts';
import { checkCheckDigit, computeCheckDigit, parseCheckDigitText, checkDigitText, CD_OK, CD_WRONG, CD_FORM, type CheckDigitSpec } from '../../src/layouts/check-digit-spec.ts';
import { createRng, generateRecord } from '../../src/layouts/sample-generator.ts';
import { exportLayouts, importLayouts } from '../../src/api/layouts.ts';
import { layoutDoc, scratchSchemas } from './fixtures.ts';
import { TRANSFORMS, isFailure } from '../../src/mapping/transforms/index.ts';
import { tempDir } from '../helpers/temp.ts';

const MYNUMBER: CheckDigitSpec = { modulus: 11, weights: [2, 3, 4, 5, 6, 7], map: { 10: '0', 11: '0' } };
const DANTAI: CheckDigitSpec = { modulus: 11, weights: [2, 3, 4, 5, 6], map: { 10: '0', 11: '1' } };
const LUHN: CheckDigitSpec = { modulus: 10, weights: [2, 1], digitSum: true, map: { 10: '0' } };

function digits(rng: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rng() * 10);
  return s;
}

describe('check digits with parameters', () => {
  it('the published rules as parameters agree with check-digits.ts; Luhn as the textbook gives it', () => {
    const rng = createRng(7);
    for (let i = 0; i < 2000; i++) {
      const d11 = digits(rng, 11);
      expect(computeCheckDigit(MYNUMBER, d11)).toBe(String(myNumberCheckDigit(d11)));
      const d5 = digits(rng, 5);
      expect(computeCheckDigit(DANTAI, d5)).toBe(String(dantaiCheckDigitOf(d5)));
    }
    expect(checkCheckDigit(LUHN, '79927398713')).toBe(CD_OK); // the usual Luhn example
    expect(checkCheckDigit(LUHN, '79927398710')).toBe(CD_WRONG);
    expect(checkCheckDigit(DANTAI, '131016')).toBe(CD_OK); // 千代田区
    expect(checkCheckDigit({ ...DANTAI, length: 6 }, '13101')).toBe(CD_FORM);
    expect(checkCheckDigit(DANTAI, '1310１6')).toBe(CD_FORM);
    // Without a map, a check value of 10 has no digit: no number with those data digits is valid.
    const noMap: CheckDigitSpec = { modulus: 11, weights: [2, 3, 4, 5, 6, 7] };
    const d = Array.from({ length: 200 }, () => digits(rng, 7)).find((x) => computeCheckDigit(MYNUMBER, x.padStart(11, '0')) !== undefined && computeCheckDigit(noMap, x) === undefined)!;
    for (let c = 0; c <= 9; c++) expect(checkCheckDigit(noMap, d + c)).toBe(CD_WRONG);
    // A leading check digit.
    const first: CheckDigitSpec = { modulus: 10, weights: [3, 1], position: 'first', map: { 10: '0' } };
    const v = computeCheckDigit(first, '1234567')! + '1234567';
    expect(checkCheckDigit(first, v)).toBe(CD_OK);
  });

  it('the 番号検査 cell form reads back to the same rule', () => {
    for (const s of [MYNUMBER, DANTAI, LUHN, { modulus: 7, weights: [1], position: 'first', result: 'remainder', length: 9, name: '世帯番号' } as CheckDigitSpec]) {
      const text = checkDigitText(s);
      expect(parseCheckDigitText(text)).toEqual(s);
    }
    expect(checkDigitText(MYNUMBER)).toBe('検査数字 mod 11; weights 2,3,4,5,6,7; 10=0, 11=0');
    expect(parseCheckDigitText('検査数字 mod 11; weights 2,x')).toBeUndefined();
  });

  it('is off unless a layout turns it on; then both validators reject a wrong digit, and the generator makes valid numbers', () => {
    const spec = { ...MYNUMBER, length: 10, name: '宛名番号' };
    const dir = scratchSchemas({
      'test/on.schema.json': layoutDoc('test/on', { atenaNo: { type: 'string', title: '宛名番号', 'x-charClass': 'digits', 'x-length': { min: 10, max: 10, unit: 'characters' }, 'x-checkDigit': spec } }, { required: ['atenaNo'] }),
      'test/off.schema.json': layoutDoc('test/off', { atenaNo: { type: 'string', title: '宛名番号' } }),
    });
    const on = compileLayout(loadLayout('test/on', { schemasDir: dir }));
    const off = compileLayout(loadLayout('test/off', { schemasDir: dir }));
    const good = digits(createRng(3), 9).padStart(9, '1');
    const valid = good + (computeCheckDigit(spec, good) ?? '');
    const wrong = valid.slice(0, -1) + String((Number(valid.at(-1)) + 1) % 10);
    const run = (l: typeof on, v: string, ajv = false) => {
      const out: FieldIssue[] = [];
      (ajv ? l.validateWithAjv([v], out) : l.validateRecord([v], out));
      return out.map((x) => x.code);
    };
    if (valid.length === 10) {
      expect(run(on, valid)).toEqual([]);
      expect(run(on, valid, true)).toEqual([]);
    }
    expect(run(on, wrong)).toEqual(['LAYOUT_CHECK_DIGIT']);
    expect(run(on, wrong, true).length).toBeGreaterThan(0);
    expect(run(on, '12345')).toEqual(['LAYOUT_TOO_SHORT']);
    const formOnly = compileLayout(loadLayout('test/off', { schemasDir: scratchSchemas({ 'test/off.schema.json': layoutDoc('test/off', { atenaNo: { type: 'string', title: '宛名番号', 'x-checkDigit': spec } }) }) }));
    expect(run(formOnly, '12345')).toEqual(['LAYOUT_IDENTIFIER_FORM']);
    expect(run(off, wrong)).toEqual([]);
    const issue: FieldIssue[] = [];
    on.validateRecord([wrong], issue);
    expect(issue[0].params).toMatchObject({ identifier: 'checkDigit', identifierJa: '宛名番号' });
    const rng = createRng(11);
    for (let i = 0; i < 50; i++) {
      const [v] = generateRecord(on, rng, { variant: 'valid' }) as string[];
      expect(checkCheckDigit(spec, v)).toBe(CD_OK);
    }
    const bad = generateRecord(on, rng, { variant: 'invalid', fault: 'checkDigit' });
    expect(bad.code).toBe('LAYOUT_CHECK_DIGIT');
  });

  it('export writes the rule into 番号検査 and import reads it back', async () => {
    const spec = { ...MYNUMBER, length: 10, name: '宛名番号' };
    const base = scratchSchemas({ 'test/on.schema.json': layoutDoc('test/on', { atenaNo: { type: 'string', title: '宛名番号', 'x-checkDigit': spec } }) });
    writeFileSync(join(base, 'catalog.json'), JSON.stringify({ catalogVersion: '1', id: 't', name: 't', domains: [{ id: 'test', name: 'テスト', files: [{ id: 'on', name: '宛名', layout: 'test/on', fileName: 'ON.csv' }] }] }));
    const dir = tempDir('chukan-cd-');
    const book = join(dir, 'b.xlsx');
    writeFileSync(book, await exportLayouts('test', 'xlsx', { schemasDir: base }));
    const out = join(dir, 's');
    const r = await importLayouts({ book, out, date: '2026-01-01' });
    expect(r.unmapped).toEqual([]);
    const l = compileLayout(loadLayout('test/on', { schemasDir: out }));
    expect(l.fields[0].checkDigit).toEqual(spec);
  });

  it('a mapping turns it on for one field with the checkDigit transform', () => {
    const t = TRANSFORMS.get('checkDigit')!;
    const f = (t as { create: (a: Record<string, unknown>, c: unknown) => (v: string) => unknown }).create({ modulus: 11, weights: ['2', '3', '4', '5', '6'], map: { 10: '0', 11: '1' } }, { file: 'm.yaml', dir: '.', field: 'dantaiCode' });
    expect(f('131016')).toBe('131016');
    const r = f('131017');
    expect(isFailure(r as never)).toBe(true);
    expect((r as { fail: string }).fail).toBe('TX_CHECK_DIGIT');
  });
});
