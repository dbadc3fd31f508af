import type { Finding, Location } from '../core/finding.ts';
import type { ByteIssue } from '../encoding/index.ts';
import type { ReadBatch, ReaderCounters, RecordReader, SourceRecord } from './record.ts';
import { resolveCsvOptions, type CsvReaderOptions, type ResolvedCsvOptions } from './csv-options.ts';
import { CsvScanner, type ScannedRecord } from './csv-scanner.ts';
import { splitPlainFields, splitQuotedFields, splitSimpleQuotedFields, type QuoteIssue } from './csv-fields.ts';
import { checkRecordBytes, markRun } from './csv-record-checks.ts';
import { SNIFF_BYTES, sniffStart } from './csv-sniff.ts';
import { CSV } from './finding-codes.ts';
import { EncodingCodes } from '../encoding/finding-codes.ts';
import { ENC } from './encoding-finding-codes.ts';
import { charsetHint, charsetLabel, GUESS_BYTES } from './charset-guess.ts';

export interface CsvReader extends RecordReader {
  /** Bytes held between pushes; never more than maxRecordBytes + 1 (what memory tests assert). */
  readonly bufferedBytes: number;
  /**
   * The bytes pushed so far are all this reader gets, but they are not the end of the file (a byte
   * range of it): returns the records they complete — deciding the start-of-file checks on fewer
   * bytes if need be — and leaves an unfinished record unread (see openRecord).
   */
  pause(): ReadBatch;
  /** After pause(): the unfinished record's first byte and line (relative to what was pushed), if any. */
  readonly openRecord: { start: number; line: number } | undefined;
  /** The line (1-based) the next byte would be on. */
  readonly line: number;
}

/**
 * The CSV reader core: push byte chunks (cut anywhere), get back batches of complete records.
 * Pure and synchronous; `readCsvFile` wraps it around a file stream. Any chunking of the same
 * bytes yields the same records, offsets and findings.
 *
 * Per push: boundaries are found on raw bytes (CsvScanner), each run of complete records is
 * decoded with ONE `charset.decode` call, and fields are split on the decoded string. Records
 * without a quote are split with native `String.split`.
 *
 * Throws UsageError for unusable options (a charset that is not ASCII-transparent, a quote byte
 * that can be a CP932 trail byte, …); bad data only ever becomes findings.
 */
export function createCsvReader(options: CsvReaderOptions): CsvReader {
  return new CsvReaderCore(resolveCsvOptions(options), options.startChecked === true);
}

class CsvReaderCore implements CsvReader {
  readonly counters: ReaderCounters = { bytes: 0, lines: 0, records: 0 };
  private readonly scanner: CsvScanner;
  private sniffing = true;
  private sniffBuf: Buffer[] = [];
  private sniffLen = 0;
  private refused = false;
  private expectedColumns: number | undefined;
  private readonly scanned: ScannedRecord[] = [];
  /** Until the first record with bad bytes in the file's first GUESS_BYTES: may it show a charset hint? */
  private hintPending: boolean;
  private readonly hints: Finding[] = [];

  constructor(private readonly o: ResolvedCsvOptions, startChecked = false) {
    this.sniffing = !startChecked;
    // A byte range read mid-file is not the start of the file: the hint belongs to the first range.
    this.hintPending = !startChecked;
    this.scanner = new CsvScanner(o);
    this.expectedColumns = typeof o.columns === 'number' ? o.columns : undefined;
  }

  get bufferedBytes(): number {
    return this.scanner.bufferedBytes + this.sniffLen;
  }

  push(chunk: Uint8Array): ReadBatch {
    this.counters.bytes += chunk.length;
    return this.feed(chunk, false);
  }

  pause(): ReadBatch {
    return this.feed(new Uint8Array(0), false, true);
  }

  get openRecord(): { start: number; line: number } | undefined {
    return this.scanner.openRecord;
  }

  get line(): number {
    return this.scanner.line;
  }

  end(): ReadBatch {
    return this.feed(new Uint8Array(0), true);
  }

  private feed(chunk: Uint8Array, final: boolean, decideSniff = false): ReadBatch {
    if (this.refused) return emptyBatch();
    const fileFindings: Finding[] = [];
    let data: Uint8Array = chunk;
    if (this.sniffing) {
      if (chunk.length > 0) {
        this.sniffBuf.push(Buffer.from(chunk));
        this.sniffLen += chunk.length;
      }
      if (this.sniffLen < SNIFF_BYTES && !final && !decideSniff) return emptyBatch();
      const head = Buffer.concat(this.sniffBuf);
      this.sniffing = false;
      this.sniffBuf = [];
      this.sniffLen = 0;
      data = this.afterSniff(head, fileFindings);
      if (this.refused) return { text: '', records: [], findings: fileFindings };
    }
    const scanned = this.scanned;
    scanned.length = 0;
    this.scanner.scan(data, final, scanned);
    const batch = this.buildBatch(scanned);
    this.scanner.release();
    this.counters.lines = this.scanner.lines();
    if (fileFindings.length > 0) batch.findings.unshift(...fileFindings);
    return batch;
  }

