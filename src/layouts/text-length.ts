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
import { charsetDefinitions, findCharset } from '../encoding/registry.ts';

export { cp932ByteLength, utf8ByteLength } from '../encoding/byte-length.ts';

export type LengthCharset = 'cp932' | 'utf-8';
/** The charsets with a byte-length rule, as the charset registry defines them (cp932, utf-8). */
export const LENGTH_CHARSETS = charsetDefinitions().filter((d) => d.byteLength).map((d) => d.name) as readonly LengthCharset[];

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

/** Byte length of `text` in `charset` (cp932 or utf-8, by any name the charset registry knows). */
export function byteLengthIn(charset: string, text: string): number {
  return byteLengthFunction(charset)(text);
}

export function byteLengthFunction(charset: string): (text: string) => number {
  return lengthRule(charset).byteLength!;
}

export function normaliseLengthCharset(charset: string): LengthCharset {
  return lengthRule(charset).name as LengthCharset;
}

function lengthRule(charset: string) {
  const d = findCharset(charset);
  if (d?.byteLength) return d;
  throw new LayoutError('(length)', `no byte-length rule for charset "${charset}" (known: ${LENGTH_CHARSETS.join(', ')})`);
}
