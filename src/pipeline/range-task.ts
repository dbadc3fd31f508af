/**
 * One record-aligned byte range of one file, run through the same `runFile` the single-threaded
 * path uses: `runTask` posts back, per batch, the encoded output bytes, the rejects bytes and the
 * findings, in order. The main thread (parallel-file.ts) writes them in range order, so the result
 * is byte-identical to reading the file whole. It runs in a range worker (worker-range.ts) or on
 * the main thread itself, which takes ranges too instead of idling.
 *
 * A range that does not start at byte 0 is read by a fresh reader; its record numbers, lines and
 * byte offsets are shifted by the range start the whole-file boundary scan found (byte-ranges.ts)
 * before any stage sees them, so every location, reject row and finding is the absolute one.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Finding, Location } from '../core/finding.ts';
import { getCharset } from '../encoding/index.ts';
import { compileLayout, loadLayout } from '../layouts/index.ts';
import { compileMapping, loadMapping } from '../mapping/index.ts';
import { createCsvReader, type CsvReader } from '../readers/csv-reader.ts';
import { pushInBatches } from '../readers/csv-file.ts';
import type { ReadBatch } from '../readers/record.ts';
import { lineStartAtOrAfter, type RangeStart } from './byte-ranges.ts';
import { runFile } from './file-run.ts';
import { BlockPool, BlockSink } from './output-blocks.ts';
import { cleanseStagesFor } from './cleanse-for-mapping.ts';
import type { CleanseStages } from './stages/cleanse-config.ts';
import type { FileStats } from './file-stats.ts';

export interface RangeTask {
  id: number;
  path: string;
  /** Name for locations (as the user named the file). */
  file: string;
  /** Name the reader puts in its own findings' locations (convert's reader uses the path as given). */
  readerFile: string;
  start: RangeStart;
  /** Exclusive end offset. */
  end: number;
  csv: { charset: string; delimiter?: string; quote?: string; columns: 'first' | number | undefined };
  /** The range starts at byte 0 and the file has a header row. */
  header: boolean;
  /** Source header fields, for the mapper of ranges that do not hold the header row. */
  headerFields?: string[];
  job: { kind: 'convert'; mappingPath: string; schemasDir?: string } | { kind: 'validate'; layout: string; schemasDir?: string };
  output?: { charset: string; header?: string[]; newline: '\r\n' | '\n' };
  rejects: boolean;
  rejectsHeader: boolean;
  /** Batch size (default BATCH_BYTES of csv-file.ts; reads are RANGE_READ_BYTES). */
  chunkBytes?: number;
  /**
   * A guessed range of a whole-file split (parallel-file.ts): `start.offset` (when `startIsCut`)
   * and `end` (when `endIsCut`) are cuts, each moved to the next line start (lineStartAtOrAfter);
   * record numbers and lines count from the range start (`start` is then 0 records, line 1) and
   * the main thread makes them absolute. A record left open at the range end is not read: `done`
   * says where it starts, and the next range must start there.
   */
  guess?: { startIsCut: boolean; endIsCut: boolean; size: number };
}

/** What a guessed range turned out to be: its real bounds, its physical records, and the line its successor starts on. */
export interface RangeOutcome {
  start: number;
  /** Where the next range must start: the end of the last record read (the open record's start, if one was left). */
  end: number;
  records: number;
  /** Line (relative, 1-based) at `end`. */
  nextLine: number;
}

/** Main thread → range worker: output blocks the writer is done with, for the worker's pool. */
export interface RecycleMessage {
  recycle: ArrayBuffer[];
}

export type WorkerMessage =
  | { type: 'part'; id: number; out: Uint8Array[]; rejects: Uint8Array[]; rejectCells?: string[][]; findings: Finding[]; read: number; bytes: number; start?: number }
  | { type: 'done'; id: number; stats: FileStats; range?: RangeOutcome }
  | { type: 'error'; id: number; message: string; code?: string; name?: string };

/**
 * Range reads are smaller than a whole-file read (csv-file.ts READ_CHUNK_BYTES, 1 MiB): measured on
 * a 1M-record convert with 2 threads, interleaved, reads of 32 KiB / 128 KiB / 1 MiB (32 KiB
 * batches each): 10.2–10.5 / 9.6–10.4 / 11.6 CPU s and 195–213 / 189–207 / 242–244 MB peak RSS.
 */
const RANGE_READ_BYTES = 128 << 10;

/**
 * The reader's batches for bytes [start, end) of the file, located by `fix`; the caller ends or
 * pauses the reader. Reads are synchronous, into the runner's one read buffer: a runner has
 * nothing else to do while its range is read, and a stream's per-chunk promise and thread-pool hop
 * cost more than the read. The buffer can be reused because the reader keeps no view of a chunk
 * once a push returns (CsvScanner.release copies what it holds). Fresh buffers per read (tried in
 * session 4) fragmented malloc: 345 MB peak RSS at 10M records.
 */
