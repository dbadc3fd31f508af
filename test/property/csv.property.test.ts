import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCharset, type Charset } from '../../src/encoding/index.ts';
import { formatCsvRow } from '../../src/pipeline/csv-format.ts';
import { createCsvReader } from '../../src/readers/index.ts';
import type { SourceRecord } from '../../src/readers/record.ts';
import { RUNS } from './runs.ts';

/** Reads `bytes` pushed in the given chunks; every record with its raw text and findings. */
function readAll(cs: Charset, chunks: Uint8Array[], maxRecordBytes?: number) {
  const reader = createCsvReader({ file: 'p.csv', charset: cs, columns: 'first', maxRecordBytes });
  const records: (Omit<SourceRecord, 'textStart' | 'textEnd'> & { raw: string })[] = [];
  const fileFindings: unknown[] = [];
  const take = (b: ReturnType<typeof reader.push>) => {
    fileFindings.push(...b.findings);
    for (const r of b.records) {
      const { textStart, textEnd, ...rest } = r;
      records.push({ ...rest, raw: b.text.slice(textStart, textEnd) });
    }
  };
  for (const c of chunks) take(reader.push(c));
  take(reader.end());
  return { records, fileFindings };
}

function cut(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) { out.push(bytes.slice(prev, p)); prev = p; }
  out.push(bytes.slice(prev));
  return out;
}

// Characters CSV writers get wrong, and those Japanese municipal data holds: quotes, commas,
// CR/LF, U+3000, 外字 (PUA), IVS, astral, half-width kana, a genuine U+FFFD.
const tricky = ['"', ',', '\r', '\n', '\r\n', ' ', '\u3000', '\uE000', '\uE757', '葛\u{E0100}', '𠮟', '𩸽', 'ｶﾞ', '髙', '﨑', '～', '\t', "'", '=', '\uFFFD', 'a', '山田'];
const utf8Cell = fc.string({ unit: fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 8 })
  .map((s) => s.replace(/[\u0000\uFEFF]/g, ''));
// The same minus what CP932 cannot hold (astral, IVS, PUA beyond U+E757, U+FFFD …).
const cp932Cell = fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', ' ', '\u3000', '\uE000', '\uE757', '髙', '﨑', '～', 'ｶ', 'ﾞ', '\t', '=', 'a', '山', '田', '表', 'ソ', '\\', '~'), maxLength: 8 });

function table(cell: fc.Arbitrary<string>) {
  // Width ≥ 2: a one-column row holding "" is an empty line, which CSV cannot tell from no row
  // (every standard layout has many columns; see the reliability report).
  return fc.integer({ min: 2, max: 6 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 12 }));
}

describe.each([
  ['utf-8', utf8Cell],
  ['cp932', cp932Cell],
] as const)('CSV write → read round trip (%s)', (name, cell) => {
  const cs = getCharset(name);
  it('formatCsvRow then the CSV reader gives back every table of strings, under any chunking', () => {
    fc.assert(fc.property(table(cell), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (rows, cuts, lf) => {
      const text = rows.map((r) => formatCsvRow(r, lf ? '\n' : '\r\n')).join('');
      const enc = cs.encode(text);
      expect(enc.unrepresentable).toEqual([]);
      const { records, fileFindings } = readAll(cs, cut(enc.bytes, cuts));
      expect(fileFindings).toEqual([]);
      expect(records.map((r) => r.fields)).toEqual(rows);
      for (const r of records) expect(r.findings).toBeUndefined();
      // Offsets and lengths account for every byte of the file.
      expect(records.reduce((n, r) => n + r.byteLength, 0)).toBe(enc.bytes.length);
    }), { numRuns: RUNS });
  });

  it('every field quoted, as vendor exports write them (escaped quotes, quoted delimiters and line breaks), reads back exactly', () => {
    const quoteAll = (r: string[], nl: string) => r.map((v) => '"' + v.replaceAll('"', '""') + '"').join(',') + nl;
    fc.assert(fc.property(table(cell), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (rows, cuts, lf) => {
      const text = rows.map((r) => quoteAll(r, lf ? '\n' : '\r\n')).join('');
      const enc = cs.encode(text);
      const { records, fileFindings } = readAll(cs, cut(enc.bytes, cuts));
      expect(fileFindings).toEqual([]);
      expect(records.map((r) => r.fields)).toEqual(rows);
      for (const r of records) expect(r.findings).toBeUndefined();
    }), { numRuns: RUNS });
  });
});

describe('CSV reader on arbitrary bytes', () => {
  const byte = fc.oneof(
    fc.constantFrom(0x22, 0x2c, 0x0d, 0x0a, 0x00, 0x81, 0x82, 0xa0, 0xe3, 0xef, 0xbb, 0xbf, 0xfe, 0xff, 0x41, 0x30),
    fc.integer({ min: 0, max: 255 }),
  );
  const bytes = fc.array(byte, { maxLength: 200 }).map((a) => Uint8Array.from(a));
  for (const name of ['cp932', 'utf-8', 'euc-jp']) {
    it(`${name}: never throws; any chunking gives the same records, offsets and findings as one chunk`, () => {
      const cs = getCharset(name);
      fc.assert(fc.property(bytes, fc.array(fc.nat(), { maxLength: 10 }), fc.integer({ min: 4, max: 64 }), (b, cuts, cap) => {
        const one = readAll(cs, [b], cap);
        const many = readAll(cs, cut(b, cuts), cap);
        expect(many).toEqual(one);
        // Every byte belongs to a record or is a blank line between records (findings say so).
        let last = -1;
        for (const r of one.records) {
          expect(r.offset).toBeGreaterThan(last);
          expect(r.offset + r.byteLength).toBeLessThanOrEqual(b.length);
          last = r.offset;
          for (const f of r.findings ?? []) {
            // A finding points at its record, or at the exact bad bytes inside it.
            expect(f.location.offset).toBeGreaterThanOrEqual(r.offset);
            expect(f.location.offset!).toBeLessThanOrEqual(r.offset + r.byteLength);
            expect(f.location.record).toBe(r.record);
          }
        }
      }), { numRuns: RUNS * 2 });
    });
  }
});
