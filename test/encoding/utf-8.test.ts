import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getCharset } from '../../src/encoding/index.ts';
import { hex, rebuild } from './oracle.ts';

const u8 = getCharset('utf-8');

describe('UTF-8 findInvalid', () => {
  it('agrees with TextDecoder on every 1- and 2-byte sequence', () => {
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        const bytes = Uint8Array.of(a, b);
        const issues = u8.findInvalid(bytes);
        if ((issues.length > 0) !== u8.decode(bytes).includes('\ufffd')) throw new Error(`disagree on ${hex(bytes)}`);
        if (rebuild(u8, bytes, issues) !== u8.decode(bytes)) throw new Error(`issues misplaced on ${hex(bytes)}`);
      }
    }
  });

  it('agrees with TextDecoder on 3- and 4-byte sequences around every boundary of the lead ranges', () => {
    const edge = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
    for (let a = 0xc0; a < 256; a++) {
      for (const b of edge) {
        for (const c of edge) {
          for (const d of [0x41, 0x80, 0xbf, 0xc2, 0xf0, -1]) {
            const bytes = Uint8Array.from(d < 0 ? [a, b, c] : [a, b, c, d]);
            if (rebuild(u8, bytes, u8.findInvalid(bytes), true) !== u8.decode(bytes)) throw new Error(`issues misplaced on ${hex(bytes)}`);
          }
        }
      }
    }
  });

  it('agrees with TextDecoder on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => rebuild(u8, bytes, u8.findInvalid(bytes), true) === u8.decode(bytes)),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });

  it('does not report a genuine U+FFFD (EF BF BD), and reports the bytes that became one', () => {
    const bytes = Uint8Array.of(0xef, 0xbf, 0xbd, 0x41, 0xef, 0xbf, 0xc0, 0xf0, 0x9f, 0x98);
    expect(u8.decode(bytes)).toBe('\ufffdA\ufffd\ufffd\ufffd');
    expect(u8.findInvalid(bytes)).toEqual([
      { offset: 4, length: 2, kind: 'invalid' },
      { offset: 6, length: 1, kind: 'invalid' },
      { offset: 7, length: 3, kind: 'truncated' },
    ]);
  });
});

describe('UTF-8 BOM', () => {
  it('decode keeps a BOM as U+FEFF (never dropped silently); bomLength finds it at byte 0', () => {
    const bytes = Uint8Array.of(0xef, 0xbb, 0xbf, 0x41, 0xef, 0xbb, 0xbf);
    expect(u8.decode(bytes)).toBe('\ufeffA\ufeff');
    expect(u8.bomLength(bytes)).toBe(3);
    expect(u8.bomLength(bytes.subarray(1))).toBe(0);
    expect(getCharset('cp932').bomLength(bytes)).toBe(0);
  });

  it('a stream decoder strips a leading BOM, says so once, and keeps one in the middle', () => {
    const d = u8.createStreamDecoder();
    const parts = [d.write(Uint8Array.of(0xef, 0xbb)), d.write(Uint8Array.of(0xbf, 0x41, 0xef, 0xbb, 0xbf)), d.end()];
    expect(parts).toEqual([
      { text: '', issues: [] },
      { text: 'A\ufeff', issues: [], bom: true },
      { text: '', issues: [] },
    ]);
  });
});

describe('UTF-8 encode', () => {
  it('encodes every well-formed string and reports lone surrogates', () => {
    expect(u8.encode('a😀\ue000').unrepresentable).toEqual([]);
    expect(Buffer.from(u8.encode('a😀\ue000').bytes).toString('utf8')).toBe('a😀\ue000');
    expect(u8.encode('a\udc00b\ud83d').unrepresentable).toEqual([
      { index: 1, codePoint: 0xdc00 },
      { index: 3, codePoint: 0xd83d },
    ]);
  });
});

describe('UTF-8 encodeRows', () => {
  const same = (rows: string[]) => {
    const a = u8.encodeRows(rows);
    const b = u8.encode(rows.join(''));
    expect(a.unrepresentable).toEqual(b.unrepresentable);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  };

  it('gives what encode gives for the joined rows, lone surrogates included', () => {
    const unit = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('\ud800', '\udc00', '😀', '\r\n', '石川　翔太', ''));
    fc.assert(fc.property(fc.array(fc.array(unit, { maxLength: 6 }).map((u) => u.join('')), { maxLength: 40 }), (rows) => same(rows)), { numRuns: 500 });
    // A pair split over two rows is well-formed once joined.
    same(['a\ud83d', '\ude00b']);
  });

  it('returns bytes of their own, unchanged by later calls, for batches small and beyond the staging buffer', () => {
    const first = u8.encodeRows(['"山田",1\r\n', 'x\r\n']);
    expect(first.bytes.byteOffset).toBe(0);
    expect(first.bytes.byteLength).toBe(first.bytes.buffer.byteLength);
    const copy = Buffer.from(first.bytes);
    u8.encodeRows(['zzzzzzzzzzzzzzzzzzzzzzzz\r\n']);
    expect(Buffer.from(first.bytes).equals(copy)).toBe(true);
    same(Array.from({ length: 3000 }, (_, i) => '漢字'.repeat(300) + i + '\r\n'));
  });
});