async function* pushRange(t: RangeTask, reader: CsvReader, start: number, end: number, fix: (b: ReadBatch) => ReadBatch, buf: Buffer): AsyncGenerator<ReadBatch> {
  if (end <= start) return;
  const fd = openSync(t.path, 'r');
  try {
    for (let at = start; at < end;) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
      if (n === 0) break;
      at += n;
      for (const b of pushInBatches(reader, buf.subarray(0, n), t.chunkBytes)) yield fix(b);
    }
  } finally {
    closeSync(fd);
  }
}

/** Batches of a guessed range [start, end): see RangeTask.guess. Fills `outcome` when done. */
async function* guessedRangeBatches(t: RangeTask, start: number, end: number, outcome: RangeOutcome, buf: Buffer): AsyncGenerator<ReadBatch> {
  const reader = createCsvReader({ file: t.readerFile, charset: getCharset(t.csv.charset), delimiter: t.csv.delimiter, quote: t.csv.quote, columns: t.csv.columns, startChecked: start > 0 });
  const at: RangeStart = { offset: start, recordsBefore: 0, line: 1 };
  const fix = (b: ReadBatch): ReadBatch => {
    if (start !== 0) shiftBatch(b, at);
    return b;
  };
  yield* pushRange(t, reader, start, end, fix, buf);
  const atFileEnd = end >= t.guess!.size;
  const last = atFileEnd ? reader.end() : reader.pause();
  if (last.records.length > 0 || last.findings.length > 0) yield fix(last);
  const open = atFileEnd ? undefined : reader.openRecord;
  outcome.start = start;
  outcome.end = open ? start + open.start : end;
  outcome.records = reader.counters.records;
  outcome.nextLine = open ? open.line : reader.line;
}

async function* rangeBatches(t: RangeTask, buf: Buffer): AsyncGenerator<ReadBatch> {
  const reader = createCsvReader({ file: t.readerFile, charset: getCharset(t.csv.charset), delimiter: t.csv.delimiter, quote: t.csv.quote, columns: t.csv.columns });
  const shift = t.start.offset !== 0 || t.start.recordsBefore !== 0 || t.start.line !== 1;
  const fix = (b: ReadBatch): ReadBatch => {
    if (shift) shiftBatch(b, t.start);
    return b;
  };
  yield* pushRange(t, reader, t.start.offset, t.end, fix, buf);
  const last = reader.end();
  if (last.records.length > 0 || last.findings.length > 0) yield fix(last);
}

