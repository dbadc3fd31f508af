import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCharset } from '../../src/encoding/index.ts';
import { cp932Cells, cp932EncodeTable } from '../../src/encoding/cp932.ts';
import { hex, iconv, lines, rebuild } from './oracle.ts';
import { RUNS } from '../property/runs.ts';

const cp = getCharset('cp932');
const isLead = (b: number) => (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
const isTrail = (b: number) => b >= 0x40 && b <= 0xfc && b !== 0x7f;

/** Every lead×trail pair: the 11,280 cells a CP932 decoder has to have an answer for. */
const PAIRS: number[][] = [];
for (let l = 0x81; l <= 0xfc; l++) if (isLead(l)) for (let t = 0x40; t <= 0xfc; t++) if (isTrail(t)) PAIRS.push([l, t]);

const decoded = PAIRS.map((p) => cp.decode(Uint8Array.from(p)));
const valid = PAIRS.filter((_, i) => decoded[i] !== '\ufffd');

describe('CP932 decode against GNU iconv CP932', () => {
  it('decodes every assigned cell as iconv does, and nothing else', () => {
    // Every cell we decode, iconv decodes to the same character, in one strict run (no -c).
    const ours = valid.map((p) => cp.decode(Uint8Array.from(p))).join('\n') + '\n';
    expect(iconv('CP932', 'UTF-8', lines(valid), false).toString('utf8')).toBe(ours);
    // JIS X 0208 6,879 + NEC row 13 83 + NEC-selected IBM 374 + IBM 388 + user-defined 1,880.
    expect(valid.length).toBe(9_604);
    // Every cell we reject, iconv rejects too (-c drops it; at most the trail byte survives as itself).
    const invalid = PAIRS.filter((_, i) => decoded[i] === '\ufffd');
    const out = iconv('CP932', 'UTF-8', lines(invalid)).toString('utf8').split('\n');
    invalid.forEach((p, i) => expect([ '', cp.decode(Uint8Array.of(p[1])) ]).toContain(out[i]));
  });

  it('decodes every single byte as iconv does (0x1A, 0x1C, 0x7F included, unlike raw ICU)', () => {
    const singles = [...Array(256).keys()].filter((b) => b !== 0x0a && !isLead(b));
    const out = iconv('CP932', 'UTF-8', lines(singles.map((b) => [b]))).toString('utf8').split('\n');
    singles.forEach((b, i) => {
      const ours = cp.decode(Uint8Array.of(b));
      if (b === 0x80 || b === 0xa0 || b >= 0xfd) expect([b, ours, out[i]]).toEqual([b, '\ufffd', '']);
      else expect([b, ours]).toEqual([b, out[i]]);
    });
    // Raw ICU (ibm-943) rotates these three; chukan repairs it.
    expect(new TextDecoder('shift_jis').decode(Uint8Array.of(0x1a, 0x1c, 0x7f))).toBe('\x1c\x7f\x1a');
    expect(cp.decode(Uint8Array.of(0x1a, 0x81, 0x7f, 0x1c))).toBe('\x1a\ufffd\x7f\x1c');
  });

  it('decodes the contested cells the Windows way and the user-defined area to U+E000–U+E757', () => {
    const one = (...b: number[]) => cp.decode(Uint8Array.from(b)).codePointAt(0);
    expect([one(0x81, 0x60), one(0x81, 0x5f), one(0x81, 0x7c), one(0x81, 0x61), one(0x81, 0x91), one(0x81, 0x92), one(0x81, 0xca), one(0x81, 0x5c)])
      .toEqual([0xff5e, 0xff3c, 0xff0d, 0x2225, 0xffe0, 0xffe1, 0xffe2, 0x2015]);
    expect([one(0x5c), one(0x7e)]).toEqual([0x5c, 0x7e]);
    let pua = 0xe000;
    for (let l = 0xf0; l <= 0xf9; l++) {
      for (let t = 0x40; t <= 0xfc; t++) {
        if (!isTrail(t)) continue;
        expect(one(l, t)).toBe(pua++);
      }
    }
    expect(pua).toBe(0xe758);
  });
});

describe('CP932 decode against ICU', () => {
  // chukan decodes with its own loop over the table it reads from ICU; on any bytes it must give
  // ICU's text (but for the three control bytes ICU swaps the IBM way) and one issue per U+FFFD.
  const icu = new TextDecoder('shift_jis');
  const ibmFixed = (s: string) => s.replace(/[\x1a\x1c\x7f]/g, (c) => ({ '\x1c': '\x1a', '\x7f': '\x1c', '\x1a': '\x7f' })[c]!);
  const byte = fc.oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0xff }),
    fc.constantFrom(0x1a, 0x1c, 0x7f, 0x80, 0xa0, 0xa1, 0xdf, 0xfd, 0xff, 0x81, 0x9f, 0xe0, 0xef, 0xf0, 0xf9, 0xfc, 0x40, 0x7e),
  );
  // Runs of ASCII take the decoder's four-at-a-time path; lengths around 4 its edges.
  const chunkArb = fc.oneof(fc.array(byte, { maxLength: 9 }), fc.array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: 3, maxLength: 12 }));
  const bytesArb = fc.array(chunkArb, { maxLength: 24 }).map((cs) => Uint8Array.from(cs.flat()));

  it('gives ICU\'s text and one issue per U+FFFD on any bytes', () => {
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        const expected = ibmFixed(icu.decode(bytes));
        const { text, issues } = cp.decodeChecked!(bytes);
        expect(text).toBe(expected);
        expect(cp.decode(bytes)).toBe(expected);
        expect(cp.findInvalid(bytes)).toEqual(issues);
        expect(rebuild(cp, bytes, issues)).toBe(expected);
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('gives ICU\'s text on a buffer larger than the reused output buffer keeps, and reuses it after', () => {
    // One UTF-16 unit per step and 2.2M steps: past the 2^21 units utf16-scratch.ts keeps.
    const steps = 2_200_000;
    const bytes = new Uint8Array(steps * 2);
    let n = 0;
    for (let i = 0; i < steps; i++) {
      const k = i % 7;
      if (k < 3) bytes[n++] = 0x30 + (i % 10);
      else if (k === 3) bytes[n++] = 0x2c;
      else if (k === 4) bytes[n++] = 0xb1 + (i % 40);
      else for (const b of PAIRS[(i * 7919) % PAIRS.length]) bytes[n++] = b;
    }
    expect(cp.decode(bytes.subarray(0, n)).length).toBeGreaterThan(1 << 21);
    expect(cp.decode(bytes.subarray(0, n))).toBe(ibmFixed(icu.decode(bytes.subarray(0, n))));
    expect(cp.decode(bytes.subarray(0, 1000))).toBe(ibmFixed(icu.decode(bytes.subarray(0, 1000))));
  });
});

