/**
 * CP932 (Windows-31J, Microsoft's Shift_JIS). The 2-byte table is read once from Node's ICU
 * `TextDecoder('shift_jis')`, which equals Microsoft's/GNU iconv's CP932 cell for cell (tested
 * against iconv); decoding is chukan's own loop over that table, which reads the three control
 * bytes ICU's converter (ibm-943) swaps the IBM way (0x1A→U+001C, 0x1C→U+007F, 0x7F→U+001A) as
 * Windows and iconv do.
 *
 * Encoding is chukan's own table, built once from the decoder over every 2-byte cell: iconv-lite
 * turns every PUA character into `?` and loses 187 user-defined cells (docs/ENCODING.md).
 */
import type { ByteIssue, DecodeChecked, EncodeIssue, EncodeResult } from './charset.ts';
import { cp932ByteLength } from './byte-length.ts';
import { makeCharset, type CharsetCodec, type CharsetDefinition } from './codec.ts';
import { icuDecoder } from './icu.ts';
import { utf16Scratch, utf16String } from './utf16-scratch.ts';
import { byteOffsetsOf } from './walk.ts';

const SINGLE = 0;
const LEAD = 1;
const BAD = 2;

/** Byte classes: 0x00–0x7F and 0xA1–0xDF stand alone; 0x80, 0xA0, 0xFD–0xFF are never valid. */
const CLASS = new Uint8Array(256);
/** Trail bytes 0x40–0x7E, 0x80–0xFC: a lead followed by one forms a 2-byte sequence, assigned or not. */
const TRAIL = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  CLASS[b] = b < 0x80 || (b >= 0xa1 && b <= 0xdf) ? SINGLE : (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc) ? LEAD : BAD;
  TRAIL[b] = b >= 0x40 && b <= 0xfc && b !== 0x7f ? 1 : 0;
}

let cells: Uint16Array | undefined;
let encodeTable: Uint16Array | undefined;

/**
 * UTF-16 unit of every 2-byte cell, indexed by `lead << 8 | trail`; 0 where the cell is unassigned.
 * Built with one decode of all 11,280 lead×trail pairs: ICU consumes every such pair as one unit.
 * The same call checks that ICU reads every single byte as chukan's decoder does (ASCII and
 * half-width katakana as themselves), so a Node build whose tables differ fails here, not in data.
 */
export function cp932Cells(): Uint16Array {
  if (cells) return cells;
  const pairs: number[] = [];
  for (let l = 0x81; l <= 0xfc; l++) {
    if (CLASS[l] !== LEAD) continue;
    for (let t = 0x40; t <= 0xfc; t++) if (TRAIL[t]) pairs.push((l << 8) | t);
  }
  const singles: number[] = [];
  for (let b = 0; b < 256; b++) if (CLASS[b] === SINGLE) singles.push(b);
  const buf = new Uint8Array(singles.length + pairs.length * 2);
  singles.forEach((b, i) => (buf[i] = b));
  pairs.forEach((p, i) => {
    buf[singles.length + 2 * i] = p >> 8;
    buf[singles.length + 2 * i + 1] = p & 0xff;
  });
  const text = icuDecoder('shift_jis').decode(buf);
  if (text.length !== singles.length + pairs.length) throw new Error(`ICU shift_jis table has changed shape (${text.length} units for ${singles.length + pairs.length} cells)`);
  for (let i = 0; i < singles.length; i++) {
    const b = singles[i];
    if (text.charCodeAt(i) !== (IBM_CONTROLS[b] ?? singleUnit(b))) throw new Error(`ICU shift_jis decodes byte 0x${b.toString(16)} unexpectedly`);
  }
  const table = new Uint16Array(0x10000);
  for (let i = 0; i < pairs.length; i++) {
    const u = text.charCodeAt(singles.length + i);
    if (u !== U_FFFD) table[pairs[i]] = u;
  }
  return (cells = table);
}

