import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { WorkbookLimits } from '../core/excel.ts';
import { ChukanError, InputNotFoundError, UsageError } from '../core/errors.ts';
import type { Finding } from '../core/finding.ts';
import { getCharset } from '../encoding/index.ts';
import { compileLayout, loadLayout, loadCatalog, type Catalog } from '../layouts/index.ts';
import { compileMapping, loadJob, loadMapping, type Mapping } from '../mapping/index.ts';
import { AtomicFileWriter } from '../pipeline/atomic-file.ts';
import { runFileOrSplit } from '../pipeline/parallel-file.ts';
import { limitRecords, type RecordLimitState } from '../pipeline/record-limit.ts';
import type { ByteSink } from '../pipeline/file-run.ts';
import { UNIT_MANIFEST, unitSpans, writeUnitManifest, type UnitRef } from '../pipeline/unit-plan.ts';
import { refuseOutputsOverInputs, type RunFile } from '../core/same-file.ts';
import { shownTemps, type StaleTemp } from '../pipeline/stale-temps.ts';
import { newFileStats, type FileStats } from '../pipeline/file-stats.ts';
import { openSourceReader } from '../pipeline/open-reader.ts';
import { cleanseStagesFor } from '../pipeline/cleanse-for-mapping.ts';
import { GaijiTally } from '../report/gaiji-tally.ts';
import { inputSize, prepareOutputDir } from '../pipeline/output-dir.ts';
import { buildRunReport, FindingCollector, fileReport, sha256, type FileReport, type RunReport } from '../report/run-report.ts';
import { writeJsonReport } from '../report/write-json.ts';
import { readFile, rm, stat } from 'node:fs/promises';
import { writeRejectsXlsx } from '../report/rejects-xlsx.ts';
import { DEFAULT_TIME_ZONE, checkTimeZone } from '../core/time-zone.ts';
import { carryFindings, readPreviousReport, verifiedPreviousUnit } from './resume.ts';

export interface ConvertUnit {
  mapping: string;
  inputs: string[];
}

export interface ConvertOptions {
  /** A job file listing units; or `mapping` + `inputs`. */
  job?: string;
  mapping?: string;
  inputs?: string[];
  /** Output directory (a job file may name it; this wins). */
  out?: string;
  /** Input files converted at once (default 2: this is I/O + CPU, and the machine kind has 2 cores). */
  concurrency?: number;
  maxSamples?: number;
  logger?: Logger;
  signal?: AbortSignal;
  onProgress?: (p: ConvertProgress) => void;
  /** Schemas directory with catalog.json and layouts (default: chukan's own; e.g. one `layouts import` wrote). */
  schemasDir?: string;
  /** Paths in findings and report.json are shown relative to this directory (default: absolute). */
  relativeTo?: string;
  /** Worker threads for one large input (default 1 here; the CLI passes the machine's cores). */
  threads?: number;
  /** Process only unit i of n (`--unit i/n`): OUT becomes a unit directory for `chukan merge` (pipeline/unit-plan.ts). */
  unit?: UnitRef;
  /** IANA time zone of the report's times (default Asia/Tokyo, whatever the machine's TZ). */
  timeZone?: string;
  /** Skip units whose outputs the previous OUT/report.json shows complete and whose files still match its SHA-256 (api/resume.ts). */
  resume?: boolean;
  /**
   * Convert only the first `limit` data records of each input (a header row is not counted). A
   * file cut short is marked `limitReached` and not `complete` in report.json, so `--resume`
   * never takes its output for a whole one.
   */
  limit?: number;
  /**
   * Read, map, check and report, but write no output and no rejects file. The records go through
   * the same stages and the same output encoding (into a sink that keeps nothing), so the findings
   * are the ones a real run gives. `out` is then optional: when given, only OUT/report.json is
   * written (marked `dryRun: true`); without it nothing is written.
   */
  dryRun?: boolean;
  /**
   * Also write each input's rejects as `rejects/<input>.rejects.xlsx` (original text, undecodable
   * bytes in hex, formulas neutralised; report/rejects-xlsx.ts). Default: the job's `rejectsXlsx`.
   */
  rejectsXlsx?: boolean;
  /** Every finding as it is raised (after the report's collector saw it): `mapping check --sample` tallies them per field. */
  onFinding?: (f: Finding) => void;
  /** Bounds for workbooks the mappings name (外字対応表 / MJ table as xlsx); default DEFAULT_WORKBOOK_LIMITS. */
  workbookLimits?: WorkbookLimits;
}

