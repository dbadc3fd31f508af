import type { Charset } from '../encoding/charset.ts';
import type { Finding, Severity } from '../core/finding.ts';
import { findingSpec, renderFinding } from '../core/finding.ts';
import { maskFor } from '../layouts/field-mask.ts';
import { neutraliseFormula } from '../core/spreadsheet-safe.ts';
import type { ReadBatch, SourceRecord } from '../readers/record.ts';
import type { AtomicFileWriter } from './atomic-file.ts';
import type { FieldIssue, RecordMapper, RecordValidator } from './contracts.ts';
import { formatCsvRow, plainRowFormatter } from './csv-format.ts';
import { assertReconciled, newFileStats, type FileStats } from './file-stats.ts';
import { PipelineCodes } from './finding-codes.ts';
import { countPua, indexOfPuaCandidate } from '../encoding/index.ts';
import { Fate, addFinding, type Stage, type WorkBatch, type WorkRecord } from './work.ts';
import { recordLocation } from '../readers/record.ts';

/** Where bytes go: an AtomicFileWriter, or a range runner's BlockSink (output-blocks.ts). */
export type ByteSink = Pick<AtomicFileWriter, 'write'> & {
  /** `write` copies the bytes before it returns, so the caller may hand it a buffer it reuses (BlockSink). */
  readonly copies?: boolean;
};

export interface OutputTarget {
  writer: ByteSink;
  charset: Charset;
  /** Header row written first (the layout's item names), or undefined for none. */
  header?: string[];
  /** Record terminator (default CRLF, RFC 4180). */
  newline?: '\r\n' | '\n';
}

export interface FileRunOptions {
  /** Input file as the user named it. */
  file: string;
  batches: AsyncIterable<ReadBatch>;
  /** The first record is a header row. */
  header: boolean;
  /** Builds the mapper once the header is known; absent = the input is already in the layout (validate). */
  makeMapper?: (header: string[] | undefined) => RecordMapper;
  validator: RecordValidator;
  /** Stages between mapping and validation (normalise, 外字) and after it (dedup). */
  beforeValidate?: Stage[];
  afterValidate?: Stage[];
  output?: OutputTarget;
  rejects?: ByteSink;
  /** Write the rejects file's BOM and header row first (default true; false for the later byte ranges of a split file). */
  rejectsHeader?: boolean;
  /**
   * Instead of writing reject rows to `rejects`, hand over each row's cells (record, line, offset,
   * codes, fields, message, raw): a byte range whose record numbers and lines are only made
   * absolute later (parallel-file.ts) has them formatted there with formatRejectCells.
   */
  rejectCells?: (cells: string[]) => void;
  /** Note FILE_EMPTY / FILE_HEADER_ONLY at the end (default true; false for one byte range of a file). */
  reportEmpty?: boolean;
  /** Every finding, in order, for the report (the report caps samples, not totals). */
  onFinding?: (f: Finding) => void;
  onProgress?: (stats: FileStats) => void;
  signal?: AbortSignal;
}

/** `bytes` is last so that readers of the older seven columns by position still read them. */
const REJECTS_HEADER = ['record', 'line', 'offset', 'codes', 'fields', 'message', 'raw', 'bytes'];

/** The rejects file's first bytes: a BOM (for Excel) and the header row. */
export function rejectsHeaderBytes(): Uint8Array {
  return Buffer.from('\uFEFF' + formatCsvRow(REJECTS_HEADER), 'utf8');
}

/** One rejects-file row from its cells (as rejectCells hands them over). */
export function formatRejectCells(cells: readonly string[]): string {
  return formatCsvRow(cells);
}

/** FILE_EMPTY or FILE_HEADER_ONLY for a file that gave no data record, else undefined. */
export function emptyFileFinding(stats: FileStats): Finding | undefined {
  if (stats.read !== 0) return undefined;
  return { code: stats.headerRead ? PipelineCodes.FILE_HEADER_ONLY : PipelineCodes.FILE_EMPTY, severity: 'warning', location: { file: stats.file } };
}

function severityOf(code: string): Severity {
  return findingSpec(code)?.severity ?? 'error';
}

type FieldLookup = (id: string | undefined) => { personal?: unknown; identifier?: unknown } | undefined;

function issueToFinding(file: string, src: SourceRecord, issue: FieldIssue, fieldOf: FieldLookup): Finding {
  const f: Finding = {
    code: issue.code,
    severity: severityOf(issue.code),
    location: recordLocation(file, src),
  };
  if (issue.field !== undefined) f.field = issue.field;
  if (issue.params !== undefined) f.params = issue.params;
  // 個人番号 fields are masked entirely (特定個人情報); every other value by the general rule.
  if (issue.sampleValue !== undefined) f.sample = maskFor(fieldOf(issue.field))(issue.sampleValue);
  return f;
}