/**
 * ICU's converter (ibm-943) swaps three control bytes the IBM way, which Windows and GNU iconv do
 * not; chukan's decoder reads them as themselves (0x1A, DOS end-of-file, does occur in old exports).
 */
const IBM_CONTROLS: Record<number, number> = { 0x1a: 0x1c, 0x1c: 0x7f, 0x7f: 0x1a };

const U_FFFD = 0xfffd;
const KANA_BASE = 0xff61 - 0xa1;

/** What a single byte decodes to: ASCII as itself, 0xA1–0xDF as half-width katakana U+FF61–U+FF9F. */
function singleUnit(b: number): number {
  return b < 0x80 ? b : b + KANA_BASE;
}

/**
 * The one decoding loop: fills `out` with UTF-16 units and `issues` (when given) with the bad
 * sequences, one U+FFFD each, exactly where and as ICU's decoder puts them (tested on every byte
 * pair and on random bytes): a byte that is never valid, a lead whose next byte is no trail (that
 * byte is read again on its own), an unassigned cell (2 bytes), a lead at the end ('truncated').
 * Returns the number of units written. This replaces ICU on the hot path because ICU mallocs a
 * UTF-16 buffer per call (see utf16-scratch.ts) and is no faster.
 */
function scan(bytes: Uint8Array, out: Uint16Array, issues: ByteIssue[] | null): number {
  const table = cells ?? cp932Cells();
  const n = bytes.length;
  const last = n - 1;
  let i = 0;
  let o = 0;
  while (i < last) {
    const b = bytes[i];
    if (b < 0x80) {
      out[o++] = b;
      i++;
      // Most bytes of an export are ASCII (digits, delimiters, quotes): four at a time measured
      // ~20% faster over the whole decode than one at a time.
      if (i + 4 <= n) {
        const b0 = bytes[i];
        const b1 = bytes[i + 1];
        const b2 = bytes[i + 2];
        const b3 = bytes[i + 3];
        if ((b0 | b1 | b2 | b3) < 0x80) {
          out[o] = b0;
          out[o + 1] = b1;
          out[o + 2] = b2;
          out[o + 3] = b3;
          o += 4;
          i += 4;
        }
      }
      continue;
    }
    // Zero unless b is a lead and the next byte a trail of an assigned cell.
    const u = table[(b << 8) | bytes[i + 1]];
    if (u !== 0) {
      out[o++] = u;
      i += 2;
      continue;
    }
    const c = CLASS[b];
    if (c === SINGLE) {
      out[o++] = b + KANA_BASE;
      i++;
      continue;
    }
    const len = c === LEAD && TRAIL[bytes[i + 1]] ? 2 : 1;
    issues?.push({ offset: i, length: len, kind: 'invalid' });
    out[o++] = U_FFFD;
    i += len;
  }
  if (i < n) {
    const c = CLASS[bytes[i]];
    if (c === SINGLE) {
      out[o++] = singleUnit(bytes[i]);
    } else {
      issues?.push({ offset: i, length: 1, kind: c === LEAD ? 'truncated' : 'invalid' });
      out[o++] = U_FFFD;
    }
  }
  return o;
}

function decode(bytes: Uint8Array): string {
  const out = utf16Scratch(bytes.length);
  return utf16String(out, scan(bytes, out, null));
}

function decodeChecked(bytes: Uint8Array): DecodeChecked {
  const issues: ByteIssue[] = [];
  const out = utf16Scratch(bytes.length);
  return { text: utf16String(out, scan(bytes, out, issues)), issues };
}

function findInvalid(bytes: Uint8Array): ByteIssue[] {
  const issues: ByteIssue[] = [];
  scan(bytes, utf16Scratch(bytes.length), issues);
  return issues;
}

function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  // After a byte that can never be a trail (0x00–0x3F, 0x7F, 0xFD–0xFF) the decoder starts afresh.
  let i = n;
  while (i > 0 && TRAIL[bytes[i - 1]]) i--;
  while (i < n) {
    if (CLASS[bytes[i]] !== LEAD) i++;
    else if (i + 1 >= n) return i;
    else i += TRAIL[bytes[i + 1]] ? 2 : 1;
  }
  return n;
}