describe('CP932 findInvalid', () => {
  it('agrees with the decoder on every 1- and 2-byte sequence', () => {
    let checked = 0;
    for (let a = 0; a < 256; a++) {
      const one = Uint8Array.of(a);
      expect(cp.findInvalid(one).length > 0).toBe(cp.decode(one).includes('\ufffd'));
      expect(rebuild(cp, one, cp.findInvalid(one))).toBe(cp.decode(one));
      for (let b = 0; b < 256; b++) {
        const two = Uint8Array.of(a, b);
        const text = cp.decode(two);
        const issues = cp.findInvalid(two);
        if ((issues.length > 0) !== text.includes('\ufffd')) throw new Error(`disagree on ${hex(two)}`);
        if (rebuild(cp, two, issues) !== text) throw new Error(`issues misplaced on ${hex(two)}`);
        checked++;
      }
    }
    expect(checked).toBe(65536);
  });

  it('reports exact offsets, lengths and kinds', () => {
    // 'A' | 0x80 | lead+bad trail '9' | unassigned 85 40 | 0xFF | あ 82 A0 | lead cut by the end
    const bytes = Uint8Array.of(0x41, 0x80, 0x81, 0x39, 0x85, 0x40, 0xff, 0x82, 0xa0, 0x88);
    expect(cp.findInvalid(bytes)).toEqual([
      { offset: 1, length: 1, kind: 'invalid' },
      { offset: 2, length: 1, kind: 'invalid' },
      { offset: 4, length: 2, kind: 'invalid' },
      { offset: 6, length: 1, kind: 'invalid' },
      { offset: 9, length: 1, kind: 'truncated' },
    ]);
    expect(cp.decode(bytes)).toBe('A\ufffd\ufffd9\ufffd\ufffdあ\ufffd');
  });
});

