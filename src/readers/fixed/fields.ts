/**
 * Decodes one field of a record to its string value, or pushes findings. Offsets in findings are
 * absolute in the file; params hold offsets and raw bytes as hex, never decoded text.
 */
import type { Finding, FindingParams } from '../../core/finding.ts';
import { findingSpec } from '../../core/finding.ts';
import { FIX } from './finding-codes.ts';
import { EBCDIC } from '../../encoding/ebcdic/finding-codes.ts';
import { getCharset } from '../../encoding/index.ts';
import type { CompiledField, CompiledLayout } from './compile.ts';

import { decodeBinary, decodePacked, decodeZonedAscii, decodeZonedEbcdic, toHex, type NumberIssue } from './numbers.ts';

/** What a deferred finding needs of its record (a FixedSourceRecord). */
export interface FindingHolder {
  findings?: Finding[];
  record: number;
  line: number;
  offset: number;
}

export interface RecordContext {
  file: string;
  record: number;
  /** Physical line, or undefined when the file has no terminators. */
  line?: number;
  /** Absolute file offset of buf[recordStart]. */
  recordOffset: number;
  recordStart: number;
  /** Created on the first finding (most records have none). */
  findings?: Finding[];
  /** The record object, when findings may arrive after it was emitted (deferred decode). */
  holder?: FindingHolder;
  /** Collects well-formed CP932 text fields so a whole batch is decoded in one call. */
  deferred?: DeferredText;
  /** The record's value array and the slot being decoded (for deferral). */
  values?: string[];
  slot?: number;
}

/**
 * One TextDecoder call per batch instead of one per field: well-formed CP932 field bytes are
 * copied back to back into a scratch buffer, decoded once, and cut by their UTF-16 lengths —
 * known from the scan, because every well-formed CP932 unit (single byte or lead+trail pair,
 * assigned or not) decodes to exactly one UTF-16 unit. Bookkeeping is in typed arrays and reused
 * arrays: this runs for every text field of every record.
 */
/** chukan's CP932 decoder (its own loop over ICU's table, into a reused buffer: no malloc per batch). */
const decodeCp932 = getCharset('cp932').decode;

const C_ASCII = 0, C_LEAD = 1, C_KANA = 2, C_BAD = 3;
/** CP932 byte classes. */
const SJIS_CLASS = new Uint8Array(256);
/** Valid CP932 trail bytes. */
const SJIS_TRAIL = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  SJIS_CLASS[b] = b < 0x80 ? C_ASCII
    : (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc) ? C_LEAD : b >= 0xa1 && b <= 0xdf ? C_KANA : C_BAD;
  SJIS_TRAIL[b] = b >= 0x40 && b <= 0xfc && b !== 0x7f ? 1 : 0;
}

export class DeferredText {
  private scratch = Buffer.allocUnsafe(1 << 20);
  private len = 0;
  private count = 0;
  private cap = 0;
  private byteStarts = new Int32Array(0);
  private units = new Int32Array(0);
  private slots = new Int32Array(0);
  private trims = new Uint8Array(0);
  private targets: string[][] = [];
  private holders: FindingHolder[] = [];
  constructor(private readonly file: string) {}
  private fields: CompiledField[] = [];

  private grow(): void {
    const cap = Math.max(1024, this.cap * 2);
    const g32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    this.byteStarts = g32(this.byteStarts);
    this.units = g32(this.units);
    this.slots = g32(this.slots);
    const t = new Uint8Array(cap); t.set(this.trims); this.trims = t;
    this.cap = cap;
  }

