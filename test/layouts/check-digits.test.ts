/**
 * x-identifier: published check-digit rules, checked against numbers computed here by a separate
 * reading of the rules and against published numbers (国税庁 and トヨタ自動車 法人番号, 団体コード of
 * 千代田区 / 札幌市 / 横浜市, the 個人番号 specimen 123456789018).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  loadLayout, compileLayout, checkIdentifier, IDENT_OK, IDENT_FORM, IDENT_CHECK_DIGIT, maskFor, type FieldIssue,
} from '../../src/layouts/index.ts';
import { findingSpec, renderFinding } from '../../src/core/finding.ts';
import { scratchSchemas, layoutDoc } from './fixtures.ts';

// Independent readings of the rules (digits indexed from the right, as the 政令/省令 write them).
function refMyNumber(first11: string): number {
  const p = [...first11].reverse().map(Number);
  const q = (n: number) => (n <= 6 ? n + 1 : n - 5);
  const r = p.reduce((s, d, i) => s + d * q(i + 1), 0) % 11;
  return r <= 1 ? 0 : 11 - r;
}
function refHoujin(last12: string): number {
  const p = [...last12].reverse().map(Number);
  return 9 - (p.reduce((s, d, i) => s + d * ((i + 1) % 2 === 1 ? 1 : 2), 0) % 9);
}
function refDantai(first5: string): number {
  const r = [...first5].map(Number).reduce((s, d, i) => s + d * (6 - i), 0) % 11;
  const c = 11 - r;
  return c >= 10 ? c - 10 : c;
}

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

describe('check digits', () => {
  it('accepts published numbers', () => {
    expect(checkIdentifier('houjinNo', '7000012050002')).toBe(IDENT_OK); // 国税庁
    expect(checkIdentifier('houjinNo', '1180301018771')).toBe(IDENT_OK); // トヨタ自動車株式会社
    expect(checkIdentifier('dantaiCode', '131016')).toBe(IDENT_OK); // 千代田区
    expect(checkIdentifier('dantaiCode', '011002')).toBe(IDENT_OK); // 札幌市
    expect(checkIdentifier('dantaiCode', '141003')).toBe(IDENT_OK); // 横浜市
    expect(checkIdentifier('mynumber', '123456789018')).toBe(IDENT_OK);
  });

  it('rejects the same numbers with any other check digit', () => {
    for (let d = 0; d <= 9; d++) {
      if (d !== 7) expect(checkIdentifier('houjinNo', `${d}000012050002`)).toBe(IDENT_CHECK_DIGIT);
      if (d !== 6) expect(checkIdentifier('dantaiCode', `13101${d}`)).toBe(IDENT_CHECK_DIGIT);
      if (d !== 8) expect(checkIdentifier('mynumber', `12345678901${d}`)).toBe(IDENT_CHECK_DIGIT);
    }
  });

  it('agrees with an independent implementation on random numbers (exactly one check digit is valid)', () => {
    fc.assert(fc.property(digits(11), fc.integer({ min: 0, max: 9 }), (base, d) => {
      expect(checkIdentifier('mynumber', base + d)).toBe(d === refMyNumber(base) ? IDENT_OK : IDENT_CHECK_DIGIT);
    }), { numRuns: 3000 });
    fc.assert(fc.property(digits(12), fc.integer({ min: 0, max: 9 }), (base, d) => {
      expect(checkIdentifier('houjinNo', d + base)).toBe(d === refHoujin(base) ? IDENT_OK : IDENT_CHECK_DIGIT);
    }), { numRuns: 3000 });
    fc.assert(fc.property(digits(5), fc.integer({ min: 0, max: 9 }), (base, d) => {
      expect(checkIdentifier('dantaiCode', base + d)).toBe(d === refDantai(base) ? IDENT_OK : IDENT_CHECK_DIGIT);
    }), { numRuns: 3000 });
  });

  it('covers the remainder edge cases (個人番号 r ≤ 1 → 0; 団体コード r = 0 → 1, r = 1 → 0)', () => {
    // 00000000000: r = 0 → 0; 00000000001: P1=1,Q1=2 → r = 2 → 9; 00000100000: P6=1,Q6=7 → 4.
    expect(checkIdentifier('mynumber', '000000000000')).toBe(IDENT_OK);
    expect(checkIdentifier('mynumber', '000000000019')).toBe(IDENT_OK);
    expect(checkIdentifier('mynumber', '000001000004')).toBe(IDENT_OK);
    expect(checkIdentifier('mynumber', '000000000060')).toBe(IDENT_OK); // 6×2 = 12, r = 1 → 0
    expect(checkIdentifier('dantaiCode', '000001')).toBe(IDENT_OK); // Σ = 0 → 11 → 1
    expect(checkIdentifier('dantaiCode', '000400')).toBe(IDENT_OK); // 4×3 = 12, r = 1 → 10 → 0
    expect(checkIdentifier('dantaiCode', '000205')).toBe(IDENT_OK); // 2×3 = 6 → 5
  });

  it('rejects the wrong form: length, full-width digits, hyphens where not allowed', () => {
    expect(checkIdentifier('mynumber', '12345678901')).toBe(IDENT_FORM);
    expect(checkIdentifier('mynumber', '１２３４５６７８９０１８')).toBe(IDENT_FORM);
    expect(checkIdentifier('houjinNo', '700001205000')).toBe(IDENT_FORM);
    expect(checkIdentifier('yubinNo', '1000013')).toBe(IDENT_OK);
    expect(checkIdentifier('yubinNo', '100-0013')).toBe(IDENT_FORM);
    expect(checkIdentifier('yubinNoHyphen', '100-0013')).toBe(IDENT_OK);
    expect(checkIdentifier('yubinNoHyphen', '1000013')).toBe(IDENT_OK);
    expect(checkIdentifier('yubinNoHyphen', '1000-013')).toBe(IDENT_FORM);
    expect(checkIdentifier('yubinNoHyphen', '100ー0013')).toBe(IDENT_FORM);
  });
});

describe('x-identifier keyword (ajv strict and the fast validator)', () => {
  const dir = scratchSchemas({
    'test/ids.schema.json': layoutDoc('test/ids', {
      my: { type: 'string', title: '個人番号', 'x-identifier': 'mynumber', 'x-personal': 'mynumber' },
      hj: { type: 'string', title: '法人番号', 'x-identifier': 'houjinNo' },
      dc: { type: 'string', title: '団体コード', 'x-identifier': 'dantaiCode' },
      zip: { type: 'string', title: '郵便番号', 'x-identifier': 'yubinNo' },
      zipH: { type: 'string', title: '郵便番号(ハイフン可)', 'x-identifier': 'yubinNoHyphen' },
      myLen: { type: 'string', title: '個人番号2', 'x-identifier': 'mynumber', 'x-length': { max: 12, unit: 'characters' } },
    }),
  });
  const l = compileLayout(loadLayout('test/ids', { schemasDir: dir }));
  const run = (values: string[]) => {
    const fast: FieldIssue[] = [];
    const fastOk = l.validateRecord(values, fast);
    const ajvOk = l.validateWithAjv(values, []);
    expect(fastOk).toBe(ajvOk);
    return fast.map((i) => `${i.field}:${i.code}`);
  };

  it('accepts valid numbers and empty values', () => {
    expect(run(['123456789018', '7000012050002', '131016', '1000013', '100-0013', '123456789018'])).toEqual([]);
    expect(run(['', '', '', '', '', ''])).toEqual([]);
  });

  it('raises LAYOUT_CHECK_DIGIT for a wrong check digit and LAYOUT_IDENTIFIER_FORM for a wrong form, once per field', () => {
    expect(run(['123456789012', '8000012050002', '131017', '1000013', '1000013', ''])).toEqual([
      'my:LAYOUT_CHECK_DIGIT', 'hj:LAYOUT_CHECK_DIGIT', 'dc:LAYOUT_CHECK_DIGIT',
    ]);
    expect(run(['12345', '', '13101', '100-0013', '100 0013', '1234567890123'])).toEqual([
      'my:LAYOUT_IDENTIFIER_FORM', 'dc:LAYOUT_IDENTIFIER_FORM', 'zip:LAYOUT_IDENTIFIER_FORM', 'zipH:LAYOUT_IDENTIFIER_FORM',
      'myLen:LAYOUT_TOO_LONG', // not also a form finding
    ]);
  });

  it('ajv strict mode refuses an unknown identifier kind', () => {
    const bad = scratchSchemas({ 'test/bad.schema.json': layoutDoc('test/bad', { x: { type: 'string', title: 'x', 'x-identifier': 'isbn' } }) });
    expect(() => compileLayout(loadLayout('test/bad', { schemasDir: bad }))).toThrow(/x-identifier/);
  });

  it('messages name the identifier and never the value', () => {
    const out: FieldIssue[] = [];
    l.validateRecord(['123456789012', '', '', '', '', ''], out);
    const f = { code: out[0].code, severity: 'error' as const, location: { file: 'a.csv' }, params: out[0].params };
    expect(findingSpec('LAYOUT_CHECK_DIGIT')?.severity).toBe('error');
    expect(renderFinding(f, 'ja')).toContain('個人番号の検査数字');
    expect(renderFinding(f, 'en')).not.toContain('123456789012');
  });

  it('the shipped 個人番号 and 法人番号 carry the keyword', () => {
    expect(compileLayout(loadLayout('juki/kojin')).fields.find((f) => f.id === 'kojinNo')?.identifier).toBe('mynumber');
    expect(compileLayout(loadLayout('hojinjumin/hojin')).fields.find((f) => f.id === 'hojinNo')?.identifier).toBe('houjinNo');
    expect(compileLayout(loadLayout('juki/kojin')).fields.find((f) => f.id === 'yubinNo')?.identifier).toBe('yubinNo');
  });
});

describe('maskFor', () => {
  it('masks 個人番号 entirely and other fields with the core rule', () => {
    const kojin = compileLayout(loadLayout('juki/kojin'));
    const f = (id: string) => kojin.fields.find((x) => x.id === id)!;
    expect(maskFor(f('kojinNo'))('123456789018')).toBe('************');
    expect(maskFor(f('kojinNo'))('12345')).toBe('*****');
    expect(maskFor({ identifier: 'mynumber' })('123456789018')).not.toMatch(/\d/);
    expect(maskFor(f('atenaNo'))('000000012345')).toBe('00********45');
    expect(maskFor(undefined)('山田太郎')).toBe('山＊＊＊');
  });
});
