import type { ByteIssue } from './charset.ts';
import type { CodecCore } from './codec.ts';

const EMPTY = new Uint8Array(0);

/** One decoded stretch of a stream, with the bytes it came from (transcode maps text indices back to offsets). */
export interface DecodedPart {
  text: string;
  /** Issues with absolute offsets. */
  issues: ByteIssue[];
  /** The bytes decoded into `text` (BOM excluded). */
  bytes: Uint8Array;
  /** Absolute offset of `bytes[0]` in the stream. */
  offset: number;
  /** True on the part that skipped a byte-order mark at the start of the stream. */
  bom: boolean;
}

/**
 * Decodes a byte stream cut anywhere. Each write decodes only up to the last point where the
 * decoder starts afresh (`completeLength`); the few bytes after it wait for the next chunk. So a
 * character split across chunks survives, and the result equals a one-shot decode of the whole
 * stream (BOM skipped), issues included, with absolute offsets.
 */
export class ChunkDecoder {
  private pending: Uint8Array = EMPTY;
  private offset = 0;
  private bomDecided: boolean;

  constructor(private readonly codec: CodecCore) {
    this.bomDecided = codec.bom === undefined;
  }

  write(chunk: Uint8Array): DecodedPart {
    const buf = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    return this.run(buf, false);
  }

  end(): DecodedPart {
    const buf = this.pending;
    this.pending = EMPTY;
    return this.run(buf, true);
  }

  private run(buf: Uint8Array, final: boolean): DecodedPart {
    let bom = false;
    if (!this.bomDecided) {
      const mark = this.codec.bom!;
      if (!final && buf.length < mark.length && startsWith(mark, buf)) {
        this.pending = buf;
        return { text: '', issues: [], bytes: EMPTY, offset: this.offset, bom: false };
      }
      this.bomDecided = true;
      if (startsWith(buf, mark)) {
        buf = buf.subarray(mark.length);
        this.offset += mark.length;
        bom = true;
      }
    }
    const cut = final ? buf.length : this.codec.completeLength(buf);
    const bytes = buf.subarray(0, cut);
    // slice, not subarray: the caller may reuse its chunk buffer.
    this.pending = cut < buf.length ? buf.slice(cut) : EMPTY;
    const offset = this.offset;
    this.offset += cut;
    const { text, issues } = this.codec.decodeChecked(bytes);
    for (const i of issues) {
      i.offset += offset;
      // findInvalid saw the end of `bytes`; a sequence left open there was in fact ended by the
      // byte after the cut (the decoder starts afresh at the cut), so it is bad, not truncated.
      if (!final && i.kind === 'truncated') i.kind = 'invalid';
    }
    return { text, issues, bytes, offset, bom };
  }
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
