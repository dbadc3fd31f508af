import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UsageError } from '../core/errors.ts';
import { AtomicFileWriter } from '../pipeline/atomic-file.ts';
import { prepareOutputDir } from '../pipeline/output-dir.ts';
import { shownTemps } from '../pipeline/stale-temps.ts';
import { refuseOutputsOverInputs } from '../core/same-file.ts';
import { UNIT_MANIFEST, type UnitManifest } from '../pipeline/unit-plan.ts';
import { writeRejectsXlsx } from '../report/rejects-xlsx.ts';
import { buildRunReport, FindingCollector, type FileReport, type RunReport } from '../report/run-report.ts';
import { writeJsonReport } from '../report/write-json.ts';
import { displayPath } from './convert.ts';

export interface MergeOptions {
  /** The unit directories written by `chukan convert … --unit i/n --out UNIT_DIR`, in any order. */
  units: string[];
  out: string;
  /** Finding samples kept (default: what the units kept). */
  maxSamples?: number;
  relativeTo?: string;
  /** IANA time zone of the report's times (default: the units'; Asia/Tokyo when they name none). */
  timeZone?: string;
  /** Also write the merged rejects as xlsx (as `convert --rejects-xlsx`). */
  rejectsXlsx?: boolean;
}

export interface MergeResult {
  report: RunReport;
  reportPath: string;
  exitCode: 0 | 1;
}

interface LoadedUnit {
  dir: string;
  manifest: UnitManifest;
  report: RunReport;
}

