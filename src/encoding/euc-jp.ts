/**
 * EUC-JP, as eucJP-ms (the TOG/JVC convention glibc calls EUCJP-MS): JIS X 0208 with the same
 * Unicode as CP932 (0xA1C1 → U+FF5E …), NEC row 13, JIS X 0212 behind 0x8F, IBM extensions at
 * 0x8FF3F3–0x8FF4FE, and the user-defined rows 0xF5–0xFE → U+E000–U+E3AB and 0x8FF5–0x8FFE →
 * U+E3AC–U+E757, the same PUA as CP932's user-defined area. Tested cell for cell against glibc.
 *
 * Node's TextDecoder('euc-jp') (ICU ibm-33722) cannot be used: it turns rows 0xF5–0xF8 and
 * 0xFD–0xFE into U+FFFD, reads rows 0xF9–0xFC as IBM kanji (vendor 外字 silently becomes 纊 …) and
 * puts the IBM extensions elsewhere. So this module decodes with its own tables, built once from
 * the CP932 table (JIS X 0208 part) and ICU's JIS X 0212 part, and encodes with their inverse.
 *
 * Sequence rules (chukan's own; each bad sequence is one U+FFFD and one issue): 0x00–0x7F and the
 * C1 bytes 0x80–0x8D, 0x90–0x9F stand for themselves (as in glibc); 0xA0 and 0xFF are bad; a lead
 * (0xA1–0xFE, 0x8E, 0x8F) takes following bytes while they are in 0xA1–0xFE — a byte outside that
 * range ends the bad sequence and is read again on its own; a complete but unassigned cell is one
 * bad sequence; input ending inside a sequence is 'truncated'.
 */
import type { ByteIssue, DecodeChecked, EncodeIssue, EncodeResult } from './charset.ts';
import { makeCharset, type CharsetCodec, type CharsetDefinition } from './codec.ts';
import { cp932Cells } from './cp932.ts';
import { icuDecoder } from './icu.ts';
import { utf16Scratch, utf16String } from './utf16-scratch.ts';
import { byteOffsetsOf } from './walk.ts';

const CELLS = 94 * 94;

/**
 * The CP932 IBM extension characters that are neither in JIS X 0208 (outside NEC row 13) nor in
 * JIS X 0212, in the order eucJP-ms places them at 0x8FF3F3–0x8FF4FE (escaped: an editor's NFC
 * would fold the CJK compatibility ideographs).
 */
const IBM_EXTENSION_F3F3 =
  '\u2170\u2171\u2172\u2173\u2174\u2175\u2176\u2177\u2178\u2179\u2160\u2161' +
  '\u2162\u2163\u2164\u2165\u2166\u2167\u2168\u2169\uFF07\uFF02\u3231\u2116' +
  '\u2121\u70BB\u4EFC\u50F4\u51EC\u5307\u5324\uFA0E\u548A\u5759\uFA0F\uFA10' +
  '\u589E\u5BEC\u5CF5\u5D53\uFA11\u5FB7\u6085\u6120\u654E\u663B\u6665\uFA12' +
  '\uF929\u6801\uFA13\uFA14\u6A6B\u6AE2\u6DF8\u6DF2\u7028\uFA15\uFA16\u7501' +
  '\u7682\u769E\uFA17\u7930\uFA18\uFA19\uFA1A\uFA1B\u7AE7\uFA1C\uFA1D\u7DA0' +
  '\u7DD6\uFA1E\u8362\uFA1F\u85B0\uFA20\uFA21\u8807\uFA22\u8B7F\u8CF4\u8D76' +
  '\uFA23\uFA24\uFA25\u90DE\uFA26\u9115\uFA27\uFA28\u9592\uF9DC\uFA29\u973B' +
  '\u974D\u9751\uFA2A\uFA2B\uFA2C\u999E\u9AD9\u9B72\uFA2D\u9ED1'
;

interface Tables {
  /** Code set 1 (0xA1–0xFE × 0xA1–0xFE): UTF-16 unit, 0 = unassigned. */
  cs1: Uint16Array;
  /** Code set 3 (0x8F, then 0xA1–0xFE × 0xA1–0xFE). */
  cs3: Uint16Array;
}

let tables: Tables | undefined;
let encodeTable: Uint32Array | undefined;

function cell(row: number, col: number): number {
  return (row - 1) * 94 + (col - 1);
}