export interface ConvertProgress {
  bytesDone: number;
  bytesTotal: number;
  records: number;
  findings: number;
}

export interface ConvertResult {
  report: RunReport;
  /** Where report.json was written; undefined for a dry run without an output directory. */
  reportPath: string | undefined;
  /** 0 everything written, 1 some records rejected or findings at error level. */
  exitCode: 0 | 1;
}

interface PreparedUnit {
  mappingPath: string;
  mapping: Mapping;
  mappingSha256: string;
  layoutId: string;
  layoutSha256: string;
  compiled: ReturnType<typeof compileLayout>;
  inputs: { path: string; size: number }[];
  outputName: string;
}

/**
 * `chukan convert`: every unit (one mapping, its inputs) writes one standard-layout file named
 * as the catalog names it, plus a rejects file per input; the run writes OUT/report.json.
 * Everything that can be checked before reading data (files exist, mappings load, layouts
 * compile, output is writable) is checked first, so a bad invocation fails in a second, not an hour.
 */
export async function convert(opts: ConvertOptions): Promise<ConvertResult> {
  const started = new Date();
  const timeZone = checkTimeZone(opts.timeZone ?? DEFAULT_TIME_ZONE, 'timeZone');
  const { units, out, jobRoot, rejectsXlsx: jobRejectsXlsx } = await resolveUnits(opts);
  const wantXlsx = !opts.dryRun && (opts.rejectsXlsx ?? jobRejectsXlsx ?? false);
  /** Each committed rejects CSV of this run (converted or taken over by --resume), for the workbooks. */
  const rejectsCsv = new Map<FileReport, { path: string; resumed: boolean }>();
  const show = (p: string) => displayPath(p, opts.relativeTo);
  const catalog = loadCatalog(opts.schemasDir);
  const prepared: PreparedUnit[] = [];
  const seenOutputs = new Map<string, string>();
  for (const unit of units) {
    // Inside a job, what the mapping names is fenced to the job's root like the job's own paths.
    const mapping = await loadMapping(unit.mapping, jobRoot !== undefined ? { confineTo: jobRoot } : {});
    const mappingText = await readFile(unit.mapping).catch((err) => {
      throw new InputNotFoundError(unit.mapping, { cause: err });
    });
    const layout = loadLayout(mapping.layout, { schemasDir: opts.schemasDir });
    const compiled = compileLayout(layout);
    // Compile once without a header to surface unknown target fields and transforms before any data.
    compileMapping(mapping, { layoutFields: compiled.fields.map((f) => f.id) });
    // The cleanse section and its 外字対応表 are checked now too, not when the first record arrives.
    (await cleanseStagesFor(mapping, compiled, { file: unit.mapping, workbookLimits: opts.workbookLimits })).close();
    const inputs = [];
    for (const input of unit.inputs) inputs.push({ path: input, size: await inputSize(input) });
    const outputName = standardFileName(catalog, compiled.id);
    const other = seenOutputs.get(outputName);
    if (other) {
      throw new UsageError(`mappings ${other} and ${unit.mapping} both write ${outputName}; put their inputs in one unit`);
    }
    seenOutputs.set(outputName, unit.mapping);
    prepared.push({
      mappingPath: unit.mapping,
      mapping,
      mappingSha256: sha256(mappingText),
      layoutId: compiled.id,
      layoutSha256: sha256(JSON.stringify(layout)),
      compiled,
      inputs,
      outputName,
    });
  }
  let swept: StaleTemp[] = [];
  if (out) {
    // Nothing the run reads may be written over: an input named like an output, report.json, a
    // job whose out: holds its own inputs (compared by device and inode, core/same-file.ts).
    const writes: RunFile[] = [{ path: join(out, 'report.json'), role: 'report' }];
    if (opts.unit) writes.push({ path: join(out, UNIT_MANIFEST), role: 'unit manifest' });
    if (!opts.dryRun) {
      for (const u of prepared) {
        writes.push({ path: join(out, u.outputName), role: 'output' });
        for (const i of u.inputs) writes.push({ path: join(out, 'rejects', `${basename(i.path)}.rejects.csv`), role: 'rejects file' });
      }
    }
    const reads: RunFile[] = [];
    if (opts.job) reads.push({ path: opts.job, role: 'job', shown: show(opts.job) });
    for (const u of prepared) {
      for (const i of u.inputs) reads.push({ path: i.path, role: 'input', shown: show(i.path) });
      reads.push({ path: u.mappingPath, role: 'mapping', shown: show(u.mappingPath) });
      for (const f of u.mapping.files) reads.push({ path: f.path, role: f.role, shown: show(f.path) });
    }
    await refuseOutputsOverInputs(writes.map((w) => ({ ...w, shown: show(w.path) })), reads);
    // A dry run writes at most report.json: no rejects folder is made.
    swept = await prepareOutputDir(out, opts.dryRun ? [] : ['rejects']);
    for (const s of swept) opts.logger?.warn({ file: show(s.file), pid: s.pid, bytes: s.bytes }, 'removed a temp file left by a killed run');
  }

  const collector = new FindingCollector(opts.maxSamples ?? 1000);
  const bytesTotal = prepared.reduce((n, u) => n + u.inputs.reduce((m, i) => m + i.size, 0), 0);
  const live = new Map<string, FileStats>();
  let bytesFinished = 0;
  let recordsFinished = 0;
  const progress = () => {
    if (!opts.onProgress) return;
    let bytes = bytesFinished;
    let records = recordsFinished;
    for (const s of live.values()) { bytes += s.bytes; records += s.read; }
    let findings = 0;
    for (const c of collector.counts.values()) findings += c.count;
    opts.onProgress({ bytesDone: bytes, bytesTotal, records, findings });
  };

  const files: FileReport[] = [];
  const previous = opts.resume && out ? await readPreviousReport(join(out, 'report.json')) : undefined;
  const spans = opts.unit ? unitSpans(prepared.map((u) => u.inputs.map((i) => i.size)), opts.unit) : undefined;
  const limit = pLimit(Math.max(1, opts.concurrency ?? 2));
  const writers: AtomicFileWriter[] = [];
  let status: RunReport['status'] | undefined;
  let error: RunReport['error'] | undefined;
  const failure = new AbortController();
  const stop = opts.signal ? AbortSignal.any([opts.signal, failure.signal]) : failure.signal;
  const tasks: Promise<void>[] = [];
  const track = (t: Promise<void>) => { tasks.push(t); return t; };
  try {
    await Promise.all(prepared.map((unit, unitIndex) => track(limit(async () => {
      // A unit that failed stops the others: queued units do not start, running ones stop at the next batch.
      if (failure.signal.aborted) return;
      const outputPath = join(out ?? '.', unit.outputName);
      const rejectsPathOf = (p: string) => join(out ?? '.', 'rejects', `${basename(p)}.rejects.csv`);
      if (previous) {
        const kept = await verifiedPreviousUnit(previous, {
          mapping: show(unit.mappingPath), mappingSha256: unit.mappingSha256, layoutSha256: unit.layoutSha256, outputPath,
          inputs: unit.inputs.map((i) => ({ shown: show(i.path), path: i.path, rejectsPath: rejectsPathOf(i.path) })),
        });
        if (kept) {
          files.push(...kept);
          for (const e of kept) {
            const input = unit.inputs.find((i) => show(i.path) === e.input);
            if (input && e.rejects) rejectsCsv.set(e, { path: rejectsPathOf(input.path), resumed: true });
          }
          carryFindings(collector, previous, kept, unit.inputs.map((i) => i.path));
          opts.logger?.info({ output: show(outputPath), inputs: kept.length }, 'unit resumed: outputs verified by SHA-256');
          return;
        }
      }
      const unitFiles: FileReport[] = [];
      const output = opts.dryRun ? undefined : await AtomicFileWriter.create(outputPath);
      if (output) writers.push(output);
      const outCharset = getCharset(unit.mapping.output.charset);
      let headerWritten = false;
      for (const [inputIndex, input] of unit.inputs.entries()) {
        const span = spans?.[unitIndex][inputIndex];
        if (spans && !span) continue;
        if (span && (inputIndex > 0 || span.from > 0)) headerWritten = true;
        if (stop.aborted) break;
        const t0 = Date.now();
        const rejectsPath = rejectsPathOf(input.path);
        const inputStat = await stat(input.path);
        const rejects = opts.dryRun ? undefined : await AtomicFileWriter.create(rejectsPath);
        if (rejects) writers.push(rejects);
        const limited: RecordLimitState = { reached: false };
        const source = openSourceReader(unit.mapping, input.path, show(input.path));
        const key = input.path;
        let stats: FileStats = newFileStats(show(input.path));
        live.set(key, stats);
        const src = unit.mapping.source;
        const cleanse = await cleanseStagesFor(unit.mapping, unit.compiled, { file: show(input.path), workbookLimits: opts.workbookLimits });
        const gaiji = new GaijiTally();
        try {
        stats = await runFileOrSplit({
          file: show(input.path),
          batches: opts.limit !== undefined ? limitRecords(source, opts.limit, unit.mapping.source.header, limited) : source,
          header: unit.mapping.source.header,
          makeMapper: (header) => compileMapping(unit.mapping, { layoutFields: unit.compiled.fields.map((f) => f.id), sourceHeader: header, sourceName: show(input.path) }),
          validator: unit.compiled,
          output: {
            writer: output ?? DISCARD,
            charset: outCharset,
            header: headerWritten || !unit.mapping.output.header ? undefined : unit.compiled.fields.map((f) => f.title),
            newline: unit.mapping.output.newline === 'lf' ? '\n' : '\r\n',
          },
          rejects: rejects ?? DISCARD,
          beforeValidate: cleanse.beforeValidate,
          afterValidate: cleanse.afterValidate,
          onFinding: (f) => { gaiji.add(f); collector.add(f); opts.onFinding?.(f); },
          onProgress: (s) => { live.set(key, s); progress(); },
          signal: stop,
        }, {
          // A limited run reads the file's start on this thread: byte ranges would read all of it.
          path: input.path, readerFile: show(input.path), size: input.size, threads: opts.limit !== undefined ? 1 : opts.threads, span: span && !span.whole ? span : undefined,
          job: { kind: 'convert', mappingPath: unit.mappingPath, schemasDir: opts.schemasDir },
          csv: src.format === 'csv' ? { charset: src.charset, delimiter: src.delimiter, quote: src.quote, columns: 'first' } : undefined,
          // Only the default 外字 check can be rebuilt inside range workers; a configured cleanse
          // section (normalise counts, dedup state) keeps the file in one thread.
          stagesRunInWorkers: unit.mapping.cleanse === undefined,
        });
        } finally {
          cleanse.close();
        }
        headerWritten = true;
        live.delete(key);
        bytesFinished += stats.bytes;
        recordsFinished += stats.read;
        const finished = !stop.aborted;
        // Cut short by --limit: what was written is right, but it is not the whole input.
        const complete = finished && !limited.reached;
        if (rejects) {
          if (finished) await rejects.commit(); else await rejects.abort();
        }
        const entry = fileReport(stats, {
          input: show(input.path),
          layout: unit.layoutId,
          layoutSha256: unit.layoutSha256,
          mapping: show(unit.mappingPath),
          mappingSha256: unit.mappingSha256,
          output: output ? show(outputPath) : undefined,
          rejects: rejects && finished ? show(rejectsPath) : undefined,
          charset: unit.mapping.source.charset,
          durationMs: Date.now() - t0,
          complete,
          inputSize: inputStat.size,
          inputMtimeMs: inputStat.mtimeMs,
        });
        if (limited.reached) entry.limitReached = true;
        if (rejects && finished) {
          entry.rejectsSha256 = rejects.sha256;
          rejectsCsv.set(entry, { path: rejectsPath, resumed: false });
        }
        const cleanseCounts = cleanse.report();
        entry.cleanse = {
          gaiji: gaiji.toJSON(),
          ...(cleanseCounts.normalise ? { normalise: cleanseCounts.normalise } : {}),
          ...(cleanseCounts.duplicates ? { duplicates: cleanseCounts.duplicates.length, duplicateOf: cleanseCounts.duplicates.slice(0, 1000) } : {}),
        };
        files.push(entry);
        unitFiles.push(entry);
        opts.logger?.info({ file: show(input.path), read: stats.read, written: stats.written, rejected: stats.rejected, duplicates: stats.duplicates, findings: stats.findings }, 'file converted');
      }
      if (!output) return;
      if (stop.aborted) await output.abort();
      else {
        await output.commit();
        for (const e of unitFiles) e.outputSha256 = output.sha256;
      }
    }))));
    if (opts.signal?.aborted) status = 'interrupted';
    else await rejectsWorkbooks(rejectsCsv, wantXlsx, show);
  } catch (err) {
    failure.abort();
    await Promise.allSettled(tasks);
    await Promise.all(writers.map((w) => w.abort()));
    status = 'failed';
    error = { code: (err as ChukanError).code ?? 'E_INTERNAL', message: (err as Error).message };
    const report = buildRunReport({ command: 'convert', started, files, collector, status, error, dryRun: opts.dryRun, limit: opts.limit, timeZone, staleTempsRemoved: shownTemps(swept, show) });
    if (out) await writeJsonReport(join(out, 'report.json'), report).catch(() => undefined);
    throw err;
  }
  const report = buildRunReport({ command: 'convert', started, files, collector, status, dryRun: opts.dryRun, limit: opts.limit, timeZone, staleTempsRemoved: shownTemps(swept, show) });
  const reportPath = out ? join(out, 'report.json') : undefined;
  if (opts.unit && out) {
    await writeUnitManifest(out, {
      tool: 'chukan', kind: 'convert-unit', unit: opts.unit.index, of: opts.unit.of,
      inputs: prepared.flatMap((u, ui) => u.inputs.map((i, fi) => {
        const sp = spans?.[ui][fi];
        return { input: show(i.path), size: i.size, ...(sp ? { span: { from: sp.from, to: sp.to } } : {}) };
      })),
    });
  }
  if (reportPath) await writeJsonReport(reportPath, report);
  opts.logger?.info({ report: reportPath, totals: report.totals, status: report.status }, 'run finished');
  return { report, reportPath, exitCode: report.status === 'ok' ? 0 : 1 };
}