  /** Decides what the first bytes mean; returns the bytes to scan. */
  private afterSniff(head: Buffer, fileFindings: Finding[]): Uint8Array {
    const s = sniffStart(head);
    const at: Location = { file: this.o.file, offset: 0 };
    if (s.kind === 'wide') {
      this.refused = true;
      fileFindings.push({ code: EncodingCodes.ENC_UTF16_INPUT, severity: 'error', location: at, params: { detected: s.detected, charset: this.o.charset.name } });
      return head;
    }
    if (s.kind === 'utf8-bom') {
      const c = this.o.charset;
      const skip = c.bomLength ? c.bomLength(head) : c.name === 'utf-8' ? 3 : 0;
      if (skip === 0) {
        this.refused = true;
        fileFindings.push({ code: CSV.CSV_BOM_CHARSET_MISMATCH, severity: 'error', location: at, params: { charset: this.o.charset.name } });
        return head;
      }
      this.scanner.startAt(skip);
      return head.subarray(skip);
    }
    return head;
  }

  private buildBatch(scanned: ScannedRecord[]): ReadBatch {
    const records: SourceRecord[] = new Array(scanned.length);
    const parts: string[] = [];
    let textLen = 0;
    let i = 0;
    while (i < scanned.length) {
      if (scanned[i].tooLong) {
        records[i] = this.tooLongRecord(scanned[i], textLen);
        i++;
        continue;
      }
      let j = i + 1;
      while (j < scanned.length && !scanned[j].tooLong) j++;
      const runText = this.buildRun(scanned, i, j, textLen, records);
      parts.push(runText);
      textLen += runText.length;
      i = j;
    }
    const findings = this.hints.length > 0 ? this.hints.splice(0) : [];
    return { text: parts.length === 1 ? parts[0] : parts.join(''), records, findings };
  }

  /** Decodes records [i, j) with one decode call and fills records[i..j). */
  private buildRun(scanned: ScannedRecord[], i: number, j: number, textBase: number, records: SourceRecord[]): string {
    const o = this.o;
    const runStart = scanned[i].start;
    const last = scanned[j - 1];
    const runBytes = this.scanner.bytesOf(runStart, last.contentEnd + last.termLen);
    // decodeChecked (when the charset has it) reports invalid bytes with the decode, so clean text
    // is never searched for U+FFFD; otherwise decode leniently and ask findInvalid per record.
    let text: string;
    let runIssues: ByteIssue[] | undefined;
    if (o.charset.decodeChecked) {
      const d = o.charset.decodeChecked(runBytes);
      text = d.text;
      runIssues = d.issues;
    } else {
      text = o.charset.decode(runBytes);
    }
    const marks = markRun(o.charset, text, runBytes, runIssues);
    let issueAt = 0;
    const suspicious = marks.replacement || marks.nul || marks.bom;
    // Between records there are only terminators and empty lines: ASCII, one byte per UTF-16 unit,
    // so byte distance equals text distance there.
    let bytePos = runStart;
    let textPos = 0;
    const issues: QuoteIssue[] = [];
    for (let k = i; k < j; k++) {
      const r = scanned[k];
      const ts = textPos + (r.start - bytePos);
      const te = r.termLen === 0 ? text.length : terminatorIndex(text, ts, r);
      bytePos = r.contentEnd + r.termLen;
      textPos = te + r.termLen;
      const recordNo = ++this.counters.records;
      let findings: Finding[] | undefined;
      let fields: string[];
      if (r.hasQuote) {
        const simple = splitSimpleQuotedFields(text, ts, te, o.delimiter, o.quote, r.quotes);
        if (simple) {
          fields = simple;
        } else {
          issues.length = 0;
          fields = splitQuotedFields(text, ts, te, o.delimiter, o.quote, issues);
          if (issues.length > 0) findings = this.fieldFindings(issues, r, recordNo);
        }
      } else {
        fields = splitPlainFields(text, ts, te, o.delimiter);
      }
      const columnFinding = this.checkColumns(fields.length, r, recordNo);
      if (columnFinding) (findings ??= []).push(columnFinding);
      if (suspicious) {
        const before = findings?.length ?? 0;
        const f = findings ?? [];
        let recIssues: ByteIssue[] | undefined;
        if (runIssues) {
          recIssues = [];
          const from = r.start - runStart;
          const to = r.contentEnd - runStart;
          for (; issueAt < runIssues.length && runIssues[issueAt].offset < to; issueAt++) {
            const x = runIssues[issueAt];
            if (x.offset >= from) recIssues.push({ ...x, offset: x.offset - from });
          }
        }
        checkRecordBytes(o.charset, marks, recIssues, text, ts, te, this.scanner.bytesOf(r.start, r.contentEnd), this.loc(r, recordNo), f);
        if (f.length > before) findings = f;
        if (this.hintPending && f.length > before) this.hintFor(r, recordNo, f.slice(before));
      }
      const rec: SourceRecord = {
        record: recordNo,
        line: r.line,
        offset: r.start,
        byteLength: r.contentEnd + r.termLen - r.start,
        fields,
        textStart: textBase + ts,
        textEnd: textBase + te,
      };
      if (findings) rec.findings = findings;
      records[k] = rec;
    }
    return text;
  }