async function loadUnit(dir: string): Promise<LoadedUnit> {
  const read = async (name: string) => {
    try {
      return JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown;
    } catch (err) {
      throw new UsageError(`${dir} is not a finished unit directory (${name}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  };
  const manifest = (await read(UNIT_MANIFEST)) as UnitManifest;
  const report = (await read('report.json')) as RunReport;
  if (manifest.kind !== 'convert-unit') throw new UsageError(`${dir}/${UNIT_MANIFEST} is not a convert unit manifest`);
  if (report.status !== 'ok' && report.status !== 'findings') throw new UsageError(`unit ${manifest.unit}/${manifest.of} (${dir}) did not finish (status ${report.status}); run it again`);
  return { dir, manifest, report };
}

/** Bytes of `path` appended to `w`, or nothing when the unit wrote no such file. */
async function append(w: AtomicFileWriter, path: string): Promise<void> {
  try {
    await stat(path);
  } catch {
    return;
  }
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) await w.write(chunk as Buffer);
}

/**
 * `chukan merge`: joins the unit directories of one `--unit i/n` run into what a single run
 * writes — each output and rejects file is the concatenation of the units' slices in unit order
 * (pipeline/unit-plan.ts makes every slice contiguous), report.json sums the units' per-file
 * counts and findings and keeps the first samples in run order.
 */
export async function merge(opts: MergeOptions): Promise<MergeResult> {
  if (opts.units.length === 0) throw new UsageError('give the unit directories to merge');
  const units = await Promise.all(opts.units.map(loadUnit));
  units.sort((a, b) => a.manifest.unit - b.manifest.unit);
  const of = units[0].manifest.of;
  const job = JSON.stringify(units[0].manifest.inputs.map((i) => [i.input, i.size]));
  for (const [k, u] of units.entries()) {
    if (u.manifest.of !== of) throw new UsageError(`${u.dir} is unit ${u.manifest.unit}/${u.manifest.of}, the others are of ${of}`);
    if (u.manifest.unit !== k) throw new UsageError(k < u.manifest.unit ? `unit ${k}/${of} is missing` : `unit ${u.manifest.unit}/${of} is given twice`);
    if (JSON.stringify(u.manifest.inputs.map((i) => [i.input, i.size])) !== job) throw new UsageError(`${u.dir} ran on other inputs (names or sizes differ) than ${units[0].dir}`);
  }
  if (units.length !== of) throw new UsageError(`unit ${units.length}/${of} is missing`);
  const show = (p: string) => displayPath(p, opts.relativeTo);
  const swept = await prepareOutputDir(opts.out, ['rejects']);

  // Files: one entry per (mapping, input) in run order, counts summed over the units that read part of it.
  const merged = new Map<string, FileReport>();
  const outputs: string[] = [];
  const rejects: string[] = [];
  for (const u of units) {
    for (const f of u.report.files) {
      const key = `${f.mapping ?? ''}\u0000${f.input}`;
      const outName = f.output ? basename(f.output) : undefined;
      const rejName = f.rejects ? basename(f.rejects) : undefined;
      if (outName && !outputs.includes(outName)) outputs.push(outName);
      if (rejName && !rejects.includes(rejName)) rejects.push(rejName);
      const m = merged.get(key);
      if (!m) {
        merged.set(key, {
          ...f,
          findings: { ...f.findings },
          output: outName ? show(join(opts.out, outName)) : undefined,
          rejects: rejName ? show(join(opts.out, 'rejects', rejName)) : undefined,
          // A unit's workbook holds its slice only; the merged one is written below when asked for.
          rejectsXlsx: undefined,
        });
        continue;
      }
      m.bytes += f.bytes; m.read += f.read; m.written += f.written; m.rejected += f.rejected;
      m.duplicates += f.duplicates; m.pua += f.pua; m.durationMs += f.durationMs;
      m.complete &&= f.complete;
      for (const [c, n] of Object.entries(f.findings)) m.findings[c] = (m.findings[c] ?? 0) + n;
    }
  }
  const files = [...merged.values()];
  for (const f of files) {
    f.reconciled = f.read === f.written + f.rejected + f.duplicates;
    f.recordsPerSecond = f.durationMs > 0 ? Math.round((f.read / f.durationMs) * 1000) : 0;
  }

  // The joined files may not land on a unit's own (merge --out UNIT_DIR would read what it writes).
  await refuseOutputsOverInputs(
    [...outputs.map((n) => join(opts.out, n)), ...rejects.map((n) => join(opts.out, 'rejects', n)), join(opts.out, 'report.json')].map((path) => ({ path, role: 'output' })),
    units.flatMap((u) => [
      { path: join(u.dir, UNIT_MANIFEST), role: 'unit manifest' }, { path: join(u.dir, 'report.json'), role: 'unit report' },
      ...outputs.map((n) => ({ path: join(u.dir, n), role: 'unit output' })), ...rejects.map((n) => ({ path: join(u.dir, 'rejects', n), role: 'unit rejects file' })),
    ]),
  );
  const writers: AtomicFileWriter[] = [];
  const digests = new Map<string, string | undefined>();
  try {
    for (const name of outputs) {
      const w = await AtomicFileWriter.create(join(opts.out, name));
      writers.push(w);
      for (const u of units) await append(w, join(u.dir, name));
      await w.commit();
      digests.set(`o:${name}`, (w as { sha256?: string }).sha256);
    }
    for (const name of rejects) {
      const w = await AtomicFileWriter.create(join(opts.out, 'rejects', name));
      writers.push(w);
      for (const u of units) await append(w, join(u.dir, 'rejects', name));
      await w.commit();
      digests.set(`r:${name}`, (w as { sha256?: string }).sha256);
    }
  } catch (err) {
    await Promise.all(writers.map((w) => w.abort()));
    throw err;
  }
  for (const f of files as (FileReport & { outputSha256?: string; rejectsSha256?: string })[]) {
    if (f.outputSha256 !== undefined && f.output) f.outputSha256 = digests.get(`o:${basename(f.output)}`);
    if (f.rejectsSha256 !== undefined && f.rejects) f.rejectsSha256 = digests.get(`r:${basename(f.rejects)}`);
    if (opts.rejectsXlsx && f.rejects) {
      const csv = join(opts.out, 'rejects', basename(f.rejects));
      const xlsx = csv.replace(/\.csv$/, '.xlsx');
      await writeRejectsXlsx(csv, xlsx, f.input);
      f.rejectsXlsx = show(xlsx);
    }
    if (f.rejectsXlsx === undefined) delete f.rejectsXlsx;
  }

  // Findings: true totals summed; samples are the first ones in run order, as one run keeps them.
  const collector = new FindingCollector(opts.maxSamples ?? units[0].report.findings.maxSamples);
  let total = 0;
  for (const u of units) {
    for (const [code, c] of Object.entries(u.report.findings.byCode)) {
      const have = collector.counts.get(code);
      if (have) have.count += c.count;
      else collector.counts.set(code, { severity: c.severity, count: c.count });
      total += c.count;
    }
    for (const s of u.report.findings.samples) if (collector.samples.length < collector.maxSamples) collector.samples.push(s);
  }
  collector.truncated = total > collector.samples.length;
  const started = new Date(Math.min(...units.map((u) => Date.parse(u.report.startedAt))));
  // The units' own zone (one job's units are run alike), so the merged report reads as theirs.
  const report = buildRunReport({ command: 'convert', started, files, collector, timeZone: opts.timeZone ?? units[0].report.timeZone, staleTempsRemoved: shownTemps(swept, show) });
  const reportPath = join(opts.out, 'report.json');
  await writeJsonReport(reportPath, report);
  return { report, reportPath, exitCode: report.status === 'ok' ? 0 : 1 };
}
