/**
 * The fixed-length reader core: pure push over bytes, no I/O. Frames records (by length, by
 * terminator, or by length checked against a terminator), picks each record's type, decodes its
 * fields and checks the trailer count. Bad data becomes findings on the record; reading goes on.
 */
import type { Finding } from '../../core/finding.ts';
import type { ReadBatch, ReaderCounters, RecordReader, SourceRecord } from '../record.ts';
import { compileLayout, type CompiledLayout, type CompiledType } from './compile.ts';
import { DESCRIPTOR_LENGTH, readBdw, readRdw } from './descriptor-words.ts';
import { DeferredText, decodeFieldValue, hex8, pushFinding, type RecordContext } from './fields.ts';
import { FIX } from './finding-codes.ts';
import type { FixedLayout, RecordRole } from './layout.ts';
import { toHex } from './numbers.ts';

/** A fixed-length record: a SourceRecord plus which record type it is. */
export interface FixedSourceRecord extends SourceRecord {
  /** Record type name from the layout; '' when the type is unknown. */
  recordType: string;
  role: RecordRole | 'unknown';
}

export interface FixedReadBatch extends ReadBatch {
  records: FixedSourceRecord[];
}

export interface FixedRecordReader extends RecordReader {
  push(chunk: Uint8Array): FixedReadBatch;
  end(): FixedReadBatch;
  readonly layout: CompiledLayout;
}

export interface FixedReaderOptions {
  /** Input file path as the user gave it (for locations). */
  file: string;
}

/** Field separator in ReadBatch.text renderings of split records (for the rejects file). */
export const FIELD_SEPARATOR = '\t';

const LF = 0x0a;
const CR = 0x0d;
const EOF_MARKER = 0x1a;