/** Shift_JIS bytes of JIS row/column (1-based). */
function sjisOf(row: number, col: number): number {
  const lead = row <= 62 ? 0x81 + ((row - 1) >> 1) : 0xe0 + ((row - 63) >> 1);
  let trail: number;
  if (row & 1) {
    trail = col + 0x3f;
    if (trail >= 0x7f) trail++;
  } else {
    trail = col + 0x9e;
  }
  return (lead << 8) | trail;
}

export function eucJpTables(): Tables {
  if (tables) return tables;
  const sjis = cp932Cells();
  const cs1 = new Uint16Array(CELLS);
  const cs3 = new Uint16Array(CELLS);
  for (let row = 1; row <= 94; row++) {
    for (let col = 1; col <= 94; col++) {
      cs1[cell(row, col)] = row >= 85 ? 0xe000 + cell(row - 84, col) : sjis[sjisOf(row, col)];
    }
  }
  // JIS X 0212 (rows 1–82 of code set 3) from ICU, separated by LF so each cell is one line.
  const bytes = new Uint8Array(82 * 94 * 4);
  let o = 0;
  for (let row = 1; row <= 82; row++) {
    for (let col = 1; col <= 94; col++) {
      bytes[o++] = 0x8f;
      bytes[o++] = 0xa0 + row;
      bytes[o++] = 0xa0 + col;
      bytes[o++] = 0x0a;
    }
  }
  const lines = icuDecoder('euc-jp').decode(bytes).split('\n');
  for (let k = 0; k < 82 * 94; k++) {
    const s = lines[k];
    if (s.length === 1 && s !== '\ufffd') cs3[k] = s.charCodeAt(0);
  }
  cs3[cell(2, 0x23)] = 0xffe4; // 0x8FA2C3 BROKEN BAR: eucJP-ms uses the fullwidth form, as CP932 does.
  for (let k = 0; k < IBM_EXTENSION_F3F3.length; k++) cs3[cell(83, 0x53) + k] = IBM_EXTENSION_F3F3.charCodeAt(k);
  for (let k = 0; k < 940; k++) cs3[cell(85, 1) + k] = 0xe3ac + k;
  return (tables = { cs1, cs3 });
}

const U_FFFD = 0xfffd;

/**
 * The one decoding loop: fills `out` (when given) with UTF-16 units and `issues` (when given) with
 * the bad sequences. Returns the number of units written.
 */
function scan(bytes: Uint8Array, out: Uint16Array | null, issues: ByteIssue[] | null): number {
  const { cs1, cs3 } = eucJpTables();
  const n = bytes.length;
  let i = 0;
  let o = 0;
  const bad = (offset: number, length: number, kind: ByteIssue['kind']) => {
    if (issues) issues.push({ offset, length, kind });
    if (out) out[o++] = U_FFFD;
  };
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      if (out) out[o++] = b;
      i++;
    } else if (b >= 0xa1 && b <= 0xfe) {
      if (i + 1 >= n) {
        bad(i, 1, 'truncated');
        i++;
        continue;
      }
      const t = bytes[i + 1];
      if (t < 0xa1 || t > 0xfe) {
        bad(i, 1, 'invalid');
        i++;
        continue;
      }
      const u = cs1[(b - 0xa1) * 94 + t - 0xa1];
      if (u === 0) bad(i, 2, 'invalid');
      else if (out) out[o++] = u;
      i += 2;
    } else if (b === 0x8e) {
      if (i + 1 >= n) {
        bad(i, 1, 'truncated');
        i++;
        continue;
      }
      const t = bytes[i + 1];
      if (t < 0xa1 || t > 0xfe) {
        bad(i, 1, 'invalid');
        i++;
        continue;
      }
      if (t > 0xdf) bad(i, 2, 'invalid');
      else if (out) out[o++] = 0xff61 + t - 0xa1;
      i += 2;
    } else if (b === 0x8f) {
      const t1 = i + 1 < n ? bytes[i + 1] : -1;
      const t2 = i + 2 < n ? bytes[i + 2] : -1;
      if (t1 < 0) {
        bad(i, 1, 'truncated');
        i++;
      } else if (t1 < 0xa1 || t1 > 0xfe) {
        bad(i, 1, 'invalid');
        i++;
      } else if (t2 < 0) {
        bad(i, 2, 'truncated');
        i += 2;
      } else if (t2 < 0xa1 || t2 > 0xfe) {
        bad(i, 2, 'invalid');
        i += 2;
      } else {
        const u = cs3[(t1 - 0xa1) * 94 + t2 - 0xa1];
        if (u === 0) bad(i, 3, 'invalid');
        else if (out) out[o++] = u;
        i += 3;
      }
    } else if (b <= 0x9f) {
      if (out) out[o++] = b; // C1 control, as glibc reads it
      i++;
    } else {
      bad(i, 1, 'invalid'); // 0xA0, 0xFF
      i++;
    }
  }
  return o;
}

