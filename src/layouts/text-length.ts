/**
 * Length rules shared by layout validation and (later) normalisation. STANDARD.md §1 leaves the
 * official 桁数 rule unknown, so chukan states its own:
 * - characters = Unicode code points, except that a variation selector (U+FE00–FE0F,
 *   U+E0100–E01EF) counts with the character before it: an IVS sequence such as 辻󠄀
 *   (U+8FBB U+E0100) is one character;
 * - bytes = bytes in a named charset. For CP932 the rule is computed directly (no encoder run):
 *   ASCII, U+00A5, U+203E (WHATWG maps these to 0x5C/0x7E) and half-width katakana U+FF61–FF9F
 *   are 1 byte; every other code point is 2 bytes, including PUA 外字 (the user-defined area is
 *   double-byte) and characters CP932 cannot hold (they will be written as a 2-byte 外字 or
 *   substitute, and representability is a separate check); a variation selector adds nothing
 *   (on CP932 output the IVS sequence becomes one 2-byte character).
 */
import { LayoutError } from '../core/errors.ts';

export type LengthCharset = 'cp932' | 'utf-8';
export const LENGTH_CHARSETS: readonly LengthCharset[] = ['cp932', 'utf-8'];

/** Characters as chukan counts them (code points, IVS sequence = 1). */
export function charLength(text: string): number {
  let n = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        // U+E0100–E01EF is encoded as DB40 DD00–DDEF: a selector, not a character.
        if (c === 0xdb40 && d >= 0xdd00 && d <= 0xddef && n > 0) continue;
      }
    } else if (c >= 0xfe00 && c <= 0xfe0f && n > 0) {
      continue;
    }
    n++;
  }
  return n;
}

/** Code points, as JSON Schema `maxLength`/`minLength` (and ajv's ucs2length) count them. */
export function codePointLength(text: string): number {
  let n = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export function cp932ByteLength(text: string): number {
  let n = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xff61 && c <= 0xff9f) || c === 0xa5 || c === 0x203e) {
      n += 1;
    } else if (c >= 0xfe00 && c <= 0xfe0f) {
      // variation selector: no bytes of its own
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        if (c === 0xdb40 && d >= 0xdd00 && d <= 0xddef) continue;
      }
      n += 2;
    } else {
      n += 2;
    }
  }
  return n;
}

export function utf8ByteLength(text: string): number {
  let n = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        n += 4;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Byte length of `text` in `charset` ('cp932' or 'utf-8'; aliases shift_jis/sjis/windows-31j/utf8). */
export function byteLengthIn(charset: string, text: string): number {
  return byteLengthFunction(charset)(text);
}

export function byteLengthFunction(charset: string): (text: string) => number {
  const c = normaliseLengthCharset(charset);
  if (c === 'cp932') return cp932ByteLength;
  return utf8ByteLength;
}

export function normaliseLengthCharset(charset: string): LengthCharset {
  const n = charset.toLowerCase();
  if (n === 'cp932' || n === 'shift_jis' || n === 'sjis' || n === 'windows-31j') return 'cp932';
  if (n === 'utf-8' || n === 'utf8') return 'utf-8';
  throw new LayoutError('(length)', `no byte-length rule for charset "${charset}" (known: ${LENGTH_CHARSETS.join(', ')})`);
}
