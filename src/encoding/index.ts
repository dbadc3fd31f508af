/**
 * The encoding layer: charsets by name, plus the helpers readers need around them (BOM, UTF-16
 * sniffing, NUL bytes, PUA accounting). Which library decodes/encodes what, and why: docs/ENCODING.md.
 */
import { UnknownCharsetError } from '../core/errors.ts';
import type { CharsetCodec } from './codec.ts';
import { cp932 } from './cp932.ts';
import { ebcdicCharsetNames, getEbcdicCodec } from './ebcdic/index.ts';
import { eucJp } from './euc-jp.ts';
import { utf8 } from './utf-8.ts';

export type { Charset, ByteIssue, DecodeChecked, EncodeIssue, EncodeResult, StreamDecoder, StreamDecodeResult } from './charset.ts';
export type { CharsetCodec } from './codec.ts';
export { ChunkDecoder, type DecodedPart } from './stream.ts';
export { detectBom, sniffUtf16, type BomEncoding } from './bom.ts';
export { findNulBytes } from './nul.ts';
export { countPua, tallyPua, isPua, hasPuaCandidate, indexOfPuaCandidate } from './pua.ts';
export { CP932_WINDOWS_EQUIVALENTS } from './cp932.ts';
export { getEbcdicCharset, getEbcdicCodec, createVendorCharset, ebcdicCharsetNames, EBCDIC_CHARSET_NAMES, KANA_WIDTHS, type KanaWidth, type TableCharset } from './ebcdic/index.ts';

const BY_NAME: ReadonlyMap<string, CharsetCodec> = new Map([
  ['cp932', cp932],
  ['shift_jis', cp932],
  ['shift-jis', cp932],
  ['sjis', cp932],
  ['windows-31j', cp932],
  ['ms932', cp932],
  ['euc-jp', eucJp],
  ['eucjp', eucJp],
  ['eucjp-ms', eucJp],
  ['euc-jp-ms', eucJp],
  ['utf-8', utf8],
  ['utf8', utf8],
]);

/** Names accepted by getCharset (case-insensitive), grouped by canonical name: cp932, euc-jp, utf-8, then the EBCDIC pages. */
export function charsetNames(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [alias, c] of BY_NAME) (out[c.name] ??= []).push(alias);
  return { ...out, ...ebcdicCharsetNames() };
}

/**
 * The charset for a user-given name; throws UnknownCharsetError (exit 2) for anything else.
 * EBCDIC pages come from src/encoding/ebcdic (their own alias list, next to their tables).
 */
export function getCharset(name: string): CharsetCodec {
  const c = BY_NAME.get(name.trim().toLowerCase()) ?? getEbcdicCodec(name);
  if (!c) throw new UnknownCharsetError(name);
  return c;
}
