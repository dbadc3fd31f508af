// EBCDIC decoders checked against glibc iconv as the oracle: iconv produces the bytes from UTF-8
// (the direction our tables were NOT generated from), we decode them and compare with the input.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { getEbcdicCharset, createVendorCharset, parseCodeTable, createTableCharset } from '../../src/encoding/ebcdic/index.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp.ts';

function iconvTo(charset: string, text: string): Buffer {
  return execFileSync('/usr/bin/iconv', ['-f', 'UTF-8', '-t', charset], { input: Buffer.from(text, 'utf8') });
}

describe('EBCDIC single-byte', () => {
  it('IBM037 decodes what iconv encodes', () => {
    const text = 'Hello, World! 0123456789 abc XYZ $@#%&*()';
    const bytes = iconvTo('IBM037', text);
    expect(bytes[0]).toBe(0xc8); // sanity: it really is EBCDIC
    expect(getEbcdicCharset('ibm037')!.decode(bytes)).toBe(text);
    expect(getEbcdicCharset('CP037')!.name).toBe('ibm037');
  });

  it('EBCDIC-JP-KANA (EBCDIK) decodes katakana, digits and upper-case', () => {
    // glibc writes full-width katakana to EBCDIK; chukan reads them half-width (as IBM, ICU and
    // Java do) unless asked for full width.
    const text = 'ABC 123 アイウエオ カキクケコ ヲンー';
    const bytes = iconvTo('EBCDIC-JP-KANA', text);
    expect(getEbcdicCharset('ebcdic-jp-kana')!.decode(bytes)).toBe('ABC 123 ｱｲｳｴｵ ｶｷｸｹｺ ｦﾝｰ');
    expect(getEbcdicCharset('ebcdic-jp-kana', { kana: 'full' })!.decode(bytes)).toBe(text);
    expect(getEbcdicCharset('ibm290', { kana: 'full' })!.decode(iconvTo('IBM290', text))).toBe(text);
  });

  it('reports an unmapped byte with its offset', () => {
    const cs = getEbcdicCharset('ebcdic-jp-kana')!;
    const bytes = Uint8Array.from([0xc1, 0xfa, 0xc2]); // 0xFA: unmapped in CCSID 290
    expect(cs.decode(bytes)).toBe('A\uFFFDB');
    expect(cs.findInvalid(bytes)).toEqual([{ offset: 1, length: 1, kind: 'invalid' }]);
  });
});