/**
 * Runs one input file through map → stages → validate → stages → write. Every data record ends
 * written, rejected or dropped as a duplicate; the counts are checked before returning.
 */
export async function runFile(opts: FileRunOptions): Promise<FileStats> {
  const stats = newFileStats(opts.file);
  const { file, validator } = opts;
  const width = validator.fields.length;
  let mapper: RecordMapper | undefined;
  let needHeader = opts.header;
  const issues: FieldIssue[] = [];
  const fieldsById = new Map(validator.fields.map((f) => [f.id, f]));
  const indexById = new Map(validator.fields.map((f, i) => [f.id, i]));
  const fieldOf: FieldLookup = (id) => (id === undefined ? undefined : fieldsById.get(id));

  const note = (f: Finding) => {
    stats.findings[f.code] = (stats.findings[f.code] ?? 0) + 1;
    opts.onFinding?.(f);
  };

  if (opts.output?.header) await opts.output.writer.write(opts.output.charset.encode(formatCsvRow(opts.output.header, opts.output.newline)).bytes);
  if (opts.rejects && opts.rejectsHeader !== false && !opts.rejectCells) await opts.rejects.write(rejectsHeaderBytes());

  const mapStage: Stage = (batch) => {
    for (const rec of batch.records) {
      if (rec.fate !== Fate.Written) continue;
      if (mapper) {
        if (issues.length !== 0) issues.length = 0;
        const out = new Array<string>(width);
        mapper.apply(rec.src.fields, out, issues);
        rec.values = out;
        for (const issue of issues) addFinding(rec, issueToFinding(file, rec.src, issue, fieldOf));
      } else {
        rec.values = rec.src.fields;
        if (rec.values.length !== width) {
          addFinding(rec, issueToFinding(file, rec.src, {
            code: PipelineCodes.ROW_FIELD_COUNT, params: { actual: rec.values.length, expected: width },
          }, fieldOf));
        }
      }
    }
  };

  const validateStage: Stage = (batch) => {
    for (const rec of batch.records) {
      if (rec.fate !== Fate.Written) continue;
      if (issues.length !== 0) issues.length = 0;
      if (!validator.validateRecord(rec.values, issues)) {
        for (const issue of issues) {
          // The validator names the field; the value itself is taken here and masked on the way out.
          const idx = issue.field === undefined ? undefined : indexById.get(issue.field);
          if (issue.sampleValue === undefined && idx !== undefined && rec.values[idx]) issue.sampleValue = rec.values[idx];
          addFinding(rec, issueToFinding(file, rec.src, issue, fieldOf));
        }
      }
    }
  };

  // Stages after validation (dedup) never change values, so a written record without findings holds
  // exactly the values that passed validateRecord: its plain columns need no quoting test.
  const stages: Stage[] = [mapStage, ...(opts.beforeValidate ?? []), validateStage, ...(opts.afterValidate ?? [])];
  const formatValidated = plainRowFormatter(width, validator.csvPlain, opts.output?.newline);

  for await (const readBatch of opts.batches) {
    if (opts.signal?.aborted) break;
    for (const f of readBatch.findings) note(f);
    // One scan finds whether the batch holds any 外字 at all: the count and the 外字 stage start from it.
    const firstPuaCandidate = indexOfPuaCandidate(readBatch.text, 0);
    if (firstPuaCandidate >= 0) stats.pua += countPua(readBatch.text, firstPuaCandidate);
    let records = readBatch.records;
    if (needHeader && records.length > 0) {
      const headerRecord = records[0];
      records = records.slice(1);
      needHeader = false;
      stats.headerRead = true;
      for (const f of headerRecord.findings ?? []) note(f);
      mapper = opts.makeMapper?.(headerRecord.fields);
      if (!opts.makeMapper) checkHeader(headerRecord, validator, file, note);
    } else if (!mapper && opts.makeMapper) {
      mapper = opts.makeMapper(undefined);
    }
    const batch: WorkBatch = {
      file,
      text: readBatch.text,
      firstPuaCandidate,
      records: workRecords(records),
    };
    for (const stage of stages) stage(batch);
    await writeBatch(batch, opts, stats, note, formatValidated);
    opts.onProgress?.(stats);
  }
  const empty = opts.reportEmpty === false ? undefined : emptyFileFinding(stats);
  if (empty) note(empty);
  assertReconciled(stats);
  return stats;
}

