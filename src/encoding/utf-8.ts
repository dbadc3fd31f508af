/**
 * UTF-8. Decoding is Node's TextDecoder with `ignoreBOM` (a BOM is never dropped silently; a caller
 * at byte 0 skips `bomLength` bytes). `findInvalid` follows the WHATWG/Unicode "maximal subpart"
 * rule the decoder uses, so each U+FFFD it produced for bad bytes is one issue, and a genuine
 * U+FFFD in the input (EF BF BD) is none.
 */
import { isUtf8 } from 'node:buffer';
import type { ByteIssue, DecodeChecked, EncodeIssue, EncodeResult, EncodeRowsOptions } from './charset.ts';
import { utf8ByteLength } from './byte-length.ts';
import { makeCharset, type CharsetCodec, type CharsetDefinition } from './codec.ts';
import { byteOffsetsOf, TWO_UNITS } from './walk.ts';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Length of the well-formed sequence at `i`, or −(length of the maximal bad subpart), or 0 if the input ends inside a valid prefix. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    if (i + k >= bytes.length) return 0;
    const c = bytes[i + k];
    if (c < lo || c > hi) return -k;
    lo = 0x80;
    hi = 0xbf;
  }
  return need + 1;
}

function findInvalid(bytes: Uint8Array): ByteIssue[] {
  if (isUtf8(bytes)) return [];
  const issues: ByteIssue[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const len = sequenceAt(bytes, i);
    if (len > 0) {
      i += len;
    } else if (len < 0) {
      issues.push({ offset: i, length: -len, kind: 'invalid' });
      i -= len;
    } else {
      issues.push({ offset: i, length: n - i, kind: 'truncated' });
      i = n;
    }
  }
  return issues;
}

function decodeChecked(bytes: Uint8Array): DecodeChecked {
  return { text: decoder.decode(bytes), issues: isUtf8(bytes) ? [] : findInvalid(bytes) };
}

function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  // Any byte that is not a continuation byte (0x80–0xBF) starts afresh; look at the last one.
  let i = n - 1;
  while (i >= 0 && i >= n - 4 && bytes[i] >= 0x80 && bytes[i] <= 0xbf) i--;
  if (i < 0 || i < n - 4) return n;
  return sequenceAt(bytes, i) === 0 ? i : n;
}

/**
 * UTF-8 validity of a byte stream cut anywhere, by findInvalid's rule (one issue per U+FFFD the
 * decoder gives for bad bytes), so a check's count agrees with the reader's ENC_INVALID_BYTES.
 * Clean chunks cost one native `isUtf8`; only a sequence a chunk cuts short is carried over.
 */
export class Utf8Validator {
  invalid = 0;
  firstInvalidOffset = -1;
  private carry: Uint8Array = new Uint8Array(0);
  private offset = 0;

  push(chunk: Uint8Array): void {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const base = this.offset - this.carry.length;
    const whole = data.subarray(0, completeLength(data));
    if (!isUtf8(whole)) this.note(base, findInvalid(whole));
    this.carry = whole.length < data.length ? Uint8Array.from(data.subarray(whole.length)) : new Uint8Array(0);
    this.offset += chunk.length;
  }

  end(): void {
    if (this.carry.length > 0) this.note(this.offset - this.carry.length, findInvalid(this.carry));
    this.carry = new Uint8Array(0);
  }

  get valid(): boolean {
    return this.invalid === 0;
  }

  private note(base: number, issues: ByteIssue[]): void {
    if (issues.length === 0) return;
    if (this.invalid === 0) this.firstInvalidOffset = base + issues[0]!.offset;
    this.invalid += issues.length;
  }
}

function step(bytes: Uint8Array, i: number): number {
  const len = sequenceAt(bytes, i);
  if (len === 4) return 4 | TWO_UNITS;
  return len > 0 ? len : len < 0 ? -len : bytes.length - i;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function encode(text: string): EncodeResult {
  const unrepresentable: EncodeIssue[] = [];
  // isWellFormed (native, Node 20+) is the lone-surrogate test, several times faster than a regex over the text.
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) {
    for (const m of text.matchAll(LONE_SURROGATE)) unrepresentable.push({ index: m.index!, codePoint: m[0].charCodeAt(0) });
  }
  const b = Buffer.from(text, 'utf8');
  return { bytes: new Uint8Array(b.buffer, b.byteOffset, b.byteLength), unrepresentable };
}

/**
 * Rows are written into this buffer and copied out once, reused by every call on this thread:
 * `Buffer.from(text, 'utf8')` measures the string before writing it, so it took twice as long as
 * writing into a buffer known to be large enough (3 bytes per UTF-16 unit always is), and the rows
 * no longer need joining into one string first. Grows to the largest batch seen, up to
 * STAGING_MAX; larger batches take the plain route.
 */
let staging = Buffer.alloc(0);
const STAGING_MAX = 4 << 20;

function encodeRows(rows: readonly string[], options?: EncodeRowsOptions): EncodeResult {
  let units = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!(r as string & { isWellFormed(): boolean }).isWellFormed()) return encode(rows.join(''));
    units += r.length;
  }
  const bound = units * 3;
  if (bound > STAGING_MAX) return encode(rows.join(''));
  if (bound > staging.length) staging = Buffer.allocUnsafe(Math.max(bound, Math.min(STAGING_MAX, staging.length * 2)));
  let at = 0;
  for (let i = 0; i < rows.length; i++) at += staging.write(rows[i], at, 'utf8');
  if (options?.transient) return { bytes: new Uint8Array(staging.buffer, staging.byteOffset, at), unrepresentable: [] };
  // A copy that owns its buffer: the caller may keep it, or move it to another thread.
  const bytes = new Uint8Array(at);
  bytes.set(staging.subarray(0, at));
  return { bytes, unrepresentable: [] };
}

export const utf8: CharsetCodec = makeCharset({
  name: 'utf-8',
  asciiTransparent: true,
  bom: new Uint8Array([0xef, 0xbb, 0xbf]),
  decode: (bytes) => decoder.decode(bytes),
  findInvalid,
  decodeChecked,
  completeLength,
  byteOffsets: (bytes, indices) => byteOffsetsOf(bytes, indices, step),
  encode,
  encodeRows,
});

export const utf8Definition: CharsetDefinition = {
  name: 'utf-8',
  label: 'UTF-8',
  aliases: ['utf8'],
  ebcdic: false,
  codec: () => utf8,
  byteLength: utf8ByteLength,
};