function step(bytes: Uint8Array, i: number): number {
  return CLASS[bytes[i]] === LEAD && i + 1 < bytes.length && TRAIL[bytes[i + 1]] ? 2 : 1;
}

/**
 * Where CP932 holds a character twice, Windows (and GNU iconv) encode to the first of: JIS X 0208
 * rows and user-defined area, NEC row 13 (0x87), IBM extension (0xFA–0xFC), NEC-selected IBM
 * extension (0xED–0xEE).
 */
function rank(code: number): number {
  const lead = code >> 8;
  if (lead === 0x87) return 1;
  if (lead >= 0xfa) return 2;
  if (lead === 0xed || lead === 0xee) return 3;
  return 0;
}

/** Unicode (BMP) → CP932 code: ≥ 0x8140 for two bytes, 0xA1–0xDF for half-width katakana, 0 for none. */
export function cp932EncodeTable(): Uint16Array {
  if (encodeTable) return encodeTable;
  const table = cp932Cells();
  const enc = new Uint16Array(0x10000);
  for (let code = 0x8140; code < 0x10000; code++) {
    const u = table[code];
    if (u === 0) continue;
    const prev = enc[u];
    if (prev === 0 || rank(code) < rank(prev)) enc[u] = code;
  }
  for (let b = 0xa1; b <= 0xdf; b++) enc[0xff61 + b - 0xa1] = b;
  return (encodeTable = enc);
}

function encode(text: string): EncodeResult {
  const enc = cp932EncodeTable();
  const out = new Uint8Array(text.length * 2);
  const unrepresentable: EncodeIssue[] = [];
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
      continue;
    }
    const code = enc[c];
    if (code >= 0x100) {
      out[o++] = code >> 8;
      out[o++] = code & 0xff;
    } else if (code !== 0) {
      out[o++] = code;
    } else {
      const cp = text.codePointAt(i)!;
      unrepresentable.push({ index: i, codePoint: cp });
      if (cp > 0xffff) i++;
    }
  }
  return { bytes: out.subarray(0, o), unrepresentable };
}

/**
 * Characters that other converters (JIS-based tables, EUC-JP, Mac) produce for cells CP932 decodes
 * differently, with the CP932 form. chukan's encoder does not apply them (that would change data
 * silently); they serve as hints in findings and for the normalise stage.
 */
export const CP932_WINDOWS_EQUIVALENTS: ReadonlyMap<number, number> = new Map([
  [0x301c, 0xff5e], // WAVE DASH → FULLWIDTH TILDE (0x8160)
  [0x2016, 0x2225], // DOUBLE VERTICAL LINE → PARALLEL TO (0x8161)
  [0x2212, 0xff0d], // MINUS SIGN → FULLWIDTH HYPHEN-MINUS (0x817C)
  [0x00a2, 0xffe0], // CENT SIGN → FULLWIDTH CENT SIGN (0x8191)
  [0x00a3, 0xffe1], // POUND SIGN → FULLWIDTH POUND SIGN (0x8192)
  [0x00ac, 0xffe2], // NOT SIGN → FULLWIDTH NOT SIGN (0x81CA)
  [0x2014, 0x2015], // EM DASH → HORIZONTAL BAR (0x815C)
  [0x00a6, 0xffe4], // BROKEN BAR → FULLWIDTH BROKEN BAR (0xFA55)
]);

export const cp932: CharsetCodec = makeCharset({
  name: 'cp932',
  asciiTransparent: true,
  decode,
  findInvalid,
  decodeChecked,
  completeLength,
  byteOffsets: (bytes, indices) => byteOffsetsOf(bytes, indices, step),
  encode,
});

export const cp932Definition: CharsetDefinition = {
  name: 'cp932',
  label: 'CP932',
  aliases: ['shift_jis', 'shift-jis', 'sjis', 'windows-31j', 'ms932'],
  ebcdic: false,
  codec: () => cp932,
  byteLength: cp932ByteLength,
};