export function createFixedReader(layout: FixedLayout | CompiledLayout, opts: FixedReaderOptions): FixedRecordReader {
  const L: CompiledLayout = 'types' in layout ? layout : compileLayout(layout);
  const terminated = L.terminator !== 'none';
  const counters: ReaderCounters = { bytes: 0, lines: 0, records: 0 };
  const typeCounts = new Int32Array(L.types.length);
  let pending: Buffer = Buffer.alloc(0);
  /** Absolute offset of pending[0]. */
  let base = 0;
  let trailerSeen = false;
  let recordNo = 0;
  let ended = false;
  const deferred = new DeferredText(opts.file);
  /** One context, reused record after record (all properties present from the start, one hidden class). */
  const ctx: RecordContext = {
    file: opts.file, record: 0, line: undefined, recordOffset: 0, recordStart: 0,
    findings: undefined, holder: undefined, deferred: undefined, values: undefined, slot: 0,
  };
  /** Records of the current batch whose text is built after the deferred decode. */
  let rawTexts: (string | undefined)[] = [];

  function typeOf(buf: Uint8Array, start: number): CompiledType | undefined {
    if (!L.typeField) return L.types[0];
    const s = start + L.typeField.offset;
    const n = L.typeField.length;
    outer: for (const t of L.types) {
      const m = t.marker;
      if (!m) continue;
      for (let i = 0; i < n; i++) if (buf[s + i] !== m[i]) continue outer;
      return t;
    }
    return undefined;
  }

  /** Bytes needed before the type can be known. */
  const typeNeed = L.typeField ? L.typeField.offset + L.typeField.length : 0;

  /**
   * One record out. `unframed`: the bytes could not be framed as a record (a descriptor word said
   * otherwise); they go out raw, with the framing finding in `preFindings`, and are not split.
   */
  function emit(batch: FixedReadBatch, buf: Buffer, start: number, bodyLen: number, totalLen: number, type: CompiledType | undefined, preFindings: Finding[] | undefined, shortOf?: number, unframed = false): void {
    recordNo++;
    counters.records++;
    if (terminated) counters.lines++;
    const recordOffset = base + start;
    ctx.record = recordNo;
    ctx.line = terminated ? recordNo : undefined;
    ctx.recordOffset = recordOffset;
    ctx.recordStart = start;
    ctx.findings = preFindings;
    ctx.values = undefined;
    const out: FixedSourceRecord = {
      record: recordNo, line: terminated ? recordNo : 0, offset: recordOffset, byteLength: totalLen,
      fields: [], textStart: 0, textEnd: 0, findings: undefined,
      recordType: type?.name ?? '', role: type?.role ?? 'unknown',
    };
    ctx.holder = out;
    let fields: string[] = [];
    let text: string | undefined;
    if (trailerSeen) pushFinding(ctx, FIX.FIX_RECORD_AFTER_TRAILER, recordOffset, undefined, {});
    if (unframed) {
      text = L.charset.decode(buf.subarray(start, start + bodyLen));
    } else if (shortOf !== undefined) {
      pushFinding(ctx, FIX.FIX_SHORT_RECORD, recordOffset, undefined, { expected: shortOf, actual: bodyLen });
      text = L.charset.decode(buf.subarray(start, start + bodyLen));
    } else if (!type) {
      const tf = L.typeField!;
      const avail = Math.min(tf.length, Math.max(0, bodyLen - tf.offset));
      pushFinding(ctx, FIX.FIX_UNKNOWN_RECORD_TYPE, recordOffset + tf.offset, undefined, { hex: toHex(buf, start + tf.offset, start + tf.offset + avail) });
      text = L.charset.decode(buf.subarray(start, start + bodyLen));
    } else if (bodyLen < type.length) {
      pushFinding(ctx, FIX.FIX_SHORT_RECORD, recordOffset, undefined, { expected: type.length, actual: bodyLen });
      text = L.charset.decode(buf.subarray(start, start + bodyLen));
    } else {
      fields = new Array<string>(type.fields.length);
      ctx.values = fields;
      for (let i = 0; i < type.fields.length; i++) {
        // The trailer's count is needed now, so it is never deferred.
        ctx.deferred = i === type.countField ? undefined : deferred;
        ctx.slot = i;
        fields[i] = decodeFieldValue(ctx, L, type.fields[i]!, buf);
      }
      text = undefined;
      if (type.countField !== undefined) {
        let counted = 0;
        for (const i of type.countOf!) counted += typeCounts[i]!;
        const declared = fields[type.countField]!.replace(/^0+(?=\d)/, '');
        if (declared !== '' && declared !== String(counted)) {
          pushFinding(ctx, FIX.FIX_TRAILER_COUNT_MISMATCH, recordOffset, type.fieldNames[type.countField], { declared, counted });
        }
      }
    }
    if (type) {
      typeCounts[type.index]!++;
      if (type.role === 'trailer') trailerSeen = true;
    }
    out.fields = fields;
    out.findings = ctx.findings;
    rawTexts.push(text);
    batch.records.push(out);
  }

  /**
   * After the batch's one decode: each record's place in the batch text (its fields joined by
   * TAB, or its raw decoding when it could not be split). The text itself is built on first
   * access — only the rejects writer needs it, for a few records of a few batches.
   */
  function finishBatch(batch: FixedReadBatch): void {
    deferred.flush();
    const recs = batch.records;
    const raws = rawTexts;
    rawTexts = [];
    let pos = 0;
    for (let k = 0; k < recs.length; k++) {
      const r = recs[k]!;
      const raw = raws[k];
      let len: number;
      if (raw !== undefined) len = raw.length;
      else {
        const f = r.fields;
        len = f.length > 0 ? f.length - 1 : 0;
        for (let i = 0; i < f.length; i++) len += f[i]!.length;
      }
      r.textStart = pos;
      r.textEnd = pos + len;
      pos += len + 1;
    }
    let cached: string | undefined;
    Object.defineProperty(batch, 'text', {
      enumerable: true,
      configurable: true,
      get: () => (cached ??= recs.length ? recs.map((r, k) => raws[k] ?? r.fields.join(FIELD_SEPARATOR)).join('\n') + '\n' : ''),
    });
  }

  function preFinding(code: string, recordOffset: number, offset: number, params: Record<string, string | number>): Finding[] {
    const ctx: RecordContext = { file: opts.file, record: recordNo + 1, line: terminated ? recordNo + 1 : undefined, recordOffset, recordStart: 0, findings: [] };
    pushFinding(ctx, code, offset, undefined, params);
    return ctx.findings!;
  }

  /** Frames as many whole records as `buf` holds from `pos`; returns where the rest starts. */
  function frame(batch: FixedReadBatch, buf: Buffer, final: boolean): number {
    let pos = 0;
    const n = buf.length;
    while (pos < n) {
      const avail = n - pos;
      if (!terminated) {
        if (avail < typeNeed && !final) break;
        const type = avail >= typeNeed ? typeOf(buf, pos) : undefined;
        const len = type?.length ?? L.recordLength!;
        if (avail < len) {
          if (!final) break;
          if (avail === 1 && buf[pos] === EOF_MARKER) { eofMarker(batch, base + pos); pos++; break; }
          // The last record is cut short; when even its type bytes are missing, it is short against the record length.
          emit(batch, buf, pos, avail, avail, type, undefined, type || avail >= typeNeed ? undefined : L.recordLength);
          pos = n;
          break;
        }
        emit(batch, buf, pos, len, len, type, undefined);
        pos += len;
        continue;
      }
      // Terminated records. Fast path: the type's length, then the terminator. Binary and packed
      // fields may hold 0x0A, so when the type is known the terminator is looked for where the
      // layout puts it before falling back to the next LF.
      if (avail < typeNeed && !final) break;
      const type = avail >= typeNeed ? typeOf(buf, pos) : undefined;
      if (type) {
        const len = type.length;
        const t = pos + len;
        if (t >= n && !final) break;
        if (t < n) {
          const b = buf[t];
          if (b === LF && L.terminator !== 'crlf') { emit(batch, buf, pos, len, len + 1, type, undefined); pos = t + 1; continue; }
          if (b === CR && L.terminator !== 'lf') {
            if (t + 1 >= n && !final) break;
            if (buf[t + 1] === LF) { emit(batch, buf, pos, len, len + 2, type, undefined); pos = t + 2; continue; }
          }
        } else if (t === n) {
          // Last record without a terminator.
          emit(batch, buf, pos, len, len, type, undefined);
          pos = n;
          break;
        }
      }
      // Slow path: the record ends at the next LF (its length differs from the layout).
      const lf = buf.indexOf(LF, pos);
      if (lf < 0) {
        if (!final) break;
        if (avail === 1 && buf[pos] === EOF_MARKER) { eofMarker(batch, base + pos); pos++; break; }
        lineRecord(batch, buf, pos, n, n, type);
        pos = n;
        break;
      }
      let bodyEnd = lf;
      if (L.terminator !== 'lf' && lf > pos && buf[lf - 1] === CR) bodyEnd = lf - 1;
      lineRecord(batch, buf, pos, bodyEnd, lf + 1, type);
      pos = lf + 1;
    }
    return pos;
  }

  /** rdw-bdw: absolute end of the block being read, -1 between blocks. */
  let blockEnd = -1;
  let blockStart = 0;
  /** The current block was cut by the end of the file (reported once). */
  let blockCut = false;
  /** Framing lost at a bad descriptor word: everything after it is skipped, reported at the end. */
  let lost: { code: string; offset: number; hex: string; problem: string } | undefined;
  const blocked = L.recordFormat === 'rdw-bdw';

  function fileFinding(batch: FixedReadBatch, code: string, offset: number, params: Record<string, string | number>): void {
    batch.findings.push({
      code, severity: 'error', location: { file: opts.file, offset },
      params: { offset, offsetHex: hex8(offset), ...params },
    });
  }

  function trailing(batch: FixedReadBatch, buf: Buffer, from: number, to: number): void {
    fileFinding(batch, FIX.FIX_TRAILING_BYTES, base + from, { count: to - from, hex: toHex(buf, from, to) });
  }

  function unframedRecord(batch: FixedReadBatch, buf: Buffer, from: number, to: number, code: string, params: Record<string, string | number>): void {
    emit(batch, buf, from, to - from, to - from, undefined, preFinding(code, base + from, base + from, params), undefined, true);
  }

  /**
   * RECFM=V (`rdw`) and VB (`rdw-bdw`): each record is the bytes its RDW counts, inside the block
   * its BDW counts. A bad RDW inside a block loses only the rest of that block; a bad RDW without
   * blocks, or a bad BDW, leaves nothing to frame the rest of the file by.
   */
  function frameVariable(batch: FixedReadBatch, buf: Buffer, final: boolean): number {
    let pos = 0;
    const n = buf.length;
    if (lost) return n;
    if (final && blocked && blockEnd > base + n && !blockCut) {
      fileFinding(batch, FIX.FIX_BLOCK_PAST_EOF, blockStart, { declared: blockEnd - blockStart, actual: base + n - blockStart });
      blockEnd = base + n;
      blockCut = true;
    }
    while (pos < n) {
      if (blocked && blockEnd < 0) {
        if (n - pos < DESCRIPTOR_LENGTH) {
          if (!final) break;
          trailing(batch, buf, pos, n);
          return n;
        }
        const d = readBdw(buf, pos);
        if (d.problem) { lost = { code: FIX.FIX_BAD_BDW, offset: base + pos, hex: toHex(buf, pos, pos + 4), problem: d.problem }; return n; }
        blockStart = base + pos;
        blockEnd = blockStart + d.length;
        blockCut = false;
        pos += DESCRIPTOR_LENGTH;
        if (final && blockEnd > base + n) {
          fileFinding(batch, FIX.FIX_BLOCK_PAST_EOF, blockStart, { declared: d.length, actual: base + n - blockStart });
          blockEnd = base + n;
          blockCut = true;
        }
        continue;
      }
      /** Bytes the current block still holds from `pos` (unbounded without blocks). */
      const inBlock = blocked ? blockEnd - base - pos : Infinity;
      if (inBlock === 0) { blockEnd = -1; continue; }
      if (inBlock < DESCRIPTOR_LENGTH) {
        if (pos + inBlock > n) { if (!final) break; }
        const end = Math.min(n, pos + inBlock);
        trailing(batch, buf, pos, end);
        pos = end;
        blockEnd = -1;
        continue;
      }
      if (n - pos < DESCRIPTOR_LENGTH) {
        if (!final) break;
        trailing(batch, buf, pos, n);
        return n;
      }
      const r = readRdw(buf, pos);
      if (r.problem) {
        if (!blocked) { lost = { code: FIX.FIX_BAD_RDW, offset: base + pos, hex: toHex(buf, pos, pos + 4), problem: r.problem }; return n; }
        const end = pos + inBlock;
        if (end > n) { if (!final) break; }
        unframedRecord(batch, buf, pos, Math.min(end, n), FIX.FIX_BAD_RDW, { hex: toHex(buf, pos, pos + 4), problem: r.problem });
        pos = Math.min(end, n);
        blockEnd = -1;
        continue;
      }
      if (r.length > inBlock) {
        const end = pos + inBlock;
        if (end > n && !final) break;
        const code = blockCut ? FIX.FIX_RECORD_PAST_EOF : FIX.FIX_RDW_PAST_BLOCK;
        unframedRecord(batch, buf, pos, Math.min(end, n), code, { hex: toHex(buf, pos, pos + 4), declared: r.length, actual: Math.min(end, n) - pos });
        pos = Math.min(end, n);
        blockEnd = -1;
        continue;
      }
      if (pos + r.length > n) {
        if (!final) break;
        unframedRecord(batch, buf, pos, n, FIX.FIX_RECORD_PAST_EOF, { hex: toHex(buf, pos, pos + 4), declared: r.length, actual: n - pos });
        return n;
      }
      variableRecord(batch, buf, pos + DESCRIPTOR_LENGTH, r.length - DESCRIPTOR_LENGTH);
      pos += r.length;
    }
    return pos;
  }

  /** A framed variable-length record: its type by the type field, its length checked against the type's. */
  function variableRecord(batch: FixedReadBatch, buf: Buffer, start: number, dataLen: number): void {
    if (dataLen < typeNeed) { emit(batch, buf, start, dataLen, dataLen, undefined, undefined, typeNeed); return; }
    const type = typeOf(buf, start);
    lineRecord(batch, buf, start, start + dataLen, start + dataLen, type);
  }

  function lineRecord(batch: FixedReadBatch, buf: Buffer, pos: number, bodyEnd: number, next: number, type: CompiledType | undefined): void {
    const bodyLen = bodyEnd - pos;
    let pre: Finding[] | undefined;
    if (type && bodyLen > type.length) {
      // Extra bytes beyond the layout: harmless when they are only blanks, otherwise the layout does not line up.
      let blank = true;
      for (let i = pos + type.length; i < bodyEnd; i++) if (buf[i] !== L.spaceByte) { blank = false; break; }
      if (!blank) pre = preFinding(FIX.FIX_RECORD_LENGTH, base + pos, base + pos + type.length, { expected: type.length, actual: bodyLen, hex: toHex(buf, pos + type.length, Math.min(bodyEnd, pos + type.length + 8)) });
    }
    emit(batch, buf, pos, bodyLen, next - pos, type, pre);
  }

  function eofMarker(batch: FixedReadBatch, offset: number): void {
    batch.findings.push({
      code: FIX.FIX_EOF_MARKER, severity: 'info', location: { file: opts.file, offset },
      params: { offset, offsetHex: hex8(offset) },
    });
  }

  function run(chunk: Uint8Array | undefined, final: boolean): FixedReadBatch {
    const batch: FixedReadBatch = { text: '', records: [], findings: [] };
    if (chunk && chunk.length) {
      counters.bytes += chunk.length;
      const c = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      pending = pending.length ? Buffer.concat([pending, c]) : c;
    }
    const used = L.recordFormat === 'fixed' ? frame(batch, pending, final) : frameVariable(batch, pending, final);
    finishBatch(batch);
    base += used;
    pending = used === pending.length ? Buffer.alloc(0) : pending.subarray(used);
    if (final) {
      if (lost) fileFinding(batch, lost.code, lost.offset, { hex: lost.hex, problem: lost.problem, skipped: counters.bytes - lost.offset });
      if (L.trailerRequired && !trailerSeen) {
        batch.findings.push({
          code: FIX.FIX_TRAILER_MISSING, severity: 'error', location: { file: opts.file, offset: base },
          params: { offset: base, offsetHex: hex8(base) },
        });
      }
    }
    return batch;
  }

  return {
    layout: L,
    counters,
    push(chunk: Uint8Array): FixedReadBatch {
      if (ended) throw new Error('fixed reader: push after end');
      return run(chunk, false);
    },
    end(): FixedReadBatch {
      if (ended) throw new Error('fixed reader: end called twice');
      ended = true;
      return run(undefined, true);
    },
  };
}