/**
 * The rejects workbooks, once every rejects CSV is committed: each rendered from its CSV (also
 * for units --resume took over, so the workbook always matches). Without --rejects-xlsx a
 * workbook left by an earlier run beside a CSV rewritten now is removed: it would disagree.
 */
async function rejectsWorkbooks(csvs: Map<FileReport, { path: string; resumed: boolean }>, want: boolean, show: (p: string) => string): Promise<void> {
  for (const [entry, csv] of csvs) {
    const xlsx = csv.path.replace(/\.csv$/, '.xlsx');
    if (want) {
      await writeRejectsXlsx(csv.path, xlsx, entry.input);
      entry.rejectsXlsx = show(xlsx);
    } else if (!csv.resumed) {
      await rm(xlsx, { force: true });
    }
  }
}

async function resolveUnits(opts: ConvertOptions): Promise<{ units: ConvertUnit[]; out: string | undefined; jobRoot?: string; rejectsXlsx?: boolean }> {
  if (opts.dryRun && opts.rejectsXlsx) throw new UsageError('--dry-run writes no rejects, so there is nothing for --rejects-xlsx to write');
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 1)) throw new UsageError('--limit takes a whole number ≥ 1');
  if (opts.limit !== undefined && opts.unit) throw new UsageError('--limit reads the start of each input and cannot be combined with --unit');
  if (opts.dryRun && opts.unit) throw new UsageError('--dry-run writes no outputs, so there is no unit directory to merge: drop --unit');
  if (opts.dryRun && opts.resume) throw new UsageError('--dry-run writes no outputs, so there is nothing to --resume');
  if (opts.job) {
    if (opts.mapping || opts.inputs?.length) throw new UsageError('give either --job or --mapping with --in, not both');
    const job = await loadJob(opts.job);
    const out = opts.out ?? job.out;
    if (!out && !opts.dryRun) throw new UsageError(`job ${opts.job} names no output directory; pass --out DIR`);
    return { units: job.units, out: out ? resolve(out) : undefined, jobRoot: job.root, rejectsXlsx: job.rejectsXlsx };
  }
  if (!opts.mapping) throw new UsageError('--mapping (or --job) is required');
  if (!opts.inputs?.length) throw new UsageError('--in FILE is required (one or more)');
  if (!opts.out && !opts.dryRun) throw new UsageError('--out DIR is required (or --dry-run, which writes nothing)');
  return { units: [{ mapping: opts.mapping, inputs: opts.inputs }], out: opts.out };
}

/** Where a dry run's output and rejects bytes go: through the same encoder, then nowhere. */
const DISCARD: ByteSink = { write: async () => undefined, copies: true };

/** The catalog's standard file name for a layout (e.g. JUKI_KOJIN.csv); derived from the id if absent. */
function standardFileName(catalog: Catalog, layoutId: string): string {
  for (const d of catalog.domains) for (const f of d.files) if (f.layout === layoutId) return f.fileName;
  return layoutId.toUpperCase().replace(/\//g, '_') + '.csv';
}

export function displayPath(path: string, base: string | undefined): string {
  if (!base) return path;
  const rel = relative(base, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
