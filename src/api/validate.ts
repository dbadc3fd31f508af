import { join } from 'node:path';
import type { Logger } from 'pino';
import { getCharset } from '../encoding/index.ts';
import { compileLayout, loadLayout } from '../layouts/index.ts';
import { readCsvFile } from '../readers/index.ts';
import { runFileOrSplit } from '../pipeline/parallel-file.ts';
import { limitRecords, type RecordLimitState } from '../pipeline/record-limit.ts';
import { inputSize, prepareOutputDir } from '../pipeline/output-dir.ts';
import { buildRunReport, FindingCollector, fileReport, sha256, type FileReport, type RunReport } from '../report/run-report.ts';
import { writeJsonReport } from '../report/write-json.ts';
import { displayPath } from './convert.ts';
import { checkTimeZone } from '../core/time-zone.ts';

export interface ValidateOptions {
  /** Layout id, e.g. `juki/kojin`. */
  layout: string;
  files: string[];
  /** Charset of the files (default utf-8, the standard-layout output default). */
  charset?: string;
  /** Files start with a header row of item names or ids (default true). */
  header?: boolean;
  /** Where to write report.json (optional). */
  out?: string;
  maxSamples?: number;
  logger?: Logger;
  signal?: AbortSignal;
  onProgress?: (p: { bytesDone: number; records: number; findings: number }) => void;
  /** Worker threads for one large file (default 1; the CLI passes the machine's cores). */
  threads?: number;
  /** Schemas directory with catalog.json and layouts (default: chukan's own). */
  schemasDir?: string;
  /** Paths in findings and the report are shown relative to this directory. */
  relativeTo?: string;
  /**
   * Check only the first `limit` data records of each file (a header row is not counted); the
   * report says `"limit": N`, and a file cut short is marked `limitReached` and not complete.
   */
  limit?: number;
  /** IANA time zone of the report's times (default Asia/Tokyo). */
  timeZone?: string;
}

export interface ValidateResult {
  report: RunReport;
  reportPath?: string;
  exitCode: 0 | 1;
}

/** `chukan validate`: checks files already in the standard layout, record by record, field by field. */
export async function validate(opts: ValidateOptions): Promise<ValidateResult> {
  const started = new Date();
  if (opts.timeZone !== undefined) checkTimeZone(opts.timeZone, 'timeZone');
  const layout = loadLayout(opts.layout, { schemasDir: opts.schemasDir });
  const compiled = compileLayout(layout);
  const charset = getCharset(opts.charset ?? 'utf-8');
  const sizes = new Map<string, number>();
  for (const f of opts.files) sizes.set(f, await inputSize(f));
  const swept = opts.out ? await prepareOutputDir(opts.out) : [];
  const collector = new FindingCollector(opts.maxSamples ?? 1000);
  const files: FileReport[] = [];
  let bytesDone = 0;
  let recordsDone = 0;
  for (const path of opts.files) {
    if (opts.signal?.aborted) break;
    const file = displayPath(path, opts.relativeTo);
    const t0 = Date.now();
    const header = opts.header ?? true;
    const limited: RecordLimitState = { reached: false };
    const source = readCsvFile(path, { file, charset, columns: undefined });
    const stats = await runFileOrSplit({
      file,
      batches: opts.limit !== undefined ? limitRecords(source, opts.limit, header, limited) : source,
      header,
      validator: compiled,
      onFinding: collector.add,
      onProgress: (s) => {
        let findings = 0;
        for (const c of collector.counts.values()) findings += c.count;
        opts.onProgress?.({ bytesDone: bytesDone + s.bytes, records: recordsDone + s.read, findings });
      },
      signal: opts.signal,
    }, {
      // A limited run reads the file's start on this thread: byte ranges would read all of it.
      path, size: sizes.get(path)!, threads: opts.limit !== undefined ? 1 : opts.threads, job: { kind: 'validate', layout: opts.layout, schemasDir: opts.schemasDir },
      csv: { charset: charset.name, columns: undefined },
    });
    bytesDone += stats.bytes;
    recordsDone += stats.read;
    const entry = fileReport(stats, {
      input: file,
      layout: compiled.id,
      layoutSha256: sha256(JSON.stringify(layout)),
      charset: charset.name,
      durationMs: Date.now() - t0,
      complete: !opts.signal?.aborted && !limited.reached,
    });
    if (limited.reached) entry.limitReached = true;
    files.push(entry);
    opts.logger?.info({ file, read: stats.read, rejected: stats.rejected, findings: stats.findings }, 'file validated');
  }
  const report = buildRunReport({
    command: 'validate', started, files, collector,
    status: opts.signal?.aborted ? 'interrupted' : undefined,
    limit: opts.limit,
    timeZone: opts.timeZone,
    staleTempsRemoved: swept,
  });
  let reportPath: string | undefined;
  if (opts.out) {
    reportPath = join(opts.out, 'report.json');
    await writeJsonReport(reportPath, report);
  }
  return { report, reportPath, exitCode: report.status === 'ok' ? 0 : 1 };
}