function checkHeader(header: SourceRecord, validator: RecordValidator, file: string, note: (f: Finding) => void): void {
  const fields = validator.fields;
  for (let i = 0; i < Math.max(fields.length, header.fields.length); i++) {
    const actual = header.fields[i] ?? '';
    const expected = fields[i];
    if (!expected || (actual !== expected.title && actual !== expected.id)) {
      note({
        code: PipelineCodes.HEADER_MISMATCH,
        severity: 'error',
        location: { file, record: header.record, line: header.line, offset: header.offset },
        params: { position: i + 1, actual, expected: expected ? expected.title : '(none)' },
      });
      return;
    }
  }
}

/** One pass, one object per record; the reader's findings are copied so stages may add to them. */
function workRecords(records: SourceRecord[]): WorkRecord[] {
  const work = new Array<WorkRecord>(records.length);
  for (let i = 0; i < records.length; i++) {
    const src = records[i];
    const sf = src.findings;
    let fate = Fate.Written;
    if (sf) for (const f of sf) if (f.severity === 'error') fate = Fate.Rejected;
    work[i] = { src, values: src.fields, findings: sf ? sf.slice() : undefined, fate };
  }
  return work;
}

async function writeBatch(batch: WorkBatch, opts: FileRunOptions, stats: FileStats, note: (f: Finding) => void, formatValidated: (values: readonly string[]) => string): Promise<void> {
  const out = opts.output;
  let accepted: WorkRecord[] = [];
  // One encode per batch: encodeRows writes the rows straight into bytes where the charset can (UTF-8).
  const rows: string[] = [];
  for (const rec of batch.records) {
    if (rec.fate === Fate.Written) {
      if (out) rows.push(rec.findings === undefined ? formatValidated(rec.values) : formatCsvRow(rec.values, out.newline));
      accepted.push(rec);
    }
  }
  if (out && rows.length > 0) {
    // A sink that copies may be given the encoder's reused staging bytes: no fresh buffer per batch.
    let encoded = out.charset.encodeRows ? out.charset.encodeRows(rows, { transient: out.writer.copies === true }) : out.charset.encode(rows.join(''));
    if (encoded.unrepresentable.length > 0) {
      // Rare: find the records that hold the characters, reject them, and encode the rest again.
      let text = '';
      const kept: WorkRecord[] = [];
      for (const rec of accepted) {
        const row = formatCsvRow(rec.values, out.newline);
        const one = out.charset.encode(row);
        if (one.unrepresentable.length === 0) {
          text += row;
          kept.push(rec);
          continue;
        }
        // Per field, so the finding names the field that holds the character.
        for (let i = 0; i < rec.values.length; i++) {
          for (const u of out.charset.encode(rec.values[i]).unrepresentable) {
            addFinding(rec, {
              code: PipelineCodes.OUT_UNREPRESENTABLE,
              severity: 'error',
              location: recordLocation(batch.file, rec.src),
              field: opts.validator.fields[i]?.id,
              params: { codePoint: 'U+' + u.codePoint.toString(16).toUpperCase().padStart(4, '0'), charset: out.charset.name },
            });
          }
        }
      }
      accepted = kept;
      encoded = out.charset.encode(text);
    }
    await out.writer.write(encoded.bytes);
  }
  let rejectText = '';
  for (const rec of batch.records) {
    stats.read++;
    stats.bytes += rec.src.byteLength;
    if (rec.findings) for (const f of rec.findings) note(f);
    if (rec.fate === Fate.Written) stats.written++;
    else if (rec.fate === Fate.Duplicate) stats.duplicates++;
    else {
      stats.rejected++;
      if (opts.rejectCells) opts.rejectCells(rejectCells(batch, rec));  // only given with a rejects file
      else if (opts.rejects) rejectText += formatRejectCells(rejectCells(batch, rec));
    }
  }
  if (opts.rejects && rejectText) await opts.rejects.write(Buffer.from(rejectText, 'utf8'));
}

function rejectCells(batch: WorkBatch, rec: WorkRecord): string[] {
  const fs = rec.findings ?? [];
  const codes = [...new Set(fs.map((f) => f.code))].join(';');
  const fields = [...new Set(fs.map((f) => f.field).filter((x): x is string => !!x))].join(';');
  const message = fs.map((f) => (f.field ? `${f.field}: ` : '') + renderFinding(f, 'ja')).join(' / ');
  const raw = batch.text.slice(rec.src.textStart, rec.src.textEnd);
  // Bytes a reader could not decode (or read as a number) are U+FFFD or worse in `raw`: the
  // findings carry them as hex, so they are given beside the text, each at its byte offset.
  const hex = fs.filter((f) => typeof f.params?.hex === 'string').map((f) => `byte ${f.location.offset ?? rec.src.offset}: ${f.params!.hex}`).join('; ');
  return [
    String(rec.src.record), rec.src.line > 0 ? String(rec.src.line) : '', String(rec.src.offset),
    codes, fields, neutraliseFormula(message), neutraliseFormula(raw), hex,
  ];
}