describe('EBCDIC mixed single/double-byte (SO/SI)', () => {
  const samples = ['山田太郎 ABC 123', '東京都千代田区霞が関２丁目１番２号', 'ﾔﾏﾀﾞ ﾀﾛｳ', '髙橋　一郎', '住所：大阪府（テスト）'];
  for (const cs of ['IBM930', 'IBM939']) {
    it(`${cs} decodes what iconv encodes`, () => {
      const dec = getEbcdicCharset(cs)!;
      for (const s of samples) {
        const text = cs === 'IBM930' ? s : s.toLowerCase();
        const bytes = iconvTo(cs, text);
        expect(bytes.includes(0x0e) || !/[^\x00-\x7f\uff61-\uff9f]/.test(text)).toBe(true);
        expect(dec.decode(bytes)).toBe(text);
        expect(dec.findInvalid(bytes)).toEqual([]);
      }
    });
  }

  it('IBM939 single-byte part has lower-case Latin where IBM930 has katakana', () => {
    const b = iconvTo('IBM939', 'abc');
    expect(getEbcdicCharset('ibm939')!.decode(b)).toBe('abc');
    expect(getEbcdicCharset('ibm930')!.decode(b)).not.toBe('abc');
  });

  it('every JIS X 0208 kanji that iconv can put in IBM930 decodes back to itself', () => {
    // All CP932 level-1/2 kanji (lead 0x88–0x9F, 0xE0–0xEA), one per line.
    const sjis = new TextDecoder('shift_jis');
    const chars: string[] = [];
    for (let lead = 0x88; lead <= 0xea; lead++) {
      if (lead > 0x9f && lead < 0xe0) continue;
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        if (trail === 0x7f) continue;
        const ch = sjis.decode(Uint8Array.from([lead, trail]));
        if (ch.length === 1 && ch !== '\uFFFD') chars.push(ch);
      }
    }
    const out = execFileSync('/usr/bin/iconv', ['-c', '-f', 'UTF-8', '-t', 'IBM930'], { input: Buffer.from(chars.join('\n'), 'utf8') });
    // Split the EBCDIC output on its LF (0x25, outside SO…SI).
    const dec = getEbcdicCharset('ibm930')!;
    const decoded = dec.decode(out).split('\n');
    expect(decoded.length).toBe(chars.length);
    let compared = 0;
    decoded.forEach((d, i) => { if (d !== '') { expect(d).toBe(chars[i]); compared++; } });
    expect(compared).toBeGreaterThan(6000);
  });

  it('user-defined area maps to PUA (外字) like iconv', () => {
    const bytes = Uint8Array.from([0x0e, 0x69, 0x41, 0x69, 0x42, 0x0f]);
    const oracle = execFileSync('/usr/bin/iconv', ['-f', 'IBM930', '-t', 'UTF-8'], { input: bytes }).toString('utf8');
    expect(getEbcdicCharset('ibm930')!.decode(bytes)).toBe(oracle);
    expect(oracle).toBe('\uE000\uE001');
  });

  it('reports a field that ends inside SO…SI and a cut double-byte character', () => {
    const cs = getEbcdicCharset('ibm930')!;
    expect(cs.findInvalid(Uint8Array.from([0xc1, 0x0e, 0x45, 0x65]))).toEqual([{ offset: 1, length: 0, kind: 'truncated' }]);
    expect(cs.findInvalid(Uint8Array.from([0x0e, 0x45, 0x65, 0x45]))).toEqual([{ offset: 3, length: 1, kind: 'truncated' }, { offset: 0, length: 0, kind: 'truncated' }]);
  });

  it('decodes DBCS-only (graphic) fields without shift bytes', () => {
    const cs = getEbcdicCharset('ibm930')!;
    const bytes = iconvTo('IBM930', '山田');
    const inner = bytes.subarray(1, bytes.indexOf(0x0f));
    expect(cs.decodeField(inner, true).text).toBe('山田');
  });

  it('stream decoder keeps shift state across chunks', () => {
    const cs = getEbcdicCharset('ibm930')!;
    const bytes = iconvTo('IBM930', 'ABC山田太郎XYZ');
    const sd = cs.createStreamDecoder();
    let text = '';
    for (let i = 0; i < bytes.length; i += 3) text += sd.write(bytes.subarray(i, i + 3)).text;
    text += sd.end().text;
    expect(text).toBe('ABC山田太郎XYZ');
  });

  it('encode round-trips and reports unrepresentable characters', () => {
    const cs = getEbcdicCharset('ibm930')!;
    const r = cs.encode('ABC山田');
    expect(Buffer.from(r.bytes)).toEqual(iconvTo('IBM930', 'ABC山田'));
    expect(cs.encode('A😀').unrepresentable).toEqual([{ index: 1, codePoint: 0x1f600 }]);
  });
});

describe('vendor table with configurable shift bytes (JEF style)', () => {
  it('decodes with 0x28/0x38 in and 0x29 out, and a PUA range line', () => {
    const dir = tempDir('chukan-jef-');
    const path = join(dir, 'jef.dbcs.txt');
    // A tiny JEF-like table: two kanji and the user-defined area start as a range onto PUA.
    writeFileSync(path, '# test table\nB3BB\tU+5C71\nC5C4\tU+7530\n80A1..81A3\tU+E000\n');
    const jef = createVendorCharset({ name: 'jef-test', sbcs: 'ebcdic-jp-kana', dbcs: path, shiftOut: [0x28, 0x38], shiftIn: [0x29] });
    const bytes = Uint8Array.from([0xc1, 0x28, 0xb3, 0xbb, 0xc5, 0xc4, 0x29, 0xc2, 0x38, 0x81, 0xa1, 0x29]);
    expect(jef.decode(bytes)).toBe('A山田B\uE003');
    expect(jef.findInvalid(bytes)).toEqual([]);
  });

  it('rejects a malformed table line with file and line', () => {
    expect(() => parseCodeTable('C1\tU+0041\nbad line\n', 't.txt')).toThrow(/t\.txt:2/);
    const t = parseCodeTable('C1\tU+0041\n', 't');
    expect(createTableCharset({ name: 'x', table: t }).decode(Uint8Array.from([0xc1]))).toBe('A');
  });
});
