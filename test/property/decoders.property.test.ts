import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EBCDIC_CHARSET_NAMES, getCharset, getEbcdicCharset, type ByteIssue, type Charset } from '../../src/encoding/index.ts';
import { RUNS } from './runs.ts';

/**
 * Every decoder, on any bytes: no exception, text plus issues whose offsets lie inside the input,
 * one issue per U+FFFD the decoder made; any chunking decodes as one chunk; encode∘decode is the
 * identity on every string the charset can hold.
 */
const charsets: Charset[] = [
  getCharset('cp932'),
  getCharset('euc-jp'),
  getCharset('utf-8'),
  ...EBCDIC_CHARSET_NAMES.map((n) => getEbcdicCharset(n)!),
  // The same page as getCharset hands it to transcode: stream decoding through ChunkDecoder and
  // the page's completeLength instead of the table charset's own stateful stream decoder.
  getCharset('ibm1390'),
];

/** Bytes biased towards the interesting ranges: lead/trail bytes, shifts, controls, ASCII. */
const byteArb = fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(0x0e, 0x0f, 0x81, 0x82, 0x8e, 0x8f, 0xa1, 0xe0, 0xef, 0xf0, 0xfc, 0xfe, 0xff, 0x22, 0x2c, 0x0a, 0x0d, 0x00, 0x40),
  fc.integer({ min: 0x80, max: 0xff }),
);
const bytesArb = fc.array(byteArb, { maxLength: 64 }).map((a) => Uint8Array.from(a));

/** Cut points for chunking a byte array. */
function chunk(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) { out.push(bytes.slice(prev, p)); prev = p; }
  out.push(bytes.slice(prev));
  return out;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/**
 * EBCDIC charsets report a double-byte run left open at the end of the input as a zero-length
 * `truncated` issue at the SO byte that opened it (no byte is bad and no U+FFFD is produced: the
 * SI is missing). It is known only at the end, so it comes last, after the issues inside the run.
 */
function isOpenShift(cs: Charset, i: ByteIssue): boolean {
  return EBCDIC_CHARSET_NAMES.includes(cs.name) && i.length === 0 && i.kind === 'truncated';
}

function checkIssues(cs: Charset, issues: ByteIssue[], bytes: Uint8Array): void {
  const length = bytes.length;
  let end = 0;
  issues.forEach((i, k) => {
    if (isOpenShift(cs, i)) {
      expect(k).toBe(issues.length - 1);
      expect(bytes[i.offset]).toBe(0x0e);
      return;
    }
    expect(i.length).toBeGreaterThanOrEqual(1);
    expect(i.offset).toBeGreaterThanOrEqual(end);
    expect(i.offset + i.length).toBeLessThanOrEqual(length);
    expect(['invalid', 'truncated']).toContain(i.kind);
    end = i.offset + i.length;
  });
}

describe.each(charsets.map((c, i) => [i === charsets.length - 1 ? `${c.name} (getCharset)` : c.name, c] as const))('%s decoder', (_name, cs) => {
  it('decodes any bytes without throwing; issues point inside the input, one per U+FFFD', () => {
    fc.assert(fc.property(bytesArb, (bytes) => {
      const text = cs.decode(bytes);
      expect(typeof text).toBe('string');
      const issues = cs.findInvalid(bytes);
      checkIssues(cs, issues, bytes);
      const real = issues.filter((i) => !isOpenShift(cs, i));
      const replacements = count(text, '\uFFFD');
      if (cs.name === 'utf-8') {
        // A genuine U+FFFD (EF BF BD) decodes to U+FFFD without being an issue.
        const genuine = Buffer.from(bytes).toString('latin1').split('\xef\xbf\xbd').length - 1;
        expect(real.length).toBe(replacements - genuine);
      } else {
        expect(real.length).toBe(replacements);
      }
      if (cs.decodeChecked) {
        const both = cs.decodeChecked(bytes);
        expect(both.text).toBe(text);
        expect(both.issues).toEqual(issues);
      }
    }), { numRuns: RUNS * 5 });
  });

  it('any chunking of a stream decodes like one chunk (issues with absolute offsets)', () => {
    fc.assert(fc.property(bytesArb, fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
      const whole = cs.createStreamDecoder();
      const a = whole.write(bytes);
      const aEnd = whole.end();
      const parts = cs.createStreamDecoder();
      let text = '';
      const issues: ByteIssue[] = [];
      for (const c of chunk(bytes, cuts)) { const r = parts.write(c); text += r.text; issues.push(...r.issues); }
      const e = parts.end();
      text += e.text; issues.push(...e.issues);
      expect(text).toBe(a.text + aEnd.text);
      expect(issues).toEqual([...a.issues, ...aEnd.issues]);
    }), { numRuns: RUNS * 2 });
  });

  it('encode∘decode is the identity on decoded text and on any encodable string', () => {
    fc.assert(fc.property(bytesArb, (bytes) => {
      const text = cs.decode(bytes).replaceAll('\uFFFD', '');
      const enc = cs.encode(text);
      if (enc.unrepresentable.length === 0) expect(cs.decode(enc.bytes)).toBe(text);
      else for (const u of enc.unrepresentable) expect(cs.encode(String.fromCodePoint(u.codePoint)).unrepresentable.length).toBe(1);
    }), { numRuns: RUNS * 2 });
    const chars = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ unit: fc.constantFrom('山', '田', '髙', '﨑', '𠮟', '～', '〜', '−', '①', 'ｱ', 'ﾞ', '\u3000', '\uE000', '\uE757', '\uE758', '"', ',', '\r', '\n', 'A', '\u00A5', '\uFE00', '\u{E0100}', '\uD800'), maxLength: 12 }),
    );
    fc.assert(fc.property(chars, (s) => {
      const enc = cs.encode(s);
      if (enc.unrepresentable.length === 0) expect(cs.decode(enc.bytes)).toBe(s);
      else for (const u of enc.unrepresentable) expect(u.index).toBeLessThan(s.length);
    }), { numRuns: RUNS * 2 });
  });
});
