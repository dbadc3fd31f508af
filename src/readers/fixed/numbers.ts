/**
 * Exact decoding of mainframe numbers to decimal strings: zoned, packed (COMP-3) and binary.
 * Never through floating point: digits are collected as text, binary goes through BigInt when it
 * cannot fit 48 bits. Results are canonical: no leading zeros, `scale` fraction digits kept,
 * negative zero normalised to zero ("-0" → "0", "-0.00" → "0.00").
 *
 * A decoder returns the string on success or a NumberIssue pointing at the offending byte (index
 * into the buffer given); the reader turns it into a finding with the absolute file offset.
 */

export interface NumberIssue {
  code: 'FIX_BAD_NIBBLE' | 'FIX_BAD_SIGN' | 'FIX_NUMBER_OVERFLOW';
  /** Index into the buffer of the offending byte. */
  at: number;
  nibble?: 'digit' | 'zone';
  sign?: string;
  digits?: number;
}

/** Sign nibble → +1 positive, -1 negative, 0 not accepted. */
export type SignTable = Int8Array;

export interface SignSetting {
  /** Hex digits accepted as positive (or unsigned), e.g. "CF" or "ACEF". */
  positive: string;
  /** Hex digits accepted as negative, e.g. "D" or "BD". */
  negative: string;
}

export const DEFAULT_SIGNS: SignSetting = { positive: 'CF', negative: 'D' };

export function signTable(s: SignSetting): SignTable {
  const t = new Int8Array(16);
  for (const c of s.positive) t[parseInt(c, 16)] = 1;
  for (const c of s.negative) t[parseInt(c, 16)] = -1;
  return t;
}

export function isSignSetting(s: SignSetting): boolean {
  const ok = (x: string) => /^[0-9A-Fa-f]*$/.test(x);
  if (!ok(s.positive) || !ok(s.negative)) return false;
  const pos = new Set(s.positive.toUpperCase());
  return ![...s.negative.toUpperCase()].some((c) => pos.has(c)) && s.positive.length + s.negative.length > 0;
}

const HEX = '0123456789ABCDEF';
export function toHex(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) { const b = buf[i]!; s += HEX[b >> 4]! + HEX[b & 15]!; }
  return s;
}

/**
 * Canonical decimal from a digit string (may have leading zeros), sign and implied scale.
 * Exported for tests and for date/other decoders.
 */
export function formatDecimal(digits: string, negative: boolean, scale: number): string {
  let i = 0;
  const keep = digits.length - scale - 1; // last index a leading zero may be stripped before
  while (i < keep && digits.charCodeAt(i) === 48) i++;
  let d = i ? digits.slice(i) : digits;
  if (scale > 0) {
    if (d.length <= scale) d = '0'.repeat(scale - d.length + 1) + d;
    d = d.slice(0, d.length - scale) + '.' + d.slice(d.length - scale);
  }
  if (negative && /[1-9]/.test(d)) return '-' + d;
  return d;
}

function significantDigits(digits: string): number {
  let i = 0;
  while (i < digits.length && digits.charCodeAt(i) === 48) i++;
  return digits.length - i;
}

/**
 * Digits are written as ASCII into one module-level scratch buffer and turned into a string once:
 * building them by `+=` made a dozen short-lived strings per number, and the garbage collector was
 * the reader's largest cost.
 */
/** Large enough for MAX_DIGITS_LIMIT digits. */
const DIG = Buffer.alloc(128);
export const MAX_DIGITS_LIMIT = 100;
type Latin1Buffer = Buffer & { latin1Slice(s: number, e: number): string };
const slice = typeof (DIG as Partial<Latin1Buffer>).latin1Slice === 'function'
  ? (s: number, e: number) => (DIG as Latin1Buffer).latin1Slice(s, e)
  : (s: number, e: number) => DIG.toString('latin1', s, e);

/** Canonical decimal from DIG[0..n): leading zeros dropped, `scale` fraction digits, no "-0". */
function finish(n: number, negative: boolean, scale: number, digits: number | undefined, at: number): string | NumberIssue {
  let z = 0;
  while (z < n && DIG[z] === 48) z++;
  if (digits !== undefined && n - z > digits) return { code: 'FIX_NUMBER_OVERFLOW', at, digits };
  const zero = z === n;
  const keep = n - scale - 1;
  if (z > keep) z = keep < 0 ? 0 : keep;
  let out: string;
  if (scale === 0) out = slice(z, n);
  else if (n > scale) out = slice(z, n - scale) + '.' + slice(n - scale, n);
  else out = '0.' + '0'.repeat(scale - n) + slice(0, n);
  return negative && !zero ? '-' + out : out;
}

export interface NumberOptions {
  scale: number;
  /** Declared precision; more significant digits than this is an overflow. */
  digits?: number;
  signs: SignTable;
}

/**
 * Zoned decimal, EBCDIC form: every byte 0xF0–0xF9 except the last, whose high nibble is the
 * sign (C/D/F by default, per `signs`) and low nibble the digit.
 */
