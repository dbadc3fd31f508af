/**
 * The Charset contract every decoder/encoder in chukan implements. The hot path (readers) hands a
 * charset whole records — a batch ends on a record boundary, and CR/LF/`"`/`,` are never trail
 * bytes in CP932, EUC-JP or UTF-8 — so `decode` needs no state; `createStreamDecoder` is for
 * consumers of raw text (transcode, gaiji scan) that cut the input anywhere.
 *
 * Invalid bytes: `decode` is lenient and fast (replacement). Callers that see U+FFFD in the
 * result call `findInvalid` on the same bytes to get exact offsets; U+FFFD is never passed on
 * silently. `findInvalid` reports exactly one issue per U+FFFD the decoder produced for bad bytes
 * (a genuine U+FFFD in UTF-8 input, EF BF BD, is not an issue).
 *
 * Byte-order mark: `decode` never strips or reports one (a U+FEFF stays in the text, so a BOM in
 * the middle of a file is visible). A caller at byte 0 of a file asks `bomLength` and skips it;
 * stream decoders do that themselves and say so with `bom: true`.
 */
export interface ByteIssue {
  /** Offset relative to the start of the bytes passed in. */
  offset: number;
  /** Number of bytes in the bad sequence. */
  length: number;
  /** 'invalid' → ENC_INVALID_BYTES (bad lead/trail, unassigned cell); 'truncated' → ENC_TRUNCATED (multibyte cut by end of input). */
  kind: 'invalid' | 'truncated';
}

export interface DecodeChecked {
  text: string;
  /** As `findInvalid(bytes)`: offsets relative to the bytes passed in. */
  issues: ByteIssue[];
}

export interface StreamDecodeResult {
  text: string;
  /** Issues with offsets absolute in the whole stream. */
  issues: ByteIssue[];
  /** Set on the one result that consumed a byte-order mark at the start of the stream (stripped from `text`). */
  bom?: boolean;
}

export interface StreamDecoder {
  write(chunk: Uint8Array): StreamDecodeResult;
  end(): StreamDecodeResult;
}

export interface EncodeIssue {
  /** UTF-16 index in the input string of the character that cannot be encoded. */
  index: number;
  codePoint: number;
}

export interface EncodeRowsOptions {
  /** The caller copies the bytes before the next encode, so they may live in a reused buffer. */
  transient?: boolean;
}

export interface EncodeResult {
  bytes: Uint8Array;
  /** Characters the charset cannot hold (never replaced by `?`). When non-empty, `bytes` must not be written as output. */
  unrepresentable: EncodeIssue[];
}

export interface Charset {
  /** Canonical name: 'cp932', 'euc-jp', 'utf-8', … */
  readonly name: string;
  /** True when `"`, `,`, TAB, CR and LF bytes only ever mean themselves (safe byte-level CSV scanning). */
  readonly asciiTransparent: boolean;
  /** Lenient whole-unit decode; invalid sequences become U+FFFD (then call findInvalid). */
  decode(bytes: Uint8Array): string;
  /** Exact list of bad sequences in `bytes` (decoding as if `bytes` were the whole input). */
  findInvalid(bytes: Uint8Array): ByteIssue[];
  /** Decoder for input cut anywhere; strips (and reports) a byte-order mark at the start of the stream. */
  createStreamDecoder(): StreamDecoder;
  encode(text: string): EncodeResult;
  /**
   * `encode(rows.join(''))`, by a faster route where the charset has one (UTF-8 writes each row
   * straight into bytes, with no joined string and no separate length pass). The issues' `index`
   * is into the joined text, as encode's would be. With `transient`, `bytes` may be a view of a
   * buffer the next call reuses: the caller must copy it before encoding again.
   */
  encodeRows?(rows: readonly string[], options?: EncodeRowsOptions): EncodeResult;
  /** Length of this charset's byte-order mark at the start of `bytes` (UTF-8: 3 for EF BB BF), else 0. */
  bomLength?(bytes: Uint8Array): number;
  /**
   * `decode` and `findInvalid` in one call, by the cheapest route (a strict decode that cannot
   * fail on clean input, so the text need not be searched for U+FFFD afterwards).
   */
  decodeChecked?(bytes: Uint8Array): DecodeChecked;
}