  /**
   * Scans a CP932 field and, when it is well formed, copies it for the batch decode. Returns -1
   * when deferred whole, the index of a lead byte cut by the field end when deferred without it
   * (caller reports FIX_SPLIT_DBCS), or -2 when the caller must decode the field itself.
   */
  addSjis(buf: Uint8Array, s: number, e: number, f: CompiledField, ctx: RecordContext): number {
    const k = this.count;
    if (k === this.cap) this.grow();
    const n = e - s;
    if (this.len + n > this.scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, this.len + n));
      this.scratch.copy(bigger, 0, 0, this.len);
      this.scratch = bigger;
    }
    const scratch = this.scratch;
    const at = this.len;
    let o = at;
    let units = 0;
    let split = -1;
    let i = s;
    while (i < e) {
      const b = buf[i]!;
      const c = SJIS_CLASS[b]!;
      if (c === C_ASCII || c === C_KANA) { scratch[o++] = b; i++; units++; continue; }
      if (c !== C_LEAD) return -2;
      if (i + 1 >= e) { split = i; break; }
      const t = buf[i + 1]!;
      if (!SJIS_TRAIL[t]) return -2;
      scratch[o++] = b;
      scratch[o++] = t;
      i += 2;
      units++;
    }
    this.byteStarts[k] = at;
    this.units[k] = units;
    this.slots[k] = ctx.slot!;
    this.trims[k] = f.trim === 'spaces' ? 2 : f.trim === 'half' ? 1 : 0;
    this.targets[k] = ctx.values!;
    this.holders[k] = ctx.holder!;
    this.fields[k] = f;
    this.len = o;
    this.count = k + 1;
    return split;
  }

  /** Well-formed but unassigned pairs (e.g. 0x8540) decode to U+FFFD: find and report them per field. */
  private reportInvalid(): void {
    for (let k = 0; k < this.count; k++) {
      const from = this.byteStarts[k]!;
      const to = k + 1 < this.count ? this.byteStarts[k + 1]! : this.len;
      const bytes = this.scratch.subarray(from, to);
      const f = this.fields[k]!;
      // Deferred fields are CP932, whose findInvalid is the decoding loop itself: exactly one
      // issue per U+FFFD the batch decode made, so no decode of the field first.
      const issues = f.charset!.findInvalid(bytes);
      if (issues.length === 0) continue;
      const h = this.holders[k]!;
      const ctx: RecordContext = { file: this.file, record: h.record, line: h.line || undefined, recordOffset: h.offset, recordStart: 0, findings: h.findings };
      const at = h.offset + f.offset;
      for (const issue of issues) {
        pushFinding(ctx, FIX.FIX_INVALID_BYTES, at + issue.offset, f.name, { charset: f.charset!.name, hex: toHex(bytes, issue.offset, issue.offset + Math.max(1, issue.length)) });
      }
      h.findings = ctx.findings;
    }
  }

  /** Decodes everything collected and writes the values into their records. */
  flush(): void {
    const count = this.count;
    if (count === 0) return;
    const text = decodeCp932(this.scratch.subarray(0, this.len));
    if (text.includes('\uFFFD')) this.reportInvalid();
    let total = 0;
    for (let k = 0; k < count; k++) total += this.units[k]!;
    if (text.length === total) {
      let pos = 0;
      for (let k = 0; k < count; k++) {
        const from = pos;
        pos += this.units[k]!;
        // Trim on the indices of the batch text, so a padded field costs one slice, not two.
        let to = pos;
        const trim = this.trims[k]!;
        if (trim === 2) while (to > from && (text.charCodeAt(to - 1) === 0x20 || text.charCodeAt(to - 1) === 0x3000)) to--;
        else if (trim === 1) while (to > from && text.charCodeAt(to - 1) === 0x20) to--;
        this.targets[k]![this.slots[k]!] = text.slice(from, to);
      }
    } else {
      // Not expected for well-formed input; decode field by field rather than misalign values.
      for (let k = 0; k < count; k++) {
        const from = this.byteStarts[k]!;
        const to = k + 1 < count ? this.byteStarts[k + 1]! : this.len;
        const t = this.trims[k]!;
        this.targets[k]![this.slots[k]!] = trimEnd(decodeCp932(this.scratch.subarray(from, to)), t === 2 ? 'spaces' : t === 1 ? 'half' : 'none');
      }
    }
    this.len = 0;
    this.count = 0;
    // Drop references so a consumed batch can be collected; keep the arrays' capacity.
    this.targets.fill(undefined as unknown as string[]);
    this.holders.fill(undefined as unknown as FindingHolder);
  }
}

const hex8 = (n: number) => '0x' + n.toString(16).toUpperCase().padStart(8, '0');

export function pushFinding(ctx: RecordContext, code: string, absOffset: number, field: string | undefined, params: FindingParams): void {
  (ctx.findings ??= []).push({
    code,
    severity: findingSpec(code)?.severity ?? 'error',
    location: { file: ctx.file, record: ctx.record, line: ctx.line, offset: absOffset },
    field,
    params: { offset: absOffset, offsetHex: hex8(absOffset), recordOffset: ctx.recordOffset, ...params },
  });
}

export { hex8 };

function abs(ctx: RecordContext, i: number): number {
  return ctx.recordOffset + (i - ctx.recordStart);
}

function numberIssue(ctx: RecordContext, f: CompiledField, buf: Uint8Array, s: number, e: number, issue: NumberIssue): void {
  pushFinding(ctx, issue.code, abs(ctx, issue.at), f.name, {
    type: f.spec.type,
    hex: toHex(buf, issue.at, issue.at + 1),
    fieldHex: toHex(buf, s, e),
    nibble: issue.nibble,
    sign: issue.sign,
    digits: issue.digits,
  });
}

