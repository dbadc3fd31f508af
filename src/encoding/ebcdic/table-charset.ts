/**
 * A table-driven EBCDIC charset: a single-byte table, optionally a double-byte table entered and
 * left through shift bytes (IBM SO 0x0E / SI 0x0F; Fujitsu JEF 0x28 or 0x38 in, 0x29 out).
 * Implements the shared Charset contract, plus `decodeField` for fixed-length readers, which also
 * decodes DBCS-only fields (IBM "graphic" fields carry no shift bytes).
 *
 * Every field is decoded from single-byte mode: a mainframe record does not carry shift state
 * across field boundaries; a field that ends inside SO…SI is reported (`truncated`).
 *
 * Shift bytes are obeyed even when they interrupt a double-byte character, as ICU's EBCDIC_STATEFUL
 * converters do: the odd byte before SI/SO is one bad byte, and the text after the shift is read
 * in the mode it names (otherwise one stray byte would shift every pair after it).
 */
import type { ByteIssue, Charset, EncodeIssue, EncodeResult, StreamDecoder, StreamDecodeResult } from '../charset.ts';
import type { CodeTable } from './code-table.ts';

export interface TableCharsetOptions {
  name: string;
  table: CodeTable;
  /** Bytes that switch into double-byte mode. Empty = no double-byte part. */
  shiftOut?: number[];
  /** Bytes that switch back to single-byte mode. */
  shiftIn?: number[];
}

export interface FieldDecodeResult {
  text: string;
  /** Offsets relative to the start of the bytes passed in. */
  issues: ByteIssue[];
}

export interface TableCharset extends Charset {
  readonly hasDoubleByte: boolean;
  readonly shiftOut: readonly number[];
  readonly shiftIn: readonly number[];
  /** Decode one field; `dbcsOnly` for double-byte fields without shift bytes. */
  decodeField(bytes: Uint8Array, dbcsOnly?: boolean): FieldDecodeResult;
  /** The single-byte code of a character, for layout values such as record-type markers. */
  encodeSingle(ch: string): number | undefined;
  /**
   * Length of the longest prefix after which the decoder is back in single-byte mode with no
   * byte pending (after an SI, or a byte read single-byte): decoding the prefix and the rest
   * separately equals decoding them together. Unlike the ASCII-based charsets the rest may be
   * long (a whole double-byte run).
   */
  completeLength(bytes: Uint8Array): number;
  /** Byte offset, in `bytes`, of the sequence that produced each UTF-16 index (ascending) of `decode(bytes)`. */
  byteOffsets(bytes: Uint8Array, indices: readonly number[]): number[];
}

const REPLACEMENT = '\uFFFD';

/** Decoding state machine, shared by whole-unit and streaming decoders. */
class ShiftDecoder {
  dbcs: boolean;
  /** Pending lead byte in DBCS mode (-1 none) and its absolute offset. */
  lead = -1;
  leadOffset = 0;
  /** Absolute offset of the shift-out that opened the current double-byte run. */
  soOffset = 0;
  constructor(
    private readonly single: (string | undefined)[],
    private readonly double: (string | undefined)[],
    private readonly isSO: Uint8Array,
    private readonly isSI: Uint8Array,
    startInDbcs: boolean,
    private readonly dbcsOnly: boolean,
  ) {
    this.dbcs = startInDbcs;
  }

  /** `units`, when given, receives for each UTF-16 unit of the text the offset of the bytes it came from. */
  run(bytes: Uint8Array, base: number, issues: ByteIssue[], units?: number[]): string {
    let out = '';
    const note = units ? (at: number, text: string) => { for (let k = 0; k < text.length; k++) units.push(at); } : undefined;
    const { single, double, isSO, isSI } = this;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (this.dbcs) {
        if (!this.dbcsOnly && (isSI[b] || isSO[b])) {
          if (this.lead >= 0) {
            // Half a character before the shift: that byte is bad, the shift still counts.
            note?.(this.leadOffset, REPLACEMENT);
            out += REPLACEMENT;
            issues.push({ offset: this.leadOffset, length: 1, kind: 'invalid' });
            this.lead = -1;
          }
          if (isSI[b]) this.dbcs = false;
          continue;
        }
        if (this.lead < 0) {
          this.lead = b;
          this.leadOffset = base + i;
          continue;
        }
        const ch = double[(this.lead << 8) | b];
        note?.(this.leadOffset, ch ?? REPLACEMENT);
        if (ch === undefined) {
          out += REPLACEMENT;
          issues.push({ offset: this.leadOffset, length: 2, kind: 'invalid' });
        } else out += ch;
        this.lead = -1;
        continue;
      }
      if (isSO[b]) { this.dbcs = true; this.soOffset = base + i; continue; }
      if (isSI[b]) continue;
      const ch = single[b];
      note?.(base + i, ch ?? REPLACEMENT);
      if (ch === undefined) {
        out += REPLACEMENT;
        issues.push({ offset: base + i, length: 1, kind: 'invalid' });
      } else out += ch;
    }
    return out;
  }

  /**
   * End of input: a dangling lead byte is a cut character (`truncated`, 1 byte); a double-byte run
   * left open is a zero-length `truncated` issue at the SO byte that opened it (the SI is missing,
   * no byte is bad). It comes last, after the issues inside the run.
   */
  finish(issues: ByteIssue[]): string {
    let text = '';
    if (this.lead >= 0) {
      issues.push({ offset: this.leadOffset, length: 1, kind: 'truncated' });
      this.lead = -1;
      text = REPLACEMENT;
    }
    if (this.dbcs && !this.dbcsOnly) issues.push({ offset: this.soOffset, length: 0, kind: 'truncated' });
    return text;
  }
}

