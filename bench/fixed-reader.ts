/**
 * Fixed-length reader throughput: `node --import tsx bench/fixed-reader.ts [records] [runs]`.
 * Generates (once, cached in the OS temp dir) a CP932 file of 1,000,000 resident records of the
 * sample layout (120 bytes + CRLF; zoned, packed, date and text fields) and compares, medians of
 * `runs`: reading the bytes, TextDecoder('shift_jis') decoding them, and readFixedFile producing
 * records with every field decoded.
 */
import { createReadStream, existsSync, statSync, openSync, writeSync, closeSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headerRecord, residentRecord, trailerRecord, rng } from '../samples/fixed/generate.ts';
import { loadFixedLayout, readFixedFile } from '../src/readers/fixed/index.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);
const file = join(tmpdir(), `chukan-bench-fixed-${N}.dat`);
const layoutPath = fileURLToPath(new URL('../samples/fixed/resident.layout.yaml', import.meta.url));

function generate(): void {
  const fd = openSync(file + '.tmp', 'w');
  const r = rng(7);
  writeSync(fd, headerRecord('20240401'));
  let total = 0n;
  let buf: Buffer[] = [];
  for (let i = 1; i <= N; i++) {
    const { bytes, tax } = residentRecord(i, r);
    total += tax;
    buf.push(bytes);
    if (buf.length === 10_000) { writeSync(fd, Buffer.concat(buf)); buf = []; }
  }
  if (buf.length) writeSync(fd, Buffer.concat(buf));
  writeSync(fd, trailerRecord(N, total));
  closeSync(fd);
  // Renamed only when complete, so an interrupted run never leaves a half file under the final name.
  renameSync(file + '.tmp', file);
}

async function readOnly(): Promise<number> {
  let n = 0;
  for await (const c of createReadStream(file, { highWaterMark: 1 << 20 })) n += (c as Buffer).length;
  return n;
}

async function textDecoder(): Promise<number> {
  const d = new TextDecoder('shift_jis');
  let n = 0;
  for await (const c of createReadStream(file, { highWaterMark: 1 << 20 })) n += d.decode(c as Buffer, { stream: true }).length;
  return n + d.decode().length;
}

async function fixedReader(): Promise<{ records: number; findings: number }> {
  const { compiled } = loadFixedLayout(layoutPath);
  let records = 0;
  let findings = 0;
  for await (const b of readFixedFile(file, compiled)) {
    records += b.records.length;
    for (const r of b.records) if (r.findings) findings += r.findings.length;
    findings += b.findings.length;
  }
  return { records, findings };
}

/** Wall and CPU seconds: on a shared machine CPU time is the steadier figure. */
async function time<T>(fn: () => Promise<T>): Promise<{ s: number; cpu: number; v: T }> {
  const t = process.hrtime.bigint();
  const c = process.cpuUsage();
  const v = await fn();
  const d = process.cpuUsage(c);
  return { s: Number(process.hrtime.bigint() - t) / 1e9, cpu: (d.user + d.system) / 1e6, v };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(file)) {
    const g = await time(async () => generate());
    process.stderr.write(`generated ${file} in ${g.s.toFixed(1)} s\n`);
  }
  const bytes = statSync(file).size;
  const MB = bytes / 1e6;
  const records = N + 2;
  console.log(`file: ${file}, ${records.toLocaleString('en')} records, ${MB.toFixed(1)} MB (CP932), node ${process.version}, median of ${RUNS}`);
  const rows: [string, number, number, string][] = [];
  for (const [name, fn] of [['read bytes (1 MiB chunks)', readOnly], ["TextDecoder('shift_jis') streaming", textDecoder], ['readFixedFile (all fields decoded)', fixedReader]] as const) {
    const times: number[] = [];
    const cpus: number[] = [];
    let last: unknown;
    for (let i = 0; i < RUNS; i++) { const r = await time(fn as () => Promise<unknown>); times.push(r.s); cpus.push(r.cpu); last = r.v; }
    rows.push([name, median(times), median(cpus), JSON.stringify(last)]);
  }
  console.log('| what | wall s | CPU s | records/s (wall) | MB/s (wall) | records/s (CPU) | MB/s (CPU) | result |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const [name, s, cpu, v] of rows) {
    const f = (x: number) => Math.round(x).toLocaleString('en');
    console.log(`| ${name} | ${s.toFixed(2)} | ${cpu.toFixed(2)} | ${f(records / s)} | ${(MB / s).toFixed(0)} | ${f(records / cpu)} | ${(MB / cpu).toFixed(0)} | ${v} |`);
  }
  console.log(`peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB (process, after all runs)`);
}

await main();