function isBlank(buf: Uint8Array, s: number, e: number, space: number): boolean {
  for (let i = s; i < e; i++) if (buf[i] !== space) return false;
  return true;
}


function trimEnd(s: string, mode: CompiledField['trim']): string {
  if (mode === 'none') return s;
  let end = s.length;
  if (mode === 'half') while (end > 0 && s.charCodeAt(end - 1) === 0x20) end--;
  else while (end > 0 && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x3000)) end--;
  return end === s.length ? s : s.slice(0, end);
}

type Latin1Buffer = Buffer & { latin1Slice(s: number, e: number): string };
/** Buffer's latin1Slice skips the argument checks of toString on the hot path. */
const hasLatin1Slice = typeof (Buffer.prototype as Partial<Latin1Buffer>).latin1Slice === 'function';
function latin1(buf: Buffer, s: number, e: number): string {
  return hasLatin1Slice ? (buf as Latin1Buffer).latin1Slice(s, e) : buf.toString('latin1', s, e);
}

function decodeText(ctx: RecordContext, f: CompiledField, buf: Buffer, s: number, e: number): string {
  if (f.table) {
    const r = f.table.decodeField(buf.subarray(s, e), f.dbcsOnly);
    for (const issue of r.issues) {
      const at = s + issue.offset;
      if (issue.kind === 'invalid') {
        pushFinding(ctx, FIX.FIX_INVALID_BYTES, abs(ctx, at), f.name, { charset: f.table.name, hex: toHex(buf, at, Math.min(e, at + issue.length)) });
      } else if (issue.length === 0) {
        pushFinding(ctx, EBCDIC.EBCDIC_UNBALANCED_SHIFT, abs(ctx, at), f.name, {
          shiftOut: toHex(Uint8Array.from(f.table.shiftOut), 0, f.table.shiftOut.length),
          shiftIn: toHex(Uint8Array.from(f.table.shiftIn), 0, f.table.shiftIn.length),
        });
      } else {
        pushFinding(ctx, FIX.FIX_SPLIT_DBCS, abs(ctx, at), f.name, { hex: toHex(buf, at, Math.min(at + 2, buf.length)) });
      }
    }
    return trimEnd(r.text, f.trim);
  }
  let ascii = true;
  let end = e;
  if (f.textKind === 'sjis') {
    // Lead-byte state across the field: a lead byte in the last position is half a character.
    // One table lookup a byte; the common case (well-formed) is copied to the batch decode in
    // the same pass.
    if (ctx.deferred) {
      const r = ctx.deferred.addSjis(buf, s, e, f, ctx);
      if (r === -1) return '';
      if (r >= 0) {
        pushFinding(ctx, FIX.FIX_SPLIT_DBCS, abs(ctx, r), f.name, { hex: toHex(buf, r, Math.min(r + 2, buf.length)) });
        return '';
      }
    }
    let i = s;
    while (i < e) {
      const b = buf[i]!;
      const c = SJIS_CLASS[b]!;
      if (c === C_ASCII) { i++; continue; }
      ascii = false;
      if (c === C_LEAD) {
        if (i + 1 >= e) {
          pushFinding(ctx, FIX.FIX_SPLIT_DBCS, abs(ctx, i), f.name, { hex: toHex(buf, i, Math.min(i + 2, buf.length)) });
          end = i;
        }
        i += 2;
      } else i++;
    }
  } else if (f.textKind === 'utf8') {
    for (let i = s; i < e; i++) if (buf[i]! >= 0x80) { ascii = false; break; }
    if (!ascii) {
      // Find the start of the last character and check it is complete.
      let i = e - 1;
      while (i > s && (buf[i]! & 0xc0) === 0x80 && e - i < 4) i--;
      const b = buf[i]!;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (i + need > e) {
        pushFinding(ctx, FIX.FIX_SPLIT_DBCS, abs(ctx, i), f.name, { hex: toHex(buf, i, Math.min(i + need, buf.length)) });
        end = i;
      }
    }
  } else {
    for (let i = s; i < e; i++) if (buf[i]! >= 0x80) { ascii = false; break; }
  }
  if (ascii) return trimEnd(latin1(buf, s, end), f.trim);
  const bytes = buf.subarray(s, end);
  const text = f.charset!.decode(bytes);
  if (text.includes('\uFFFD')) {
    const issues = f.charset!.findInvalid(bytes);
    if (issues.length === 0) pushFinding(ctx, FIX.FIX_INVALID_BYTES, abs(ctx, s), f.name, { charset: f.charset!.name, hex: toHex(buf, s, end) });
    for (const issue of issues) {
      pushFinding(ctx, FIX.FIX_INVALID_BYTES, abs(ctx, s + issue.offset), f.name, { charset: f.charset!.name, hex: toHex(buf, s + issue.offset, s + issue.offset + Math.max(1, issue.length)) });
    }
  }
  return trimEnd(text, f.trim);
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The eight digits of a YYYYMMDD date, or undefined when the bytes are not digits. */
function dateDigits(f: CompiledField, buf: Uint8Array, s: number, e: number, ebcdicFile: boolean): string | undefined {
  let d = '';
  if (f.dateEncoding === 'packed') {
    // 5 bytes: 0YYYYMMDD + sign nibble (C, D or F accepted as "no sign").
    for (let i = s; i < e; i++) {
      const b = buf[i]!;
      const hi = b >> 4;
      const lo = b & 15;
      if (hi > 9) return undefined;
      d += hi;
      if (i < e - 1) { if (lo > 9) return undefined; d += lo; } else if (lo < 0xa) return undefined;
    }
    return d.startsWith('0') ? d.slice(1) : undefined;
  }
  for (let i = s; i < e; i++) {
    const b = buf[i]!;
    const last = i === e - 1;
    if (f.dateEncoding === 'zoned' && last && ebcdicFile ? (b >> 4 >= 0xa && (b & 15) <= 9) : ebcdicFile ? (b >= 0xf0 && b <= 0xf9) : (b >= 0x30 && b <= 0x39)) {
      d += b & 15;
    } else return undefined;
  }
  return d;
}

/** Scratch for building YYYY-MM-DD without intermediate strings. */
const ISO = Buffer.from('0000-00-00', 'latin1');

function validDate(y: number, m: number, day: number): boolean {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return y >= 1 && m >= 1 && m <= 12 && day >= 1 && day <= (m === 2 && !leap ? 28 : DAYS[m - 1]!);
}

function decodeDate(ctx: RecordContext, f: CompiledField, buf: Buffer, s: number, e: number, ebcdicFile: boolean): string {
  if (f.dateEncoding === 'text' && !ebcdicFile) {
    // Fast path for the common case: eight ASCII digits.
    let y = 0, m = 0, day = 0, ok = true;
    for (let i = 0; i < 8; i++) {
      const v = buf[s + i]! - 0x30;
      if (v < 0 || v > 9) { ok = false; break; }
      if (i < 4) y = y * 10 + v; else if (i < 6) m = m * 10 + v; else day = day * 10 + v;
    }
    if (ok) {
      if (y === 0 && m === 0 && day === 0) return '';
      if (validDate(y, m, day)) {
        for (let i = 0; i < 4; i++) ISO[i] = buf[s + i]!;
        ISO[5] = buf[s + 4]!; ISO[6] = buf[s + 5]!; ISO[8] = buf[s + 6]!; ISO[9] = buf[s + 7]!;
        return latin1(ISO, 0, 10);
      }
    }
    pushFinding(ctx, FIX.FIX_BAD_DATE, abs(ctx, s), f.name, { fieldHex: toHex(buf, s, e) });
    return '';
  }
  const d = dateDigits(f, buf, s, e, ebcdicFile);
  if (d === '00000000') return '';
  if (d !== undefined && validDate(+d.slice(0, 4), +d.slice(4, 6), +d.slice(6, 8))) {
    return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  }
  pushFinding(ctx, FIX.FIX_BAD_DATE, abs(ctx, s), f.name, { fieldHex: toHex(buf, s, e) });
  return '';
}

/** Decodes field `f` of the record starting at buf index `ctx.recordStart`. */
export function decodeFieldValue(ctx: RecordContext, layout: CompiledLayout, f: CompiledField, buf: Buffer): string {
  const s = ctx.recordStart + f.offset;
  const e = s + f.length;
  if (f.kind === 'text') return decodeText(ctx, f, buf, s, e);
  if (f.blank === 'empty' && isBlank(buf, s, e, layout.spaceByte)) return '';
  if (f.kind === 'date') return decodeDate(ctx, f, buf, s, e, layout.isEbcdic);
  let r: string | NumberIssue;
  switch (f.kind) {
    case 'zonedE': r = decodeZonedEbcdic(buf, s, e, f); break;
    case 'zonedA': r = decodeZonedAscii(buf, s, e, f); break;
    case 'packed': r = decodePacked(buf, s, e, f); break;
    default: r = decodeBinary(buf, s, e, f);
  }
  if (typeof r === 'string') return r;
  numberIssue(ctx, f, buf, s, e, r);
  return '';
}