export function createTableCharset(opts: TableCharsetOptions): TableCharset {
  const { table } = opts;
  const shiftOut = opts.shiftOut ?? [];
  const shiftIn = opts.shiftIn ?? [];
  const hasDoubleByte = table.doubleCount > 0 && shiftOut.length > 0;
  const isSO = new Uint8Array(256);
  const isSI = new Uint8Array(256);
  if (hasDoubleByte) {
    for (const b of shiftOut) isSO[b] = 1;
    for (const b of shiftIn) isSI[b] = 1;
  }
  const double = table.double.length ? table.double : new Array<string | undefined>(65536).fill(undefined);

  function decodeWith(bytes: Uint8Array, dbcsOnly: boolean): FieldDecodeResult {
    const issues: ByteIssue[] = [];
    const d = new ShiftDecoder(table.single, double, isSO, isSI, dbcsOnly, dbcsOnly);
    const text = d.run(bytes, 0, issues) + d.finish(issues);
    return { text, issues };
  }

  let reverse: { single: Map<string, number>; double: Map<string, number>; sequences: Map<string, string[]> } | undefined;
  function reverseMaps() {
    if (!reverse) {
      const single = new Map<string, number>();
      const dbl = new Map<string, number>();
      /** Characters that begin a multi-code-point mapping (JIS X 0213 か゚ in ibm1390), longest first. */
      const sequences = new Map<string, string[]>();
      const noteSequence = (value: string) => {
        const cps = [...value];
        if (cps.length < 2) return;
        const list = sequences.get(cps[0]!) ?? [];
        if (!list.includes(value)) list.push(value);
        list.sort((a, b) => b.length - a.length);
        sequences.set(cps[0]!, list);
      };
      // First code wins, so duplicates (IBM/NEC selected twins) encode deterministically to the lowest code.
      table.single.forEach((ch, b) => { if (ch !== undefined && !isSO[b] && !isSI[b] && !single.has(ch)) { single.set(ch, b); noteSequence(ch); } });
      if (hasDoubleByte) table.double.forEach((ch, c) => { if (ch !== undefined && !dbl.has(ch)) { dbl.set(ch, c); noteSequence(ch); } });
      reverse = { single, double: dbl, sequences };
    }
    return reverse;
  }

  const charset: TableCharset = {
    name: opts.name,
    asciiTransparent: false,
    hasDoubleByte,
    shiftOut,
    shiftIn,
    decode: (bytes) => decodeWith(bytes, false).text,
    findInvalid: (bytes) => decodeWith(bytes, false).issues,
    decodeField: (bytes, dbcsOnly = false) => decodeWith(bytes, dbcsOnly && hasDoubleByte),
    encodeSingle: (ch) => reverseMaps().single.get(ch),
    completeLength(bytes: Uint8Array): number {
      if (!hasDoubleByte) return bytes.length;
      let dbcs = false;
      let fresh = 0;
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i]!;
        if (dbcs) { if (isSI[b]) { dbcs = false; fresh = i + 1; } continue; }
        if (isSO[b]) dbcs = true;
        else fresh = i + 1;
      }
      return fresh;
    },
    byteOffsets(bytes: Uint8Array, indices: readonly number[]): number[] {
      const units: number[] = [];
      const d = new ShiftDecoder(table.single, double, isSO, isSI, false, false);
      d.run(bytes, 0, [], units);
      if (d.lead >= 0) units.push(d.leadOffset);
      return indices.map((i) => units[i] ?? bytes.length);
    },
    createStreamDecoder(): StreamDecoder {
      const d = new ShiftDecoder(table.single, double, isSO, isSI, false, false);
      let pos = 0;
      return {
        write(chunk: Uint8Array): StreamDecodeResult {
          const issues: ByteIssue[] = [];
          const text = d.run(chunk, pos, issues);
          pos += chunk.length;
          return { text, issues };
        },
        end(): StreamDecodeResult {
          const issues: ByteIssue[] = [];
          return { text: d.finish(issues), issues };
        },
      };
    },
    encode(text: string): EncodeResult {
      const { single, double: dbl, sequences } = reverseMaps();
      const out: number[] = [];
      const unrepresentable: EncodeIssue[] = [];
      let inDbcs = false;
      let index = 0;
      while (index < text.length) {
        const cp = text.codePointAt(index)!;
        let ch = String.fromCodePoint(cp);
        const seq = sequences.size ? sequences.get(ch)?.find((v) => text.startsWith(v, index)) : undefined;
        if (seq) ch = seq;
        const s = single.get(ch);
        if (s !== undefined) {
          if (inDbcs) { out.push(shiftIn[0]!); inDbcs = false; }
          out.push(s);
        } else {
          const d = dbl.get(ch);
          if (d !== undefined) {
            if (!inDbcs) { out.push(shiftOut[0]!); inDbcs = true; }
            out.push(d >> 8, d & 0xff);
          } else unrepresentable.push({ index, codePoint: cp });
        }
        index += ch.length;
      }
      if (inDbcs) out.push(shiftIn[0]!);
      return { bytes: Uint8Array.from(out), unrepresentable };
    },
  };
  return charset;
}
