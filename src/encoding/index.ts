/**
 * The encoding layer: charsets by name (registry.ts), plus the helpers readers need around them
 * (BOM, UTF-16 sniffing, NUL bytes, PUA accounting, UTF-8 validity, code-point names). Which
 * library decodes/encodes what, and why: docs/ENCODING.md.
 */
export type { Charset, ByteIssue, DecodeChecked, EncodeIssue, EncodeResult, StreamDecoder, StreamDecodeResult } from './charset.ts';
export type { CharsetCodec, CharsetDefinition } from './codec.ts';
export { getCharset, findCharset, canonicalCharsetName, charsetDefinitions, charsetNames, charsetLabel } from './registry.ts';
export { cp932ByteLength, utf8ByteLength } from './byte-length.ts';
export { formatCodePoint } from './code-point.ts';
export { ChunkDecoder, type DecodedPart } from './stream.ts';
export { detectBom, sniffUtf16, type BomEncoding } from './bom.ts';
export { findNulBytes } from './nul.ts';
export { countPua, tallyPua, isPua, hasPuaCandidate, indexOfPuaCandidate } from './pua.ts';
export { CP932_WINDOWS_EQUIVALENTS } from './cp932.ts';
export { getEbcdicCharset, getEbcdicCodec, createVendorCharset, ebcdicCharsetNames, EBCDIC_CHARSET_NAMES, KANA_WIDTHS, type KanaWidth, type TableCharset } from './ebcdic/index.ts';
