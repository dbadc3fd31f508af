import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createNormaliser } from '../../src/cleanse/normalise.ts';
import { getCharset } from '../../src/encoding/index.ts';
import { cp932ByteLength } from '../../src/layouts/index.ts';
import { normaliseStage } from '../../src/pipeline/stages/normalise.ts';
import { MAPPING, convertWith, normaliseFor, tmpDir, writeTmp } from './helpers.ts';

const t = tmpDir();
afterAll(t.done);

const fields = [
  { id: 'shimei', fieldClass: 'name' as const, charClass: ['zenkaku'] },
  { id: 'kana', fieldClass: 'kanaName' as const, charClass: ['zenkakuKana'] },
  { id: 'addr', fieldClass: 'address' as const, charClass: ['zenkaku'] },
  { id: 'code', fieldClass: 'code' as const, charClass: ['digits'] },
  { id: 'meigi', fieldClass: 'kanaName' as const, charClass: ['hankakuKana', 'alnum'] },
  { id: 'free', fieldClass: 'freeText' as const },
  { id: 'other' },
];

describe('normalisation rules', () => {
  it('folds width, composes ｶﾞ→ガ, collapses spaces to U+3000, and counts each change per field and rule', () => {
    const n = createNormaliser(fields);
    const v = ['  山田 \u3000 太郎\u3000', 'ﾔﾏｻﾞｷ ﾀﾛｰ', '東京都１−２‐３', '０１２３ ', 'ヤマダ　タロウ', ' メモ ', ' x '];
    n.normaliseRecord(v);
    expect(v).toEqual(['山田\u3000太郎', 'ヤマザキ\u3000タロー', '東京都１－２－３', '0123', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'メモ', ' x ']);
    const counts = Object.fromEntries(n.counts().map((c) => [`${c.field}.${c.rule}`, c.count]));
    expect(counts).toEqual({
      'shimei.trim': 1, 'shimei.collapseSpaces': 1,
      'kana.halfKanaToFull': 1, 'kana.collapseSpaces': 1,
      'addr.dashes': 1,
      'code.fullToHalf': 1, 'code.trim': 1,
      'meigi.toHalfWidth': 1,
      'free.trim': 1,
    });
  });
  it('kana names: hiragana → katakana, long-vowel marks; small kana kept', () => {
    const n = createNormaliser(fields);
    const v = ['', 'さとう　ゆうこｰ', '', '', '', '', ''];
    n.normaliseRecord(v);
    expect(v[1]).toBe('サトウ\u3000ユウコー');
    const w = ['', 'キャッシュ', '', '', '', '', ''];
    n.normaliseRecord(w);
    expect(w[1]).toBe('キャッシュ');
  });
  it('NFC composes NFD kana but never touches CJK compatibility ideographs; NFKC is never applied', () => {
    const n = createNormaliser(fields);
    const nfd = 'カ\u3099モウ'; // ガモウ in NFD (from a macOS source)
    const compat = '\ufa11\uf929'; // 﨑 (no decomposition) and 朗 U+F929 (NFC would turn it into U+6717)
    const v = ['\uf929' + 'が'.normalize('NFD'), nfd, '', '', '', '', ''];
    n.normaliseRecord(v);
    expect(v[0]).toBe('\uf929が');
    expect(v[1]).toBe('ガモウ');
    const w = [compat, '', '', '', '', '', ''];
    n.normaliseRecord(w);
    expect(w[0]).toBe(compat);
    const x = ['ＡＢＣ①', '', '', '', '', '', ''];
    n.normaliseRecord(x);
    expect(x[0]).toBe('ＡＢＣ①'); // no NFKC: full-width letters and circled digits stay
  });
  it('per-field configuration replaces the class rules ([] = off)', () => {
    const n = createNormaliser(fields, { fields: { shimei: [] }, fieldClasses: { code: ['trim'] } });
    const v = [' 山田 ', '', '', ' ０１ ', '', '', ''];
    n.normaliseRecord(v);
    expect(v).toEqual([' 山田 ', '', '', '０１', '', '', '']);
  });
});

describe('normalisation in the pipeline', () => {
  it('ｶﾞ→ガ in the real CP932 sample; a byte-length overflow after widening is a finding, never a truncation', async () => {
    // 備考 (biko) is 400 CP932 bytes at most; 250 half-width kana fit (250 bytes) but not once widened (500)
    const hk = 'ｱ'.repeat(250);
    const csv = '宛名番号,氏名,氏名カナ,生年月日,性別,住所,世帯番号,備考\r\n' +
      `000000000000001,山田　太郎,ﾔﾏﾀﾞ ﾀﾛｳ,19800101,1,千代田１,100000000000001,${hk}\r\n` +
      '000000000000002,山田　花子,ﾔﾏﾀﾞ ﾊﾅｺ,19800102,2,千代田１,100000000000001,ﾒﾓ\r\n';
    const input = writeTmp(t.dir, 'widen.csv', getCharset('cp932').encode(csv).bytes);
    const mapping = writeTmp(t.dir, 'widen.yaml', readFileSync(MAPPING, 'utf8') + '  biko: 備考\n');
    expect(cp932ByteLength(hk)).toBe(250);
    const r = await convertWith({
      dir: t.dir,
      input,
      mapping,
      beforeValidate: (fs) => [normaliseFor(fs), normaliseStage(createNormaliser(fs.map((f) => ({ id: f.id })), { fields: { biko: ['halfKanaToFull'] } }))],
    });
    const over = r.findings.filter((f) => f.code === 'LAYOUT_TOO_LONG');
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ field: 'biko', location: { record: 2 }, params: { max: 400, actual: 500, unit: 'bytes' } });
    expect(r.stats).toMatchObject({ read: 2, written: 1, rejected: 1 });
    expect(r.text).toContain('ヤマダ　ハナコ');
    expect(r.text).toContain('メモ');
    expect(r.text).not.toContain('ア'.repeat(200)); // the overflowing record was not written, let alone truncated
  });
});
