import { describe, expect, it } from 'vitest';
import { countPua, detectBom, findNulBytes, getCharset, isPua, sniffUtf16, tallyPua, charsetNames } from '../../src/encoding/index.ts';
import { UnknownCharsetError } from '../../src/core/errors.ts';

describe('getCharset', () => {
  it('knows the usual names, case-insensitively, and refuses others with E_UNKNOWN_CHARSET', () => {
    for (const n of ['cp932', 'Shift_JIS', 'SJIS', 'windows-31j', 'MS932']) expect(getCharset(n).name).toBe('cp932');
    for (const n of ['EUC-JP', 'eucjp', 'eucJP-ms']) expect(getCharset(n).name).toBe('euc-jp');
    for (const n of ['UTF-8', 'utf8']) expect(getCharset(n).name).toBe('utf-8');
    expect(() => getCharset('latin1')).toThrow(UnknownCharsetError);
    expect(charsetNames().cp932).toContain('ms932');
  });
});

describe('BOM and UTF-16 sniffing', () => {
  it('detects byte-order marks', () => {
    expect(detectBom(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(detectBom(Uint8Array.of(0xff, 0xfe, 0x41, 0x00))).toEqual({ encoding: 'utf-16le', length: 2 });
    expect(detectBom(Uint8Array.of(0xfe, 0xff, 0x00, 0x41))).toEqual({ encoding: 'utf-16be', length: 2 });
    expect(detectBom(Uint8Array.of(0xff, 0xfe, 0x00, 0x00))).toEqual({ encoding: 'utf-32le', length: 4 });
    expect(detectBom(Uint8Array.of(0x41, 0x42))).toBeUndefined();
  });

  it('recognises UTF-16 by BOM or by its NUL pattern, and not CP932 / UTF-8 / NUL-padded data', () => {
    const le = Buffer.from('ID,氏名\r\n1,山田太郎\r\n2,佐藤\r\n', 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(sniffUtf16(le)).toBe('utf-16le');
    expect(sniffUtf16(be)).toBe('utf-16be');
    expect(sniffUtf16(Buffer.concat([Buffer.of(0xff, 0xfe), le]))).toBe('utf-16le');
    expect(sniffUtf16(getCharset('cp932').encode('ID,氏名\r\n1,山田太郎\r\n').bytes)).toBeUndefined();
    expect(sniffUtf16(Buffer.from('ID,name\n1,abc\n'))).toBeUndefined();
    expect(sniffUtf16(Buffer.alloc(100))).toBeUndefined();
    expect(sniffUtf16(Buffer.of(0xef, 0xbb, 0xbf, 0x41, 0, 0x42, 0))).toBeUndefined();
  });

  it('finds NUL bytes, at most max of them', () => {
    const b = Uint8Array.of(0x41, 0, 0x42, 0, 0, 0x43);
    expect(findNulBytes(b)).toEqual([1, 3, 4]);
    expect(findNulBytes(b.subarray(2))).toEqual([1, 2]);
    expect(findNulBytes(b, 2)).toEqual([1, 3]);
    expect(findNulBytes(Uint8Array.of(0x41))).toEqual([]);
  });
});

describe('PUA accounting', () => {
  it('counts BMP and plane 15/16 private use, per code point', () => {
    const text = 'a\ue000b\ue000\uf8ff\u{f0000}\u{10fffd}\u{10ffff}\u{20b9f}\ud800\udb80';
    expect(countPua(text)).toBe(5);
    const m = new Map<number, number>();
    expect(tallyPua(text, m)).toBe(5);
    expect(tallyPua('\ue000', m)).toBe(1);
    expect([...m]).toEqual([[0xe000, 3], [0xf8ff, 1], [0xf0000, 1], [0x10fffd, 1]]);
    expect(countPua('山田太郎')).toBe(0);
    expect([isPua(0xe757), isPua(0xf900), isPua(0xffffe), isPua(0x10fffd)]).toEqual([true, false, false, true]);
  });

  it('counts the 外字 of a CP932 export', () => {
    const cp = getCharset('cp932');
    expect(countPua(cp.decode(Uint8Array.of(0x41, 0xf0, 0x40, 0x82, 0xa0, 0xf9, 0xfc)))).toBe(2);
  });
});