describe('CP932 encode', () => {
  const cells = cp932Cells();
  const rank = (code: number) => {
    const l = code >> 8;
    return l === 0x87 ? 1 : l >= 0xfa ? 2 : l === 0xed || l === 0xee ? 3 : 0;
  };

  it('round-trips every preferred cell, all 1,880 user-defined cells included, and maps duplicates to the preferred one', () => {
    let preferred = 0;
    let duplicates = 0;
    for (const [l, t] of valid) {
      const code = (l << 8) | t;
      const { bytes, unrepresentable } = cp.encode(String.fromCharCode(cells[code]));
      expect(unrepresentable).toEqual([]);
      const back = (bytes[0] << 8) | bytes[1];
      if (back === code) preferred++;
      else {
        duplicates++;
        expect(cells[back]).toBe(cells[code]);
        expect(rank(back)).toBeLessThan(rank(code));
      }
    }
    expect(preferred + duplicates).toBe(valid.length);
    for (let u = 0xe000; u <= 0xe757; u++) {
      const b = cp.encode(String.fromCharCode(u)).bytes;
      expect(cp.decode(b)).toBe(String.fromCharCode(u));
      expect(b[0]).toBeGreaterThanOrEqual(0xf0);
    }
    expect(duplicates).toBe(398);
  });

  it('chooses as Windows does for characters held twice', () => {
    const choices: Array<[number, string]> = [
      [0x2252, '81e0'], [0x2261, '81df'], [0x222b, '81e7'], [0x221a, '81e3'], [0x22a5, '81db'], [0x2220, '81da'],
      [0x2235, '81e6'], [0x2229, '81bf'], [0x222a, '81be'], [0xffe2, '81ca'], [0x2160, '8754'], [0x2170, 'fa40'],
      [0x2116, '8782'], [0x2121, '8784'], [0x3231, '878a'] /* ㈱; 0x878D is ㍾ U+337E */, [0x337e, '878d'], [0x7e8a, 'fa5c'], [0xffe4, 'fa55'], [0xff07, 'fa56'], [0xff02, 'fa57'],
    ];
    for (const [u, code] of choices) expect([u.toString(16), hex(cp.encode(String.fromCharCode(u)).bytes)]).toEqual([u.toString(16), code]);
  });

  it('chooses the same bytes as GNU iconv for every character CP932 holds', () => {
    const enc = cp932EncodeTable();
    const chars: number[] = [];
    for (let u = 0x80; u < 0x10000; u++) if (enc[u]) chars.push(u);
    const text = chars.map((u) => String.fromCharCode(u)).join('\n');
    const theirs = iconv('UTF-8', 'CP932', Buffer.from(text, 'utf8'), false);
    expect(hex(cp.encode(text).bytes)).toBe(hex(theirs));
    expect(chars.length).toBe(9206 + 63);
  });

  it('reports what CP932 cannot hold, with its index, and never writes "?"', () => {
    const text = 'a𠮟b剝c〜d\ud800e';
    const { bytes, unrepresentable } = cp.encode(text);
    expect(unrepresentable).toEqual([
      { index: 1, codePoint: 0x20b9f },
      { index: 4, codePoint: 0x525d },
      { index: 6, codePoint: 0x301c },
      { index: 8, codePoint: 0xd800 },
    ]);
    expect(Buffer.from(bytes).toString('latin1')).toBe('abcde');
    // 〜 U+301C is not in Microsoft's table (GNU iconv maps it one-way to 0x8160; chukan does not).
    expect(cp.encode('～').bytes).toEqual(Uint8Array.of(0x81, 0x60));
  });
});