export function decodeZonedEbcdic(buf: Uint8Array, start: number, end: number, o: NumberOptions): string | NumberIssue {
  const last = end - 1;
  let n = 0;
  for (let i = start; i < last; i++) {
    const b = buf[i]!;
    if (b >> 4 !== 0xf) return { code: 'FIX_BAD_NIBBLE', at: i, nibble: 'zone' };
    if ((b & 15) > 9) return { code: 'FIX_BAD_NIBBLE', at: i, nibble: 'digit' };
    DIG[n++] = 48 + (b & 15);
  }
  const b = buf[last]!;
  const sign = o.signs[b >> 4]!;
  if ((b & 15) > 9) return { code: 'FIX_BAD_NIBBLE', at: last, nibble: 'digit' };
  if (sign === 0) return { code: 'FIX_BAD_SIGN', at: last, sign: HEX[b >> 4] };
  DIG[n++] = 48 + (b & 15);
  return finish(n, sign < 0, o.scale, o.digits, start);
}

/**
 * Zoned decimal as found in ASCII/CP932 files: digits 0x30–0x39; the last byte may carry the
 * sign as an overpunch, in either convention seen in the field:
 *  - converted from EBCDIC: `{` `A`–`I` = +0…+9, `}` `J`–`R` = −0…−9;
 *  - Micro Focus / ASCII sign nibble: 0x70–0x79 (`p`–`y`) = −0…−9.
 * Plain 0x30–0x39 in the last byte is positive (unsigned). The `signs` setting does not apply.
 */
export function decodeZonedAscii(buf: Uint8Array, start: number, end: number, o: NumberOptions): string | NumberIssue {
  const last = end - 1;
  let n = 0;
  for (let i = start; i < last; i++) {
    const b = buf[i]!;
    if (b < 0x30 || b > 0x39) return { code: 'FIX_BAD_NIBBLE', at: i, nibble: (b >> 4) === 3 ? 'digit' : 'zone' };
    DIG[n++] = b;
  }
  const b = buf[last]!;
  let negative = false;
  let d: number;
  if (b >= 0x30 && b <= 0x39) d = b - 0x30;
  else if (b >= 0x70 && b <= 0x79) { d = b - 0x70; negative = true; }
  else if (b === 0x7b) d = 0;
  else if (b >= 0x41 && b <= 0x49) d = b - 0x40;
  else if (b === 0x7d) { d = 0; negative = true; }
  else if (b >= 0x4a && b <= 0x52) { d = b - 0x49; negative = true; }
  else return { code: 'FIX_BAD_SIGN', at: last, sign: HEX[b >> 4]! + HEX[b & 15]! };
  DIG[n++] = 48 + d;
  return finish(n, negative, o.scale, o.digits, start);
}

/** Packed decimal (COMP-3): two digit nibbles a byte, the last nibble is the sign. */
export function decodePacked(buf: Uint8Array, start: number, end: number, o: NumberOptions): string | NumberIssue {
  const last = end - 1;
  let n = 0;
  for (let i = start; i < last; i++) {
    const b = buf[i]!;
    if (b >> 4 > 9 || (b & 15) > 9) return { code: 'FIX_BAD_NIBBLE', at: i, nibble: 'digit' };
    DIG[n++] = 48 + (b >> 4);
    DIG[n++] = 48 + (b & 15);
  }
  const b = buf[last]!;
  if (b >> 4 > 9) return { code: 'FIX_BAD_NIBBLE', at: last, nibble: 'digit' };
  const sign = o.signs[b & 15]!;
  if (sign === 0) return { code: 'FIX_BAD_SIGN', at: last, sign: HEX[b & 15] };
  DIG[n++] = 48 + (b >> 4);
  return finish(n, sign < 0, o.scale, o.digits, start);
}

export interface BinaryOptions {
  scale: number;
  digits?: number;
  signed: boolean;
  littleEndian: boolean;
}

/** Binary integer (COMP/COMP-4/COMP-5), 1–8 bytes, either byte order. */
export function decodeBinary(buf: Uint8Array, start: number, end: number, o: BinaryOptions): string | NumberIssue {
  const len = end - start;
  let abs: string;
  let negative = false;
  if (len <= 6) {
    let v = 0;
    if (o.littleEndian) for (let i = end - 1; i >= start; i--) v = v * 256 + buf[i]!;
    else for (let i = start; i < end; i++) v = v * 256 + buf[i]!;
    if (o.signed && v >= 2 ** (8 * len - 1)) v -= 2 ** (8 * len);
    negative = v < 0;
    abs = String(negative ? -v : v);
  } else {
    let v = 0n;
    if (o.littleEndian) for (let i = end - 1; i >= start; i--) v = (v << 8n) | BigInt(buf[i]!);
    else for (let i = start; i < end; i++) v = (v << 8n) | BigInt(buf[i]!);
    if (o.signed && v >= 1n << BigInt(8 * len - 1)) v -= 1n << BigInt(8 * len);
    negative = v < 0n;
    abs = (negative ? -v : v).toString();
  }
  if (o.digits !== undefined && significantDigits(abs) > o.digits) return { code: 'FIX_NUMBER_OVERFLOW', at: start, digits: o.digits };
  return formatDecimal(abs, negative, o.scale);
}
