/**
 * The Charset contract every decoder/encoder in chukan implements. The hot path (readers) hands a
 * charset whole records — a batch ends on a record boundary, and CR/LF/`"`/`,` are never trail
 * bytes in CP932, EUC-JP or UTF-8 — so `decode` needs no state; `createStreamDecoder` is for
 * consumers of raw text (transcode, gaiji scan) that cut the input anywhere.
 *
 * Invalid bytes: `decode` is lenient and fast (WHATWG replacement). Callers that see U+FFFD in the
 * result call `findInvalid` on the same bytes to get exact offsets; U+FFFD is never passed on
 * silently.
 */
export interface ByteIssue {
  /** Offset relative to the start of the bytes passed in. */
  offset: number;
  /** Number of bytes in the bad sequence. */
  length: number;
  /** ENC_INVALID_BYTES (bad lead/trail), ENC_TRUNCATED (multibyte cut by end of input), ENC_NUL, ENC_BOM_MIDDLE… */
  kind: 'invalid' | 'truncated';
}

export interface StreamDecodeResult {
  text: string;
  /** Issues with offsets absolute in the whole stream. */
  issues: ByteIssue[];
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

export interface EncodeResult {
  bytes: Uint8Array;
  /** Characters the charset cannot hold. When non-empty, `bytes` must not be written as output. */
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
  createStreamDecoder(): StreamDecoder;
  encode(text: string): EncodeResult;
}
