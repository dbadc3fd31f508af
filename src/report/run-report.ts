import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../core/finding.ts';
import { findingSpec, renderFinding } from '../core/finding.ts';
import { CHUKAN_VERSION } from '../core/version.ts';
import { DEFAULT_TIME_ZONE, isoInZone } from '../core/time-zone.ts';
import type { FileStats } from '../pipeline/file-stats.ts';
import type { StaleTemp } from '../pipeline/stale-temps.ts';
import { reconciles } from '../pipeline/file-stats.ts';

export const RUN_REPORT_FORMAT = 'chukan-run-report/1';

/**
 * report.json of `convert`, `validate` and `merge` (format `chukan-run-report/1`, JSON Schema in
 * docs/schemas/). Keys are a contract other tools read: per input file `read`, `written`,
 * `rejected`, `duplicates`; totals per finding code are true counts even when samples are capped
 * (`truncated`). Samples are one list, as in check's report.
 */
export interface RunReport {
  format: typeof RUN_REPORT_FORMAT;
  tool: 'chukan';
  version: string;
  command: string;
  status: 'ok' | 'findings' | 'interrupted' | 'failed';
  /** True exactly when status is ok (for CI scripts, as check's `ok`). */
  ok: boolean;
  /** IANA time zone the times are given in. */
  timeZone: string;
  /** ISO 8601 with the zone's offset. */
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  files: FileReport[];
  totals: { files: number; read: number; written: number; rejected: number; duplicates: number; bytes: number };
  findings: {
    byCode: Record<string, { severity: Severity; count: number; title: { ja: string; en: string } }>;
    samples: FindingSample[];
    maxSamples: number;
    truncated: boolean;
  };
  error?: { code: string; message: string };
  /** `convert --dry-run`: everything was read, mapped and checked, and no output or rejects file written. */
  dryRun?: true;
  /** `convert` / `validate --limit N`: at most N data records were read from each input. */
  limit?: number;
  /**
   * The files this run wrote (or, with --resume, verified and kept), each once, with its SHA-256 as
   * committed: what `chukan manifest` takes as this run's own (a standard-layout file in the
   * directory that is not listed here is left over from another run).
   */
  outputs?: RunOutput[];
  /** Temp files of killed runs (`.NAME.PID.chukan-tmp`, process gone) this run removed from its directories. */
  staleTempsRemoved?: StaleTemp[];
}

export interface RunOutput {
  /** As shown elsewhere in the report (relative to the working directory when it is below it). */
  file: string;
  kind: 'output' | 'rejects';
  sha256: string;
}

export interface FileReport {
  input: string;
  layout: string;
  layoutSha256?: string;
  mapping?: string;
  mappingSha256?: string;
  output?: string;
  rejects?: string;
  /** The rejects as a workbook (`convert --rejects-xlsx`), when asked for. */
  rejectsXlsx?: string;
  charset: string;
  bytes: number;
  read: number;
  written: number;
  rejected: number;
  duplicates: number;
  pua: number;
  reconciled: boolean;
  recordsPerSecond: number;
  durationMs: number;
  findings: Record<string, number>;
  /** False when the file was not processed to its end (interrupted or failed). */
  complete: boolean;
  /** Cleansing counts: 外字 outcomes per code point, normalisation per field and rule, duplicates dropped. */
  cleanse?: {
    gaiji: { codePoint: string; outcomes: Record<string, number> }[];
    normalise?: unknown;
    duplicates?: number;
    duplicateOf?: { file: string; record: number; keptFile: string; keptRecord: number }[];
  };
  /** Size and modification time of the input when it was read (what --resume compares). */
  inputSize?: number;
  inputMtimeMs?: number;
  /** SHA-256 of the output and rejects files as committed (absent when not committed). */
  outputSha256?: string;
  rejectsSha256?: string;
  /** Taken over from the previous report by --resume: outputs verified by hash, not converted again. */
  resumed?: boolean;
  /** Reading stopped at `--limit N` (convert, validate) with records left unread (then `complete` is false). */
  limitReached?: true;
}

export interface FindingSample {
  code: string;
  severity: Severity;
  file: string;
  record?: number;
  line?: number;
  offset?: number;
  field?: string;
  sample?: string;
  message: { ja: string; en: string };
}

export function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Collects findings for a report: counts everything, keeps the first `maxSamples` as samples. */
export class FindingCollector {
  readonly samples: FindingSample[] = [];
  readonly counts = new Map<string, { severity: Severity; count: number }>();
  truncated = false;
  constructor(readonly maxSamples = 1000) {}

