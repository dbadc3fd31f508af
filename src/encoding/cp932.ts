/**
 * CP932 (Windows-31J, Microsoft's Shift_JIS). Decoding is Node's ICU `TextDecoder('shift_jis')`,
 * whose 2-byte table equals Microsoft's/GNU iconv's CP932 cell for cell (tested against iconv),
 * with one repair: ICU's converter (ibm-943) swaps three control bytes the IBM way
 * (0x1A→U+001C, 0x1C→U+007F, 0x7F→U+001A), which Windows and iconv do not.
 *
 * Encoding is chukan's own table, built once from the decoder over every 2-byte cell: iconv-lite
 * turns every PUA character into `?` and loses 187 user-defined cells (docs/ENCODING.md).
 */
import type { ByteIssue, DecodeChecked, EncodeIssue, EncodeResult } from './charset.ts';
import { makeCharset, type CharsetCodec } from './codec.ts';
import { icuDecoder } from './icu.ts';
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

let decoder: TextDecoder | undefined;
let strictDecoder: TextDecoder | undefined;
let cells: Uint16Array | undefined;
let encodeTable: Uint16Array | undefined;

/**
 * UTF-16 unit of every 2-byte cell, indexed by `lead << 8 | trail`; 0 where the cell is unassigned.
 * Built with one decode of all 11,280 lead×trail pairs: ICU consumes every such pair as one unit.
 */
export function cp932Cells(): Uint16Array {
  if (cells) return cells;
  const pairs: number[] = [];
  for (let l = 0x81; l <= 0xfc; l++) {
    if (CLASS[l] !== LEAD) continue;
    for (let t = 0x40; t <= 0xfc; t++) if (TRAIL[t]) pairs.push((l << 8) | t);
  }
  const buf = new Uint8Array(pairs.length * 2);
  pairs.forEach((p, i) => {
    buf[2 * i] = p >> 8;
    buf[2 * i + 1] = p & 0xff;
  });
  const text = getDecoder().decode(buf);
  if (text.length !== pairs.length) throw new Error(`ICU shift_jis table has changed shape (${text.length} units for ${pairs.length} cells)`);
  const table = new Uint16Array(0x10000);
  for (let i = 0; i < pairs.length; i++) {
    const u = text.charCodeAt(i);
    if (u !== 0xfffd) table[pairs[i]] = u;
  }
  return (cells = table);
}

function getDecoder(): TextDecoder {
  return (decoder ??= icuDecoder('shift_jis'));
}

const IBM_CONTROL_FIX: Record<string, string> = { '\x1c': '\x1a', '\x7f': '\x1c', '\x1a': '\x7f' };
const undoIbmControl = (c: string) => IBM_CONTROL_FIX[c];

function decode(bytes: Uint8Array): string {
  return undoIbmControls(bytes, getDecoder().decode(bytes));
}

function undoIbmControls(bytes: Uint8Array, text: string): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.indexOf(0x1a) < 0 && b.indexOf(0x1c) < 0 && b.indexOf(0x7f) < 0) return text;
  return text.replace(/[\x1a\x1c\x7f]/g, undoIbmControl);
}

function decodeChecked(bytes: Uint8Array): DecodeChecked {
  strictDecoder ??= icuDecoder('shift_jis', { fatal: true });
  let text: string;
  try {
    text = strictDecoder.decode(bytes);
  } catch {
    return { text: decode(bytes), issues: findInvalid(bytes) };
  }
  return { text: undoIbmControls(bytes, text), issues: [] };
}

function findInvalid(bytes: Uint8Array): ByteIssue[] {
  const table = cp932Cells();
  const issues: ByteIssue[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    const c = CLASS[b];
    if (c === SINGLE) {
      i++;
    } else if (c === BAD) {
      issues.push({ offset: i, length: 1, kind: 'invalid' });
      i++;
    } else if (i + 1 >= n) {
      issues.push({ offset: i, length: 1, kind: 'truncated' });
      i++;
    } else if (!TRAIL[bytes[i + 1]]) {
      // The lead alone is bad; the next byte is read again on its own.
      issues.push({ offset: i, length: 1, kind: 'invalid' });
      i++;
    } else {
      if (table[(b << 8) | bytes[i + 1]] === 0) issues.push({ offset: i, length: 2, kind: 'invalid' });
      i += 2;
    }
  }
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
