import type { ByteIssue, Charset, DecodeChecked, EncodeResult, EncodeRowsOptions, StreamDecoder } from './charset.ts';
import { ChunkDecoder, startsWith } from './stream.ts';

/** What one charset module implements; `makeCharset` adds the parts every charset shares. */
export interface CodecCore {
  readonly name: string;
  readonly asciiTransparent: boolean;
  /** This charset's byte-order mark, if it has one. */
  readonly bom?: Uint8Array;
  decode(bytes: Uint8Array): string;
  findInvalid(bytes: Uint8Array): ByteIssue[];
  decodeChecked(bytes: Uint8Array): DecodeChecked;
  /**
   * Length of the longest prefix of `bytes` after which the decoder starts afresh: the bytes past
   * it are the start of a sequence that more input could still complete (at most 3 bytes). Decoding
   * the prefix and the rest separately gives the same result as decoding them together.
   */
  completeLength(bytes: Uint8Array): number;
  /** Byte offset, in `bytes`, of the sequence that produced each UTF-16 index (ascending) of `decode(bytes)`. */
  byteOffsets(bytes: Uint8Array, indices: readonly number[]): number[];
  encode(text: string): EncodeResult;
  encodeRows?(rows: readonly string[], options?: EncodeRowsOptions): EncodeResult;
}

/** A Charset with the extras chukan's own tools (transcode, stream decoders) rely on. */
export interface CharsetCodec extends Charset, CodecCore {
  encodeRows(rows: readonly string[], options?: EncodeRowsOptions): EncodeResult;
  decodeChecked(bytes: Uint8Array): DecodeChecked;
  bomLength(bytes: Uint8Array): number;
  createStreamDecoder(): StreamDecoder;
}

export function makeCharset(core: CodecCore): CharsetCodec {
  const bom = core.bom;
  const charset: CharsetCodec = Object.freeze({
    name: core.name,
    asciiTransparent: core.asciiTransparent,
    bom,
    decode: core.decode,
    findInvalid: core.findInvalid,
    decodeChecked: core.decodeChecked,
    completeLength: core.completeLength,
    byteOffsets: core.byteOffsets,
    encode: core.encode,
    encodeRows: core.encodeRows ?? ((rows: readonly string[]) => core.encode(rows.join(''))),
    bomLength: (bytes: Uint8Array) => (bom && startsWith(bytes, bom) ? bom.length : 0),
    createStreamDecoder(): StreamDecoder {
      const d = new ChunkDecoder(charset);
      return {
        write: (chunk) => toResult(d.write(chunk)),
        end: () => toResult(d.end()),
      };
    },
  });
  return charset;
}

function toResult(p: { text: string; issues: ByteIssue[]; bom: boolean }) {
  return p.bom ? { text: p.text, issues: p.issues, bom: true } : { text: p.text, issues: p.issues };
}

/**
 * One charset as the registry (registry.ts) knows it: every name a user may give for it, how
 * people write it, its codec, and the byte-length rule layouts count `bytes` lengths with. Each
 * charset module exports one; adding a charset is that module plus its line in registry.ts.
 */
export interface CharsetDefinition {
  /** Canonical name (lower case): what findings, reports and `Charset.name` say. */
  readonly name: string;
  /** The name as a person writes it: CP932, EUC-JP, UTF-8, IBM930. */
  readonly label: string;
  /** Other names accepted for it (lower case; lookup is case-insensitive). */
  readonly aliases: readonly string[];
  /** True for EBCDIC pages: CR, LF, comma and quote are not ASCII's bytes (fixed layouts only). */
  readonly ebcdic: boolean;
  /** The codec; loaded on first use (EBCDIC pages read their tables then). */
  codec(): CharsetCodec;
  /** Bytes a text takes in this charset under chukan's length rule (byte-length.ts); absent: no `bytes` length rule. */
  readonly byteLength?: (text: string) => number;
}