  /**
   * The first record with bad bytes, if it starts in the file's first block: when another charset
   * reads that record cleanly, a file finding (ahead of the record's own) says which and how to
   * declare it. Decided on the record's bytes alone, so any chunking gives the same finding.
   */
  private hintFor(r: ScannedRecord, recordNo: number, added: Finding[]): void {
    if (!added.some((x) => x.code === ENC.ENC_INVALID_BYTES || x.code === ENC.ENC_TRUNCATED)) return;
    this.hintPending = false;
    if (r.start >= GUESS_BYTES) return;
    const declared = this.o.charset.name;
    const hint = charsetHint(this.scanner.bytesOf(r.start, r.contentEnd), declared);
    if (!hint) return;
    this.hints.push({
      code: ENC.ENC_CHARSET_HINT,
      severity: 'warning',
      location: this.loc(r, recordNo),
      params: { declared, declaredLabel: charsetLabel(declared), likely: hint.name, likelyLabel: charsetLabel(hint.name), evidence: hint.evidence },
    });
  }

  private tooLongRecord(r: ScannedRecord, textPos: number): SourceRecord {
    const recordNo = ++this.counters.records;
    const at = this.loc(r, recordNo);
    const findings: Finding[] = [
      { code: CSV.CSV_RECORD_TOO_LONG, severity: 'error', location: at, params: { bytes: r.contentEnd - r.start, limit: this.o.maxRecordBytes } },
    ];
    if (r.unclosed) findings.push({ code: CSV.CSV_UNCLOSED_QUOTE, severity: 'error', location: at, params: {} });
    return {
      record: recordNo,
      line: r.line,
      offset: r.start,
      byteLength: r.contentEnd + r.termLen - r.start,
      fields: [],
      textStart: textPos,
      textEnd: textPos,
      findings,
    };
  }

  private fieldFindings(issues: QuoteIssue[], r: ScannedRecord, recordNo: number): Finding[] {
    const at = this.loc(r, recordNo);
    return issues.map((x): Finding => {
      const code = x.kind === 'unclosed' ? CSV.CSV_UNCLOSED_QUOTE : x.kind === 'garbage' ? CSV.CSV_QUOTE_GARBAGE : CSV.CSV_BARE_QUOTE;
      return { code, severity: x.kind === 'bare' ? 'warning' : 'error', location: at, field: String(x.column), params: { column: x.column } };
    });
  }

  private checkColumns(actual: number, r: ScannedRecord, recordNo: number): Finding | undefined {
    if (this.expectedColumns === undefined) {
      if (this.o.columns === 'first') this.expectedColumns = actual;
      return undefined;
    }
    if (actual === this.expectedColumns) return undefined;
    return {
      code: actual < this.expectedColumns ? CSV.CSV_TOO_FEW_FIELDS : CSV.CSV_TOO_MANY_FIELDS,
      severity: 'error',
      location: this.loc(r, recordNo),
      params: { actual, expected: this.expectedColumns },
    };
  }

  private loc(r: ScannedRecord, recordNo: number): Location {
    return { file: this.o.file, record: recordNo, line: r.line, offset: r.start };
  }
}

/**
 * Where a record's terminator sits in the decoded text. Content holds no CR/LF except the
 * `breakBytes` inside quoted values (CR and LF decode to themselves, one unit each), so skip those
 * and take the next one.
 */
function terminatorIndex(text: string, ts: number, r: ScannedRecord): number {
  if (r.breakBytes === 0) return text.indexOf(r.crTerminated ? '\r' : '\n', ts);
  let skip = r.breakBytes;
  for (let p = ts; ; p++) {
    const c = text.charCodeAt(p);
    if (c === 0x0a || c === 0x0d) {
      if (skip === 0) return p;
      skip--;
    }
  }
}

function emptyBatch(): ReadBatch {
  return { text: '', records: [], findings: [] };
}
