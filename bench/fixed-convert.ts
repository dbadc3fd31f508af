/**
 * The fixed-length path through the real CLI, next to the CSV path, in one run:
 *   node --import tsx bench/fixed-convert.ts [--records 1000000] [--runs 1] [--no-csv] [--cpu-prof DIR]
 *
 * Generates (once, reused) vendor M's mainframe 住登外者 export of N records (CP932, 220-byte
 * records, header/data/trailer; samples/fixed-jutogai/generate.ts) and measures, each as a child
 * process measured from outside (bench/measure.ts: wall, CPU, peak RSS from /usr/bin/time -v):
 *   fixed:decode   TextDecoder('shift_jis') streaming over the same bytes (the floor)
 *   fixed:convert  chukan convert --threads 1 with mappings/fixed/jutogai-kojin.yaml → jutogai/kojin
 * and, unless --no-csv, the same two steps over the CSV benchmark file of the same record count
 * (bench/generate.ts; reused from $TMPDIR/chukan-bench/N when `npm run bench` made it).
 * Fixed inputs are never split over threads, so both converts run with --threads 1.
 * Writes bench/results/fixed-latest.json.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeJutogaiFile } from '../samples/fixed-jutogai/generate.ts';
import { generateBenchData, type GeneratedFiles } from './generate.ts';
import { measure } from './measure.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXED_VERSION = 1;
const MB = 1e6;

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '1' },
    'no-csv': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    data: { type: 'string' },
  },
});
const records = Number(values.records);
const runs = Math.max(1, Number(values.runs));
const dataDir = values.data ?? join(tmpdir(), 'chukan-bench-fixed');

function fixedFile(): { path: string; bytes: number } {
  const dir = join(dataDir, String(records));
  const path = join(dir, 'JUTOGAI.dat');
  const meta = join(dir, 'generated.json');
  if (existsSync(meta) && existsSync(path) && JSON.parse(readFileSync(meta, 'utf8')).version === FIXED_VERSION) return { path, bytes: statSync(path).size };
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const bytes = writeJutogaiFile(path, { records });
  writeFileSync(meta, JSON.stringify({ version: FIXED_VERSION, records, bytes, seconds: (performance.now() - t0) / 1000 }));
  return { path, bytes };
}

async function csvFiles(): Promise<GeneratedFiles> {
  for (const dir of [join(tmpdir(), 'chukan-bench', String(records)), join(dataDir, `csv-${records}`)]) {
    const meta = join(dir, 'generated.json');
    if (existsSync(meta)) {
      const files = (JSON.parse(readFileSync(meta, 'utf8')) as { files: GeneratedFiles }).files;
      if (existsSync(files.vendor) && existsSync(files.mapping)) return files;
    }
  }
  const dir = join(dataDir, `csv-${records}`);
  const files = await generateBenchData({ records, out: dir, utf8Copy: false, standard: false });
  writeFileSync(join(dir, 'generated.json'), JSON.stringify({ files }));
  return files;
}

interface Row { step: string; bytes: number; seconds: number; cpu?: number; rssMB: number; rps: number; mbps: number; cpuRps?: number; detail?: unknown }
const rows: Row[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const work = join(dataDir, 'work');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

async function step(name: string, bytes: number, args: string[], check?: () => unknown): Promise<Row> {
  const t: number[] = [];
  const c: number[] = [];
  let rss = 0;
  let detail: unknown;
  for (let r = 0; r < runs; r++) {
    const m = await measure(process.execPath, args, { cwd: ROOT, logDir: work, name: `${name.replace(':', '-')}.${r}` });
    if (m.exitCode > 1) throw new Error(`${name} failed (exit ${m.exitCode}): ${m.stderr.slice(0, 2000)}`);
    t.push(m.seconds);
    if (m.userSeconds !== undefined) c.push(m.userSeconds + (m.systemSeconds ?? 0));
    rss = Math.max(rss, m.peakRssBytes);
    detail = check?.();
  }
  const seconds = median(t);
  const cpu = c.length ? median(c) : undefined;
  const row: Row = {
    step: name, bytes, seconds: +seconds.toFixed(2), cpu: cpu === undefined ? undefined : +cpu.toFixed(2), rssMB: Math.round(rss / 2 ** 20),
    rps: Math.round(records / seconds), mbps: +(bytes / MB / seconds).toFixed(1), cpuRps: cpu ? Math.round(records / cpu) : undefined, detail,
  };
  rows.push(row);
  process.stdout.write(`  ${name.padEnd(14)} ${row.seconds.toFixed(2).padStart(7)} s wall  ${String(row.cpu ?? '-').padStart(6)} s CPU  ${String(row.rssMB).padStart(5)} MB\n`);
  return row;
}

function reportCheck(out: string, expectRead: number) {
  return () => {
    const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { totals: Record<string, number>; files: { reconciled: boolean; findings: Record<string, number> }[] };
    if (rep.totals.read !== expectRead) throw new Error(`convert read ${rep.totals.read} records, expected ${expectRead}`);
    if (!rep.files.every((f) => f.reconciled)) throw new Error('convert report does not reconcile');
    return { totals: rep.totals, findings: rep.files[0]!.findings };
  };
}

const load0 = loadavg();
process.stdout.write(`fixed-length vs CSV convert, ${records.toLocaleString('en')} records, ${cpus().length} CPUs, load ${load0.map((x) => x.toFixed(2)).join(' ')}\n`);
const fixed = fixedFile();
process.stdout.write(`fixed: ${fixed.path} (${(fixed.bytes / MB).toFixed(0)} MB)\n`);
const cli = join(ROOT, 'bin', 'chukan.js');
const prof = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', resolve(values['cpu-prof'])] : [];
const fDecode = await step('fixed:decode', fixed.bytes, [join(ROOT, 'bench', 'floor.mjs'), 'decode', fixed.path, 'shift_jis']);
const fOut = join(work, 'fixed-out');
const fConv = await step('fixed:convert', fixed.bytes,
  [...prof, cli, 'convert', '--mapping', join(ROOT, 'mappings/fixed/jutogai-kojin.yaml'), '--in', fixed.path, '--out', fOut, '--quiet', '--threads', '1'],
  reportCheck(fOut, records));
let cDecode: Row | undefined;
let cConv: Row | undefined;
if (!values['no-csv']) {
  const csv = await csvFiles();
  process.stdout.write(`csv: ${csv.vendor} (${(csv.vendorBytes / MB).toFixed(0)} MB)\n`);
  cDecode = await step('csv:decode', csv.vendorBytes, [join(ROOT, 'bench', 'floor.mjs'), 'decode', csv.vendor, 'shift_jis']);
  const cOut = join(work, 'csv-out');
  cConv = await step('csv:convert', csv.vendorBytes,
    [cli, 'convert', '--mapping', csv.mapping, '--in', csv.vendor, '--out', cOut, '--quiet', '--threads', '1'], reportCheck(cOut, records));
}
const load1 = loadavg();

const ratio = (a: Row, b: Row) => (a.cpu && b.cpu ? a.cpu / b.cpu : a.seconds / b.seconds);
const lines = [
  '',
  '| step | MB | wall s | CPU s | records/s (wall) | records/s (CPU) | MB/s (wall) | × decode (CPU) | peak RSS MB |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...[[fDecode, fDecode], [fConv, fDecode], ...(cDecode && cConv ? [[cDecode, cDecode], [cConv, cDecode]] : [])].map(([r, floor]) =>
    `| ${r!.step} | ${(r!.bytes / MB).toFixed(0)} | ${r!.seconds.toFixed(2)} | ${r!.cpu ?? '-'} | ${r!.rps.toLocaleString('en')} | ${r!.cpuRps?.toLocaleString('en') ?? '-'} | ${r!.mbps} | ${ratio(r!, floor!).toFixed(1)} | ${r!.rssMB} |`),
  '',
  `load average ${load0.map((x) => x.toFixed(2)).join(' ')} → ${load1.map((x) => x.toFixed(2)).join(' ')}`,
];
process.stdout.write(lines.join('\n') + '\n');
const resultsDir = join(ROOT, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'fixed-latest.json'), JSON.stringify({
  tool: 'chukan-bench-fixed', at: new Date().toISOString(), records, runs, cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version,
  loadavgStart: load0, loadavgEnd: load1, rows,
}, null, 2));
