import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { charLength, codePointLength, byteLengthIn, cp932ByteLength, utf8ByteLength } from '../../src/layouts/index.ts';

/** Every character CP932 can encode as a double-byte sequence outside the user-defined area, found by decoding real bytes. */
function cp932DoubleByteChars(): string[] {
  const dec = new TextDecoder('shift_jis');
  const out = new Set<string>();
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    if (lead >= 0xf0 && lead <= 0xf9) continue; // user-defined area: PUA, iconv-lite cannot encode it
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const s = dec.decode(Uint8Array.of(lead, trail));
      if (s.length === 1 && s !== '\ufffd') out.add(s);
    }
  }
  return [...out];
}

describe('charLength', () => {
  it('counts an IVS sequence (base + U+E0100) as one character', () => {
    expect(charLength('辻\u{E0100}')).toBe(1);
    expect(charLength('渡邉\u{E0104}太郎')).toBe(4);
    expect(codePointLength('辻\u{E0100}')).toBe(2);
  });
  it('counts an SVS (U+FE00–FE0F) with its base and astral characters as one', () => {
    expect(charLength('葛\uFE00')).toBe(1);
    expect(charLength('𠮟る')).toBe(2);
    expect(charLength('a\uFE0F')).toBe(1);
  });
  it('counts PUA 外字 and U+3000 as one character each', () => {
    expect(charLength('山\uE000\u3000花子')).toBe(5);
  });
  it('equals the number of code points minus selectors, on random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const cps = Array.from(s);
      const selectors = cps.filter((c, i) => i > 0 && /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u.test(c)).length;
      expect(charLength(s)).toBe(cps.length - selectors);
    }));
  });
});

describe('byteLengthIn', () => {
  it('counts half-width kana as 1 byte and full-width as 2 in cp932', () => {
    expect(byteLengthIn('cp932', 'ﾔﾏﾀﾞ ﾀﾛｳ')).toBe(8); // 7 kana (ﾞ is its own byte) + space
    expect(byteLengthIn('cp932', 'ヤマダ　タロウ')).toBe(14);
    expect(byteLengthIn('cp932', 'ABC１２３')).toBe(9);
    expect(byteLengthIn('shift_jis', '\uE000')).toBe(2);
    expect(byteLengthIn('cp932', '辻\u{E0100}')).toBe(2);
  });
  it('agrees with a real CP932 encoder (iconv-lite) on representable text', () => {
    const dbcs = cp932DoubleByteChars();
    expect(dbcs.length).toBeGreaterThan(7000);
    const ch = fc.oneof(
      fc.constantFrom(...dbcs),
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0xff61, max: 0xff9f }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(fc.property(fc.array(ch, { maxLength: 40 }).map((a) => a.join('')), (s) => {
      expect(cp932ByteLength(s)).toBe(iconv.encode(s, 'cp932').length);
    }), { numRuns: 500 });
  });
  it('utf-8 agrees with Buffer.byteLength', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s, 'utf8'));
      expect(byteLengthIn('utf-8', s)).toBe(Buffer.byteLength(s, 'utf8'));
    }));
  });
  it('rejects a charset it has no rule for', () => {
    expect(() => byteLengthIn('ebcdic', 'a')).toThrow(/no byte-length rule/);
  });
});