  add = (f: Finding): void => {
    const c = this.counts.get(f.code);
    if (c) c.count++;
    else this.counts.set(f.code, { severity: f.severity, count: 1 });
    if (this.samples.length < this.maxSamples) {
      const s: FindingSample = {
        code: f.code, severity: f.severity, file: f.location.file,
        message: { ja: renderFinding(f, 'ja'), en: renderFinding(f, 'en') },
      };
      if (f.location.record !== undefined) s.record = f.location.record;
      if (f.location.line !== undefined) s.line = f.location.line;
      if (f.location.offset !== undefined) s.offset = f.location.offset;
      if (f.field !== undefined) s.field = f.field;
      if (f.sample !== undefined) s.sample = f.sample;
      this.samples.push(s);
    } else {
      this.truncated = true;
    }
  };

  hasErrors(): boolean {
    for (const c of this.counts.values()) if (c.severity === 'error' && c.count > 0) return true;
    return false;
  }

  byCode(): RunReport['findings']['byCode'] {
    const out: RunReport['findings']['byCode'] = {};
    for (const code of [...this.counts.keys()].sort()) {
      const c = this.counts.get(code)!;
      const spec = findingSpec(code);
      out[code] = { severity: c.severity, count: c.count, title: spec?.title ?? { ja: code, en: code } };
    }
    return out;
  }
}

export function fileReport(stats: FileStats, extra: Omit<FileReport, 'bytes' | 'read' | 'written' | 'rejected' | 'duplicates' | 'pua' | 'reconciled' | 'findings' | 'recordsPerSecond'>): FileReport {
  return {
    ...extra,
    bytes: stats.bytes,
    read: stats.read,
    written: stats.written,
    rejected: stats.rejected,
    duplicates: stats.duplicates,
    pua: stats.pua,
    reconciled: reconciles(stats),
    recordsPerSecond: extra.durationMs > 0 ? Math.round((stats.read / extra.durationMs) * 1000) : 0,
    findings: stats.findings,
  };
}

export function buildRunReport(args: {
  command: string;
  started: Date;
  files: FileReport[];
  collector: FindingCollector;
  status?: RunReport['status'];
  error?: RunReport['error'];
  dryRun?: boolean;
  limit?: number;
  /** Default Asia/Tokyo. */
  timeZone?: string;
  staleTempsRemoved?: StaleTemp[];
}): RunReport {
  const timeZone = args.timeZone ?? DEFAULT_TIME_ZONE;
  const status = args.status ?? (args.collector.hasErrors() ? 'findings' : 'ok');
  const finished = new Date();
  const totals = { files: args.files.length, read: 0, written: 0, rejected: 0, duplicates: 0, bytes: 0 };
  for (const f of args.files) {
    totals.read += f.read; totals.written += f.written; totals.rejected += f.rejected;
    totals.duplicates += f.duplicates; totals.bytes += f.bytes;
  }
  const report: RunReport = {
    format: RUN_REPORT_FORMAT,
    tool: 'chukan',
    version: CHUKAN_VERSION,
    command: args.command,
    status,
    ok: status === 'ok',
    timeZone,
    startedAt: isoInZone(args.started, timeZone),
    finishedAt: isoInZone(finished, timeZone),
    durationMs: finished.getTime() - args.started.getTime(),
    files: args.files,
    totals,
    findings: {
      byCode: args.collector.byCode(),
      samples: args.collector.samples,
      maxSamples: args.collector.maxSamples,
      truncated: args.collector.truncated,
    },
  };
  if (args.error) report.error = args.error;
  if (args.dryRun) report.dryRun = true;
  if (args.limit !== undefined) report.limit = args.limit;
  const outputs = runOutputs(args.files);
  if (outputs.length > 0) report.outputs = outputs;
  if (args.staleTempsRemoved?.length) report.staleTempsRemoved = args.staleTempsRemoved;
  return report;
}

/** Every committed output and rejects file named by the file entries, once each. */
export function runOutputs(files: readonly FileReport[]): RunOutput[] {
  const out: RunOutput[] = [];
  const seen = new Set<string>();
  const add = (file: string | undefined, sha: string | undefined, kind: RunOutput['kind']) => {
    if (!file || !sha || seen.has(file)) return;
    seen.add(file);
    out.push({ file, kind, sha256: sha });
  };
  for (const f of files) {
    add(f.output, f.outputSha256, 'output');
    add(f.rejects, f.rejectsSha256, 'rejects');
  }
  return out;
}

/** `file: record 3, line 4, byte 120: field x: message [CODE]` — the stderr form of a sample. */
export function formatSampleLine(s: FindingSample, lang: 'ja' | 'en' = 'en'): string {
  const where = [s.file];
  if (s.record !== undefined) where.push(`record ${s.record}`);
  if (s.line !== undefined) where.push(`line ${s.line}`);
  if (s.offset !== undefined) where.push(`byte ${s.offset}`);
  return `${where.join(', ')}:${s.field ? ` field ${s.field}:` : ''} ${s.message[lang]} [${s.code}]`;
}