async function* withTurns(batches: AsyncIterable<ReadBatch>): AsyncGenerator<ReadBatch> {
  for await (const b of batches) {
    yield b;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Moves a finding's location by records, lines and bytes; `moved` holds the ones already moved (findings may share one). */
export function shiftLocation(loc: Location, moved: Set<Location>, records: number, lines: number, bytes = 0): void {
  if (moved.has(loc)) return;
  moved.add(loc);
  if (loc.record !== undefined) loc.record += records;
  if (loc.line !== undefined) loc.line += lines;
  if (loc.offset !== undefined) loc.offset += bytes;
}

/** Makes a range reader's locations absolute. Location objects may be shared between findings: each is moved once. */
export function shiftBatch(b: ReadBatch, s: RangeStart): void {
  const dr = s.recordsBefore;
  const dl = s.line - 1;
  const db = s.offset;
  const moved = new Set<Location>();
  const fix = (loc: Location) => shiftLocation(loc, moved, dr, dl, db);
  for (const r of b.records) {
    r.record += dr;
    r.line += dl;
    r.offset += db;
    if (r.findings) for (const f of r.findings) fix(f.location);
  }
  for (const f of b.findings) fix(f.location);
}

/**
 * What the ranges of one split run share: the loaded mapping and compiled layout, and the compiled
 * mapper. Every range of a file has the same header, and a fresh compile per range (2 MiB) would
 * start each range with a cold generated `apply` that V8 must learn and optimise again; `apply`
 * keeps no state between records, so ranges share it. One cache per runner and run — never per
 * process: on the main thread a later run must see a mapping edited in between. (Compiled layouts
 * are also cached per process by compileLayout itself, for every path alike.)
 */
export interface TaskCache {
  mappings: Map<string, Promise<{ mapping: Awaited<ReturnType<typeof loadMapping>>; layout: ReturnType<typeof compileLayout> }>>;
  layouts: Map<string, ReturnType<typeof compileLayout>>;
  mappers: Map<string, ReturnType<typeof compileMapping>>;
  /** The read buffer of the runner this cache belongs to; a runner runs one task at a time. */
  readBuffer: Buffer;
  /** The runner's output blocks: parts carry them to the writer, which gives them back (output-blocks.ts). */
  blocks: BlockPool;
}

export function newTaskCache(): TaskCache {
  return { mappings: new Map(), layouts: new Map(), mappers: new Map(), readBuffer: Buffer.allocUnsafeSlow(RANGE_READ_BYTES), blocks: new BlockPool() };
}

/** The value cached under `key`, made once. */
function memo<V>(map: Map<string, V>, key: string, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** A convert job's cache key: the mapping and the schemas its layout is loaded from. */
function convertKey(path: string, schemasDir: string | undefined): string {
  return `${schemasDir ?? ''}\0${path}`;
}

/** The mapper depends on the layout's fields as well as the mapping and header: keyed by the whole job. */
function cachedMapper(cache: TaskCache, jobKey: string, header: string[] | undefined, compile: () => ReturnType<typeof compileMapping>) {
  return memo(cache.mappers, `${jobKey}\0${JSON.stringify(header ?? null)}`, compile);
}

function convertJob(cache: TaskCache, path: string, schemasDir: string | undefined) {
  return memo(cache.mappings, convertKey(path, schemasDir), () =>
    loadMapping(path).then((mapping) => ({ mapping, layout: compileLayout(loadLayout(mapping.layout, { schemasDir })) })));
}

function layoutJob(cache: TaskCache, id: string, schemasDir: string | undefined) {
  return memo(cache.layouts, `${schemasDir ?? ''}\0${id}`, () => compileLayout(loadLayout(id, { schemasDir })));
}

/** The 'error' message for a task that threw: message, code and name survive the thread hop. */
export function errorMessage(id: number, err: unknown): WorkerMessage {
  const e = err as Error & { code?: string };
  return { type: 'error', id, message: e?.message ?? String(err), code: e?.code, name: e?.name };
}

export interface InThreadOptions {
  /** Stops the run at the next batch (when the split run fails or is interrupted). */
  signal?: AbortSignal;
  /**
   * Gives the event loop a turn after every batch. On the main thread, which also writes every
   * runner's output, a range converted in one go would hold back those writes (and the other
   * runner's parts would pile up in memory) for as long as a whole read takes to convert.
   */
  turnPerBatch?: boolean;
}

export async function runTask(t: RangeTask, post: (m: WorkerMessage) => void, cache: TaskCache, inThread: InThreadOptions = {}): Promise<void> {
  const { signal } = inThread;
  const outSink = new BlockSink(cache.blocks);
  let rejects: Uint8Array[] = [];
  let findings: Finding[] = [];
  const flush = (read: number, bytes: number) => {
    const out = outSink.takeParts();
    if (out.length === 0 && rejects.length === 0 && rejectCells.length === 0 && findings.length === 0) return;
    post(t.guess ? { type: 'part', id: t.id, out, rejects, rejectCells, findings, read, bytes, start } : { type: 'part', id: t.id, out, rejects, findings, read, bytes });
    rejects = [];
    rejectCells = [];
    findings = [];
  };
  let rejectCells: string[][] = [];
  const rejectSink = { write: async (b: Uint8Array) => { rejects.push(b); } };
  let batches: AsyncIterable<ReadBatch>;
  let outcome: RangeOutcome | undefined;
  let start: number | undefined;
  if (t.guess) {
    start = t.guess.startIsCut ? lineStartAtOrAfter(t.path, t.guess.size, t.start.offset, cache.readBuffer) : t.start.offset;
    const end = t.guess.endIsCut ? lineStartAtOrAfter(t.path, t.guess.size, t.end, cache.readBuffer) : t.end;
    outcome = { start, end, records: 0, nextLine: 1 };
    batches = guessedRangeBatches(t, start, Math.max(start, end), outcome, cache.readBuffer);
  } else {
    batches = rangeBatches(t, cache.readBuffer);
  }
  let validator;
  let makeMapper;
  let cleanse: CleanseStages | undefined;
  if (t.job.kind === 'convert') {
    const { mappingPath, schemasDir } = t.job;
    const jobKey = convertKey(mappingPath, schemasDir);
    const { mapping, layout } = await convertJob(cache, mappingPath, schemasDir);
    validator = layout;
    const layoutFields = layout.fields.map((f) => f.id);
    makeMapper = (header: string[] | undefined) => {
      const sourceHeader = t.header ? header : t.headerFields;
      return cachedMapper(cache, jobKey, sourceHeader, () => compileMapping(mapping, { layoutFields, sourceHeader }));
    };
    // Only mappings without a cleanse section are split: their one stage is the default 外字 check.
    cleanse = await cleanseStagesFor(mapping, layout, { file: t.file, stateless: true });
  } else {
    validator = layoutJob(cache, t.job.layout, t.job.schemasDir);
  }
  const stats = await runFile({
    file: t.file,
    batches: inThread.turnPerBatch ? withTurns(batches) : batches,
    header: t.header,
    makeMapper,
    validator,
    beforeValidate: cleanse?.beforeValidate,
    output: t.output ? { writer: outSink, charset: getCharset(t.output.charset), header: t.output.header, newline: t.output.newline } : undefined,
    rejects: t.rejects ? rejectSink : undefined,
    rejectsHeader: t.rejectsHeader,
    ...(t.guess ? { reportEmpty: false, ...(t.rejects ? { rejectCells: (cells: string[]) => { rejectCells.push(cells); } } : {}) } : {}),
    onFinding: (f) => { findings.push(f); },
    onProgress: (s) => flush(s.read, s.bytes),
    signal,
  });
  flush(stats.read, stats.bytes);
  post(outcome ? { type: 'done', id: t.id, stats, range: outcome } : { type: 'done', id: t.id, stats });
}
