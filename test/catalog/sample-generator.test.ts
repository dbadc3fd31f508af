import { describe, it, expect } from 'vitest';
import { loadCatalog, catalogLayoutIds, loadLayout, compileLayout, type FieldIssue, type CompiledLayout } from '../../src/layouts/index.ts';
import { generateRecord, createRng, faultFields, FAULTS, toHankakuKana, dantaiCheckDigit } from '../../src/layouts/sample-generator.ts';
import { samplePattern } from '../../src/layouts/sample-regex.ts';
import { cp932ByteLength } from '../../src/layouts/text-length.ts';
import { checkIdentifier, IDENT_OK, IDENT_CHECK_DIGIT } from '../../src/layouts/check-digits.ts';

const layouts: CompiledLayout[] = catalogLayoutIds(loadCatalog()).map((id) => compileLayout(loadLayout(id)));
const byId = new Map(layouts.map((l) => [l.id, l]));

describe('generateRecord — valid', () => {
  it('gives records that pass both the fast validator and ajv, for every file of every domain', () => {
    const rng = createRng(20261123);
    for (const l of layouts) {
      for (let i = 0; i < 25; i++) {
        const values = generateRecord(l, rng, { variant: 'valid' });
        expect(values.length).toBe(l.fields.length);
        const fast: FieldIssue[] = [];
        const ajv: FieldIssue[] = [];
        expect(l.validateRecord(values, fast), `${l.id}: ${JSON.stringify(fast)}`).toBe(true);
        expect(l.validateWithAjv(values, ajv), `${l.id}: ${JSON.stringify(ajv)}`).toBe(true);
      }
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const l = byId.get('kokuho/hihokensha')!;
    const a = [generateRecord(l, createRng(7)), generateRecord(l, createRng(7))];
    expect(a[0]).toEqual(a[1]);
    expect(generateRecord(l, createRng(8))).not.toEqual(a[0]);
  });

  it('keeps a record about one person: kana matches the name, 西暦 and 和暦 birth dates agree in form', () => {
    const l = byId.get('juki/kojin')!;
    const rng = createRng(3);
    for (let i = 0; i < 50; i++) {
      const v = generateRecord(l, rng);
      const at = (id: string) => v[l.fieldIndex.get(id)!];
      expect(at('shimei')).toMatch(/^\S+\u3000\S+$/u);
      expect(at('shimeiKana')).toMatch(/^[\u30a1-\u30fc]+\u3000[\u30a1-\u30fc]+$/);
      const w = at('seinengappiWareki');
      if (w !== '') expect(w).toMatch(/^0?[1-5]\d{6}$/);
    }
  });

  it('writes account names in half-width kana within their byte limit', () => {
    const l = byId.get('shutai/kouza')!;
    const v = generateRecord(l, createRng(11));
    const name = v[l.fieldIndex.get('kouzaMeigiKana')!];
    expect(name).toMatch(/^[\uff61-\uff9f ]+$/);
    expect(cp932ByteLength(name)).toBeLessThanOrEqual(30);
    expect(toHankakuKana('ガッコウ\u3000タロウ')).toBe('ｶﾞﾂｺｳ ﾀﾛｳ');
  });

  it('uses 団体コード with a correct check digit', () => {
    expect(dantaiCheckDigit('13101')).toBe('6'); // 千代田区 131016
    const l = byId.get('kaigo/hihokensha')!;
    const dc = generateRecord(l, createRng(5))[0];
    expect(dc.slice(5)).toBe(dantaiCheckDigit(dc.slice(0, 5)));
  });

  it('samples the identifier patterns the layouts use', () => {
    const rng = createRng(1);
    for (const p of ['^(19|20)[0-9]{2}(0[1-9]|1[0-2])$', '^[0-9]{1,9}(\\.[0-9]{1,2})?$', '^T[0-9]{13}$', '^[0-9]{2}(-[0-9]{2}){0,2}$']) {
      for (let i = 0; i < 50; i++) expect(samplePattern(p, rng)).toMatch(new RegExp(p, 'u'));
    }
    expect(samplePattern('(?<=a)b', rng)).toBeUndefined();
  });
});

describe('generateRecord — invalid', () => {
  it('breaks one field per fault and the validator raises the promised finding for that field', () => {
    const rng = createRng(99);
    const seen = new Map<string, number>();
    for (const l of layouts) {
      for (const fault of FAULTS) {
        if (faultFields(l, fault).length === 0) continue;
        const bad = generateRecord(l, rng, { variant: 'invalid', fault });
        const fast: FieldIssue[] = [];
        expect(l.validateRecord(bad.values, fast)).toBe(false);
        expect(fast, `${l.id} ${fault} ${bad.field}`).toContainEqual(expect.objectContaining({ field: bad.field, code: bad.code }));
        // Only the broken field is reported: the rest of the record stays valid.
        expect(fast.every((i) => i.field === bad.field), `${l.id} ${fault}: ${JSON.stringify(fast)}`).toBe(true);
        expect(l.validateWithAjv(bad.values, [])).toBe(false);
        seen.set(bad.code, (seen.get(bad.code) ?? 0) + 1);
      }
    }
    for (const code of ['LAYOUT_REQUIRED', 'LAYOUT_TOO_LONG', 'LAYOUT_CHAR_CLASS', 'LAYOUT_DATE_INVALID', 'LAYOUT_CODE_UNKNOWN', 'LAYOUT_PATTERN', 'LAYOUT_CHECK_DIGIT']) {
      expect(seen.get(code) ?? 0, code).toBeGreaterThan(0);
    }
  });

  it('can break a chosen field: byte lengths, 和暦 eras, 半角カナ classes', () => {
    const kouza = byId.get('shutai/kouza')!;
    const tooLong = generateRecord(kouza, createRng(1), { variant: 'invalid', fault: 'length', field: 'kouzaMeigiKana' });
    const out: FieldIssue[] = [];
    kouza.validateRecord(tooLong.values, out);
    expect(out).toContainEqual(expect.objectContaining({ code: 'LAYOUT_TOO_LONG', field: 'kouzaMeigiKana', params: expect.objectContaining({ unit: 'bytes', max: 30 }) }));

    const kojin = byId.get('juki/kojin')!;
    const era = generateRecord(kojin, createRng(2), { variant: 'invalid', fault: 'date', field: 'seinengappiWareki' });
    expect(era.code).toBe('LAYOUT_DATE_OUTSIDE_ERA');
    const out2: FieldIssue[] = [];
    kojin.validateRecord(era.values, out2);
    expect(out2).toContainEqual(expect.objectContaining({ code: 'LAYOUT_DATE_OUTSIDE_ERA', field: 'seinengappiWareki' }));

    const cc = generateRecord(kouza, createRng(3), { variant: 'invalid', fault: 'charClass', field: 'kouzaMeigiKana' });
    const out3: FieldIssue[] = [];
    kouza.validateRecord(cc.values, out3);
    expect(out3).toContainEqual(expect.objectContaining({ code: 'LAYOUT_CHAR_CLASS', field: 'kouzaMeigiKana', params: expect.objectContaining({ position: 1 }) }));
  });

  it('gives 個人番号 and 法人番号 valid check digits, and breaks only the check digit on request', () => {
    const rng = createRng(42);
    for (const [id, field] of [['juki/kojin', 'kojinNo'], ['hojinjumin/hojin', 'hojinNo'], ['zaimu/saikensha', 'hojinNo']] as const) {
      const l = byId.get(id)!;
      const i = l.fieldIndex.get(field)!;
      for (let k = 0; k < 30; k++) {
        const v = generateRecord(l, rng, { variant: 'valid', fillOptional: 1 })[i];
        expect(checkIdentifier(l.fields[i].identifier!, v), `${id} ${v}`).toBe(IDENT_OK);
        const bad = generateRecord(l, rng, { variant: 'invalid', fault: 'checkDigit', field });
        expect(bad.code).toBe('LAYOUT_CHECK_DIGIT');
        expect(checkIdentifier(l.fields[i].identifier!, bad.values[i])).toBe(IDENT_CHECK_DIGIT);
      }
    }
  });

  it('refuses a fault the field cannot carry', () => {
    const l = byId.get('juki/kojin')!;
    expect(() => generateRecord(l, createRng(1), { variant: 'invalid', fault: 'date', field: 'shimei' })).toThrow(/cannot carry/);
  });
});
