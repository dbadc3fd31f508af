/**
 * The high-volume benchmark: `npm run bench -- [--quick | --full | --records N] [options]`.
 *
 * In one run and one process tree, for each size: the floor (read the bytes; TextDecoder decode,
 * streaming), `chukan convert` and `chukan validate` through the real CLI as child processes, and
 * DuckDB's CSV→CSV copy of the UTF-8 copy of the file. Every step is a child process measured from
 * outside (wall time, CPU, peak RSS). Prints a table and writes bench/results/<timestamp>.json and
 * bench/results/latest.json. Ratios are against the floor measured in the same run, because the
 * machine is shared and its speed moves with the load (the load average is recorded).
 *
 *   --quick            100k records (default), 1 run per step
 *   --full             1M and 10M records
 *   --records N[,M]    sizes of your choice
 *   --runs R           runs per step, median reported (default 1; --full: 1)
 *   --data DIR         where generated data is kept and reused (default $TMPDIR/chukan-bench)
 *   --results DIR      where results go (default bench/results)
 *   --threads N        convert's --threads (default: chukan's own choice)
 *   --no-duckdb        skip DuckDB
 *   --no-single        skip the single-threaded convert step
 *   --keep-outputs     keep the steps' output directories
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateBenchData, MAPPING_FILE, STANDARD_FILE, UTF8_FILE, VENDOR_FILE, type GeneratedFiles } from './generate.ts';
import { hasGnuTime, measure, type Measured } from './measure.ts';
import { entrySource } from '../lib/load.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GENERATOR_VERSION = 3;

export interface StepResult {
  step: string;
  what: string;
  records: number;
  bytes: number;
  seconds: number;
  runs: number[];
  recordsPerSecond: number;
  mbPerSecond: number;
  cpuSeconds?: number;
  peakRssMB: number;
  rssMethod: string;
  xDecode?: number;
  xDuckdb?: number;
  exitCode: number;
  detail?: unknown;
}

export interface SizeResult {
  records: number;
  vendorBytes: number;
  utf8Bytes?: number;
  standardBytes?: number;
  generated: GeneratedFiles['counts'];
  steps: StepResult[];
  targets: { name: string; target: string; measured: string; met: boolean }[];
}

export interface BenchResult {
  tool: 'chukan-bench';
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryMB: number; loadavgStart: number[]; loadavgEnd: number[]; platform: string };
  versions: { node: string; chukan: string; duckdb?: string; git?: string; loadedFrom?: 'dist' | 'src' };
  options: Record<string, unknown>;
  sizes: SizeResult[];
}

export interface RunBenchOptions {
  sizes: number[];
  runs?: number;
  dataDir?: string;
  resultsDir?: string;
  threads?: number;
  duckdb?: boolean;
  single?: boolean;
  keepOutputs?: boolean;
  log?: (line: string) => void;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const MB = 1e6;

async function ensureData(dataDir: string, records: number): Promise<GeneratedFiles> {
  const dir = join(dataDir, String(records));
  const metaPath = join(dir, 'generated.json');
  if (existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { version: number; files: GeneratedFiles };
    if (meta.version === GENERATOR_VERSION && existsSync(meta.files.vendor)) return meta.files;
  }
  rmSync(dir, { recursive: true, force: true });
  const files = await generateBenchData({ records, out: dir });
  writeFileSync(metaPath, JSON.stringify({ version: GENERATOR_VERSION, files }, null, 2));
  return files;
}

function duckdbAvailable(): boolean {
  try {
    execFileSync(process.execPath, ['-e', "import('@duckdb/node-api').then(()=>process.exit(0),()=>process.exit(1))"], { cwd: ROOT, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function gitRev(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export async function runBench(o: RunBenchOptions): Promise<{ result: BenchResult; path: string }> {
  const log = o.log ?? ((l: string) => process.stdout.write(l + '\n'));
  const runs = Math.max(1, o.runs ?? 1);
  const dataDir = o.dataDir ?? join(tmpdir(), 'chukan-bench');
  const resultsDir = o.resultsDir ?? join(ROOT, 'bench', 'results');
  const withDuckdb = (o.duckdb ?? true) && duckdbAvailable();
  if ((o.duckdb ?? true) && !withDuckdb) log('DuckDB: @duckdb/node-api not installed — its rows are skipped');
  if (!hasGnuTime()) log('note: /usr/bin/time not found; peak RSS is polled from /proc/<pid>/status (VmHWM)');
  const started = new Date();
  const loadStart = loadavg();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const result: BenchResult = {
    tool: 'chukan-bench',
    startedAt: started.toISOString(),
    finishedAt: '',
    machine: {
      cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryMB: Math.round(totalmem() / 2 ** 20),
      loadavgStart: loadStart.map((x) => Math.round(x * 100) / 100), loadavgEnd: [], platform: `${process.platform} ${process.arch}`,
    },
    versions: { node: process.version, chukan: pkg.version, git: gitRev(), loadedFrom: entrySource() },
    options: { sizes: o.sizes, runs, threads: o.threads ?? 'default', duckdb: withDuckdb, gnuTime: hasGnuTime() },
    sizes: [],
  };

  for (const records of o.sizes) {
    log(`\n== ${records.toLocaleString('en')} records: generating (reused when present) …`);
    const g = await ensureData(dataDir, records);
    const dir = dirname(g.vendor);
    const work = join(dir, 'work');
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const size: SizeResult = {
      records, vendorBytes: g.vendorBytes, utf8Bytes: g.utf8Bytes, standardBytes: g.standardBytes, generated: g.counts, steps: [], targets: [],
    };
    const step = async (name: string, what: string, bytes: number, nrec: number, cmd: string, args: string[], check?: (m: Measured) => unknown): Promise<StepResult> => {
      const times: number[] = [];
      let last: Measured | undefined;
      let peak = 0;
      let cpu: number[] = [];
      let detail: unknown;
      for (let r = 0; r < runs; r++) {
        const m = await measure(cmd, args, { cwd: ROOT, logDir: work, name: `${name}.${r}` });
        if (m.exitCode > 1) throw new Error(`bench step ${name} failed (exit ${m.exitCode}): ${m.stderr.slice(0, 2000)}`);
        times.push(m.seconds);
        peak = Math.max(peak, m.peakRssBytes);
        if (m.userSeconds !== undefined) cpu.push(m.userSeconds + (m.systemSeconds ?? 0));
        detail = check?.(m);
        last = m;
      }
      const seconds = median(times);
      const s: StepResult = {
        step: name, what, records: nrec, bytes, seconds: round(seconds, 3), runs: times.map((t) => round(t, 3)),
        recordsPerSecond: Math.round(nrec / seconds), mbPerSecond: round(bytes / MB / seconds, 1),
        peakRssMB: round(peak / 2 ** 20, 1), rssMethod: last!.rssMethod, exitCode: last!.exitCode,
      };
      if (cpu.length) s.cpuSeconds = round(median(cpu), 2);
      if (detail !== undefined) s.detail = detail;
      size.steps.push(s);
      log(`  ${name.padEnd(18)} ${s.seconds.toFixed(2).padStart(8)} s  ${fmtRate(s.recordsPerSecond).padStart(7)} rec/s  ${String(s.peakRssMB).padStart(6)} MB`);
      return s;
    };
    const node = process.execPath;
    const cli = join(ROOT, 'bin', 'chukan.js');
    const readStep = await step('read', 'fs.createReadStream 1 MiB (CP932 file)', g.vendorBytes, records, node, [join(ROOT, 'bench', 'floor.mjs'), 'read', g.vendor]);
    const decode = await step('decode', "TextDecoder('shift_jis') streaming (CP932 file)", g.vendorBytes, records, node, [join(ROOT, 'bench', 'floor.mjs'), 'decode', g.vendor, 'shift_jis']);
    void readStep;
    const convertArgs = (out: string, threads?: number) => [
      cli, 'convert', '--mapping', join(dir, MAPPING_FILE), '--in', join(dir, VENDOR_FILE), '--out', out, '--quiet',
      ...(threads !== undefined ? ['--threads', String(threads)] : []),
    ];
    const convertCheck = (out: string) => () => {
      const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { totals: Record<string, number>; files: { reconciled: boolean }[] };
      if (rep.totals.read !== records) throw new Error(`convert read ${rep.totals.read} records, expected ${records}`);
      if (!rep.files.every((f) => f.reconciled)) throw new Error('convert report does not reconcile');
      return { totals: rep.totals };
    };
    let single: StepResult | undefined;
    if (o.single ?? true) {
      const out1 = join(work, 'convert-1');
      single = await step('convert-1thread', 'chukan convert --threads 1 (CLI, CP932 → UTF-8)', g.vendorBytes, records, node, convertArgs(out1, 1), convertCheck(out1));
    }
    const outN = join(work, 'convert');
    const conv = await step('convert', `chukan convert${o.threads ? ` --threads ${o.threads}` : ''} (CLI, CP932 → UTF-8)`, g.vendorBytes, records, node, convertArgs(outN, o.threads), convertCheck(outN));
    const valOut = join(work, 'validate');
    const val = await step('validate', 'chukan validate juki/kojin (CLI, UTF-8 standard file)', g.standardBytes ?? 0, g.standardRecords, node,
      [cli, 'validate', '--layout', 'juki/kojin', join(dir, STANDARD_FILE), '--out', valOut], () => {
        const rep = JSON.parse(readFileSync(join(valOut, 'report.json'), 'utf8')) as { totals: Record<string, number> };
        if (rep.totals.read !== g.standardRecords) throw new Error(`validate read ${rep.totals.read}, expected ${g.standardRecords}`);
        return { totals: rep.totals };
      });
    let duck: StepResult | undefined;
    if (withDuckdb && g.utf8) {
      duck = await step('duckdb', `DuckDB COPY CSV→CSV, UTF-8 copy, ${cpus().length} threads`, g.utf8Bytes ?? 0, records, node,
        [join(ROOT, 'bench', 'duckdb-copy.mjs'), join(dir, UTF8_FILE), join(work, 'duckdb.csv'), String(cpus().length)], (m) => {
          const j = JSON.parse(m.stdout.trim().split('\n').pop()!) as { rows: number; version: string };
          result.versions.duckdb = j.version;
          return j;
        });
    } else if (!withDuckdb) {
      log('  duckdb             skipped (@duckdb/node-api not installed)');
    }
    for (const s of size.steps) {
      if (s.step === 'read' || s.step === 'decode') continue;
      s.xDecode = round(s.seconds / decode.seconds, 2);
      if (duck && s !== duck) s.xDuckdb = round(s.seconds / duck.seconds, 2);
    }
    size.targets.push(
      { name: 'convert records/s', target: '≥ 250k', measured: fmtRate(conv.recordsPerSecond), met: conv.recordsPerSecond >= 250_000 },
      { name: 'convert time vs DuckDB', target: '≤ 1.0×', measured: duck ? `${conv.xDuckdb}×` : 'n/a', met: duck ? (conv.xDuckdb ?? 99) <= 1 : false },
      { name: 'validate records/s', target: '≥ 300k', measured: fmtRate(val.recordsPerSecond), met: val.recordsPerSecond >= 300_000 },
      { name: 'convert time vs decode-only', target: '≤ 2.5×', measured: `${conv.xDecode}×`, met: (conv.xDecode ?? 99) <= 2.5 },
      { name: 'convert peak RSS', target: '≤ 200 MB', measured: `${conv.peakRssMB} MB`, met: conv.peakRssMB <= 200 },
      { name: 'validate peak RSS', target: '≤ 200 MB', measured: `${val.peakRssMB} MB`, met: val.peakRssMB <= 200 },
    );
    void single;
    result.sizes.push(size);
    if (!o.keepOutputs) rmSync(work, { recursive: true, force: true });
  }
  result.machine.loadavgEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  result.finishedAt = new Date().toISOString();
  if (result.sizes.length >= 2) {
    const a = result.sizes[0].steps.find((s) => s.step === 'convert')!;
    const b = result.sizes[result.sizes.length - 1].steps.find((s) => s.step === 'convert')!;
    result.sizes[result.sizes.length - 1].targets.push({
      name: `convert records/s at ${fmtRate(b.records)} vs ${fmtRate(a.records)}`, target: '≈ same (≥ 0.85×)',
      measured: `${round(b.recordsPerSecond / a.recordsPerSecond, 2)}×`, met: b.recordsPerSecond >= 0.85 * a.recordsPerSecond,
    });
  }
  mkdirSync(resultsDir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const path = join(resultsDir, `${stamp}.json`);
  const text = JSON.stringify(result, null, 2) + '\n';
  writeFileSync(path, text);
  writeFileSync(join(resultsDir, 'latest.json'), text);
  log('\n' + formatTable(result));
  log(`\nresults: ${path}`);
  return { result, path };
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

export function fmtRate(n: number): string {
  if (n >= 1e6) return `${round(n / 1e6, 2)} M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} k`;
  return String(n);
}

/** The Markdown table docs/PERFORMANCE.md and the README carry. */
export function formatTable(r: BenchResult): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(`Machine: ${m.cpus} × ${m.cpuModel}, ${Math.round(m.memoryMB / 1024)} GB; load average ${m.loadavgStart.join(' ')} at start, ${m.loadavgEnd.join(' ')} at end. ` +
    `Node ${r.versions.node}, chukan ${r.versions.chukan}${r.versions.git ? ` (${r.versions.git})` : ''}${r.versions.loadedFrom ? ` from ${r.versions.loadedFrom === 'dist' ? 'the dist/ build' : 'the TypeScript sources (tsx)'}` : ''}${r.versions.duckdb ? `, DuckDB ${r.versions.duckdb}` : ''}. ` +
    `Peak RSS from ${r.options.gnuTime ? '`/usr/bin/time -v`' : '/proc VmHWM polling'}.`);
  for (const s of r.sizes) {
    lines.push('');
    lines.push(`**${s.records.toLocaleString('en')} records** — CP932 file ${round(s.vendorBytes / MB, 1)} MB` +
      (s.utf8Bytes ? `, UTF-8 copy ${round(s.utf8Bytes / MB, 1)} MB` : '') + (s.standardBytes ? `, standard file ${round(s.standardBytes / MB, 1)} MB` : ''));
    lines.push('');
    // On a shared machine wall time moves with the load; CPU seconds (user + system, all threads) much less.
    const dec = s.steps.find((x) => x.step === 'decode');
    const duck = s.steps.find((x) => x.step === 'duckdb');
    const cpuX = (x: StepResult, base: StepResult | undefined) => (x !== base && base?.cpuSeconds && x.cpuSeconds ? `${round(x.cpuSeconds / base.cpuSeconds, 1)}×` : '');
    lines.push('| step | seconds | records/s | MB/s | peak RSS | × decode | × DuckDB | CPU s | CPU × decode | CPU × DuckDB |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const x of s.steps) {
      lines.push(`| ${x.what} | ${x.seconds.toFixed(2)} | ${fmtRate(x.recordsPerSecond)} | ${x.mbPerSecond} | ${x.peakRssMB} MB | ${x.xDecode !== undefined ? x.xDecode + '×' : ''} | ${x.xDuckdb !== undefined ? x.xDuckdb + '×' : ''} | ${x.cpuSeconds ?? ''} | ${x.step === 'read' ? '' : cpuX(x, dec)} | ${x.step === 'read' || x.step === 'decode' ? '' : cpuX(x, duck)} |`);
    }
    lines.push('');
    lines.push('| target | wanted | measured | met |');
    lines.push('|---|---|---|---|');
    for (const t of s.targets) lines.push(`| ${t.name} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      full: { type: 'boolean' },
      records: { type: 'string' },
      runs: { type: 'string' },
      data: { type: 'string' },
      results: { type: 'string' },
      threads: { type: 'string' },
      'no-duckdb': { type: 'boolean' },
      'no-single': { type: 'boolean' },
      'keep-outputs': { type: 'boolean' },
    },
  });
  const sizes = values.records ? values.records.split(',').map(Number) : values.full ? [1_000_000, 10_000_000] : [100_000];
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--records takes whole numbers ≥ 1');
  await runBench({
    sizes,
    runs: values.runs ? Number(values.runs) : 1,
    dataDir: values.data,
    resultsDir: values.results,
    threads: values.threads ? Number(values.threads) : undefined,
    duckdb: !values['no-duckdb'],
    single: !values['no-single'],
    keepOutputs: values['keep-outputs'],
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(2);
  });
}
