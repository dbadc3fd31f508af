import { describe, expect, it } from 'vitest';
import { getCharset } from '../../src/encoding/index.ts';
import { eucJpEncodeTable } from '../../src/encoding/euc-jp.ts';
import { cps, hex, iconv, lines, rebuild } from './oracle.ts';

const euc = getCharset('euc-jp');
const CELLS: number[][] = [];
for (let r = 0xa1; r <= 0xfe; r++) for (let c = 0xa1; c <= 0xfe; c++) CELLS.push([r, c]);
for (let c = 0xa1; c <= 0xfe; c++) CELLS.push([0x8e, c]);
for (let r = 0xa1; r <= 0xfe; r++) for (let c = 0xa1; c <= 0xfe; c++) CELLS.push([0x8f, r, c]);

describe('EUC-JP decode against glibc EUCJP-MS', () => {
  it('decodes every cell of code sets 1, 2 and 3 as iconv EUCJP-MS does, and rejects what it rejects', () => {
    const theirs = iconv('EUCJP-MS', 'UTF-8', lines(CELLS)).toString('utf8').split('\n');
    let validCount = 0;
    CELLS.forEach((cell, i) => {
      const bytes = Uint8Array.from(cell);
      const ours = euc.decode(bytes);
      const issues = euc.findInvalid(bytes);
      // iconv -c leaves exactly one character for a valid cell and drops an invalid one (for
      // 0x8E 0xE0–0xFE it writes U+FFFD, which is a rejection too).
      const expected = [...theirs[i]].length === 1 ? theirs[i] : '\ufffd';
      if (ours !== expected) throw new Error(`${hex(cell)}: ours ${cps(ours)} iconv ${cps(theirs[i])}`);
      expect(issues.length).toBe(ours === '\ufffd' ? 1 : 0);
      if (ours !== '\ufffd') validCount++;
    });
    expect(validCount).toBe(7_902 + 63 + 7_113); // code set 1 (940 of them user-defined), half-width katakana, code set 3
  });

  it('maps both user-defined areas to the PUA CP932 uses (U+E000–U+E3AB, U+E3AC–U+E757)', () => {
    const cp = getCharset('cp932');
    let pua = 0xe000;
    for (const lead of [[], [0x8f]]) {
      for (let r = 0xf5; r <= 0xfe; r++) {
        for (let c = 0xa1; c <= 0xfe; c++) {
          const u = euc.decode(Uint8Array.from([...lead, r, c]));
          expect(u.charCodeAt(0)).toBe(pua++);
          expect(euc.encode(u).bytes).toEqual(Uint8Array.from([...lead, r, c]));
          expect(cp.decode(cp.encode(u).bytes)).toBe(u);
        }
      }
    }
    expect(pua).toBe(0xe758);
  });

  it('reads single bytes as glibc does: ASCII and C1 as themselves, 0xA0/0xFF bad', () => {
    const singles = [...Array(256).keys()].filter((b) => b !== 0x0a && (b < 0xa1 || b === 0xff) && b !== 0x8e && b !== 0x8f);
    const theirs = iconv('EUCJP-MS', 'UTF-8', lines(singles.map((b) => [b]))).toString('utf8').split('\n');
    singles.forEach((b, i) => expect([b, euc.decode(Uint8Array.of(b))]).toEqual([b, theirs[i] === '' ? '\ufffd' : theirs[i]]));
  });

  it('differs from Node TextDecoder("euc-jp") where ICU is wrong for eucJP-ms (why chukan has its own tables)', () => {
    const icu = new TextDecoder('euc-jp');
    const both = (...b: number[]) => [cps(icu.decode(Uint8Array.from(b))), cps(euc.decode(Uint8Array.from(b)))];
    expect(both(0xf5, 0xa1)).toEqual([[0xfffd], [0xe000]]); // user-defined lost
    expect(both(0xf9, 0xa1)).toEqual([[0x7e8a], [0xe178]]); // vendor 外字 read as 纊
    expect(both(0x8f, 0xf3, 0xf3)).toEqual([[0xfffd], [0x2170]]); // IBM extension elsewhere
    expect(both(0x8f, 0xa2, 0xc3)).toEqual([[0xa6], [0xffe4]]);
  });
});

describe('EUC-JP findInvalid', () => {
  it('agrees with the decoder on every 1- and 2-byte sequence and every 0x8F-led 3-byte sequence', () => {
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        for (const bytes of [Uint8Array.of(a, b), Uint8Array.of(0x8f, a, b)]) {
          const issues = euc.findInvalid(bytes);
          if (rebuild(euc, bytes, issues) !== euc.decode(bytes)) throw new Error(`issues misplaced on ${hex(bytes)}`);
        }
      }
    }
  });

  it('reports exact offsets, lengths and kinds', () => {
    // A | 0xA0 | lead + ASCII | unassigned A9A1 | 8F + ASCII | 8F A2 + ASCII | 8E E0 | あ | 8F B0 cut by the end
    const bytes = Uint8Array.of(0x41, 0xa0, 0xa1, 0x41, 0xa9, 0xa1, 0x8f, 0x42, 0x8f, 0xa2, 0x43, 0x8e, 0xe0, 0xa4, 0xa2, 0x8f, 0xb0);
    expect(euc.findInvalid(bytes)).toEqual([
      { offset: 1, length: 1, kind: 'invalid' },
      { offset: 2, length: 1, kind: 'invalid' },
      { offset: 4, length: 2, kind: 'invalid' },
      { offset: 6, length: 1, kind: 'invalid' },
      { offset: 8, length: 2, kind: 'invalid' },
      { offset: 11, length: 2, kind: 'invalid' },
      { offset: 15, length: 2, kind: 'truncated' },
    ]);
    expect(euc.decode(bytes)).toBe('A\ufffd\ufffdA\ufffd\ufffdB\ufffdC\ufffdあ\ufffd');
  });
});

describe('EUC-JP encode', () => {
  it('chooses the same bytes as glibc EUCJP-MS for every character it holds, and round-trips them', () => {
    const enc = eucJpEncodeTable();
    const chars: number[] = [];
    for (let u = 0x80; u < 0x10000; u++) if (enc[u]) chars.push(u);
    const text = chars.map((u) => String.fromCharCode(u)).join('\n');
    const ours = euc.encode(text);
    expect(ours.unrepresentable).toEqual([]);
    expect(hex(ours.bytes)).toBe(hex(iconv('UTF-8', 'EUCJP-MS', Buffer.from(text, 'utf8'), false)));
    expect(euc.decode(ours.bytes)).toBe(text);
    expect(chars.length).toBe(14_991 + 63 + 30); // cells + half-width katakana + C1
  });

  it('reports what EUC-JP cannot hold, with its index, and never writes "?"', () => {
    const { bytes, unrepresentable } = euc.encode('a😀b\u008ec\ue758');
    expect(unrepresentable).toEqual([
      { index: 1, codePoint: 0x1f600 },
      { index: 4, codePoint: 0x8e },
      { index: 6, codePoint: 0xe758 },
    ]);
    expect(Buffer.from(bytes).toString('latin1')).toBe('abc');
  });
});