function decodeInto(bytes: Uint8Array, issues: ByteIssue[] | null): string {
  const out = utf16Scratch(bytes.length);
  return utf16String(out, scan(bytes, out, issues));
}

function decode(bytes: Uint8Array): string {
  return decodeInto(bytes, null);
}

function decodeChecked(bytes: Uint8Array): DecodeChecked {
  const issues: ByteIssue[] = [];
  return { text: decodeInto(bytes, issues), issues };
}

function findInvalid(bytes: Uint8Array): ByteIssue[] {
  const issues: ByteIssue[] = [];
  scan(bytes, null, issues);
  return issues;
}

const inTrail = (b: number) => b >= 0xa1 && b <= 0xfe;

function step(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b === 0x8f) return i + 1 < bytes.length && inTrail(bytes[i + 1]) ? (i + 2 < bytes.length && inTrail(bytes[i + 2]) ? 3 : 2) : 1;
  if (b === 0x8e || inTrail(b)) return i + 1 < bytes.length && inTrail(bytes[i + 1]) ? 2 : 1;
  return 1;
}

function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  // Bytes outside 0xA1–0xFE other than 0x8E/0x8F are never part of a longer sequence.
  let i = n;
  while (i > 0 && (inTrail(bytes[i - 1]) || bytes[i - 1] === 0x8e || bytes[i - 1] === 0x8f)) i--;
  while (i < n) {
    const len = step(bytes, i);
    const b = bytes[i];
    const open = b === 0x8f ? 3 : b === 0x8e || inTrail(b) ? 2 : 1;
    // A sequence that is still a valid prefix when the bytes run out waits for the next chunk.
    if (len < open && i + len >= n) return i;
    i += len;
  }
  return n;
}

/** Prefer code set 1 outside NEC row 13, then NEC row 13, then JIS X 0212, then the IBM rows (as glibc). */
function rank(code: number): number {
  if (code <= 0xffff) return code >> 8 === 0xad ? 1 : 0;
  const row = (code >> 8) & 0xff;
  return row === 0xf3 || row === 0xf4 ? 3 : 2;
}

/** Unicode (BMP) → EUC-JP bytes packed big-endian (1 to 3 bytes); 0 = none. */
export function eucJpEncodeTable(): Uint32Array {
  if (encodeTable) return encodeTable;
  const { cs1, cs3 } = eucJpTables();
  const enc = new Uint32Array(0x10000);
  const put = (u: number, code: number) => {
    const prev = enc[u];
    if (prev === 0 || rank(code) < rank(prev)) enc[u] = code;
  };
  for (let k = 0; k < CELLS; k++) {
    const code = ((0xa1 + Math.floor(k / 94)) << 8) | (0xa1 + (k % 94));
    if (cs1[k]) put(cs1[k], code);
    if (cs3[k]) put(cs3[k], 0x8f0000 | code);
  }
  for (let t = 0xa1; t <= 0xdf; t++) enc[0xff61 + t - 0xa1] = 0x8e00 | t;
  for (let c = 0x80; c <= 0x9f; c++) if (c !== 0x8e && c !== 0x8f) enc[c] = c;
  return (encodeTable = enc);
}

function encode(text: string): EncodeResult {
  const enc = eucJpEncodeTable();
  const out = new Uint8Array(text.length * 3);
  const unrepresentable: EncodeIssue[] = [];
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
      continue;
    }
    const code = enc[c];
    if (code > 0xffff) {
      out[o++] = 0x8f;
      out[o++] = (code >> 8) & 0xff;
      out[o++] = code & 0xff;
    } else if (code > 0xff) {
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

export const eucJp: CharsetCodec = makeCharset({
  name: 'euc-jp',
  asciiTransparent: true,
  decode,
  findInvalid,
  decodeChecked,
  completeLength,
  byteOffsets: (bytes, indices) => byteOffsetsOf(bytes, indices, step),
  encode,
});

export const eucJpDefinition: CharsetDefinition = {
  name: 'euc-jp',
  label: 'EUC-JP',
  aliases: ['eucjp', 'eucjp-ms', 'euc-jp-ms'],
  ebcdic: false,
  codec: () => eucJp,
};
