/**
 * One large CSV file on several cores: record-aligned byte ranges (byte-ranges.ts) run in a pool
 * of worker threads (worker-range.ts), and the main thread writes each range's output, rejects
 * and findings strictly in range order. The result — output bytes, rejects bytes, findings and
 * their order, counts — is the one the single-threaded `runFile` gives (test/pipeline proves it).
 *
 * Memory stays flat: ranges are small (2 MiB by default), a runner finishing ahead of the range
 * being written holds at most its own range's output, and only `threads` ranges are in flight.
 *
 * Workers run the build in dist/ when the CLI runs from it, else the TypeScript sources through tsx
 * (see WORKER_BOOT).
 *
 * Stages with state across records (dedup) cannot be split by range: callers use this path only
 * when no beforeValidate/afterValidate stages are configured.
 */
import { Worker } from 'node:worker_threads';
import type { Finding, Location } from '../core/finding.ts';
import { getCharset } from '../encoding/index.ts';
import { createCsvReader } from '../readers/csv-reader.ts';
import { UsageError } from '../core/errors.ts';
import { createReadStream } from 'node:fs';
import { evenCuts, findRecordStarts, headBytes, plainAt, type ByteRange, type RangeStart } from './byte-ranges.ts';
import { emptyFileFinding, formatRejectCells, rejectsHeaderBytes, runFile, type ByteSink, type FileRunOptions } from './file-run.ts';
import { SNIFF_BYTES } from '../readers/csv-sniff.ts';
import { assertReconciled, newFileStats, type FileStats } from './file-stats.ts';
import { errorMessage, newTaskCache, runTask, shiftLocation, type RangeTask, type RecycleMessage, type WorkerMessage } from './range-task.ts';

/**
 * 2 MiB: a runner that finishes ahead of the range being written holds that range's output until
 * its turn, and the main thread, which converts ranges too, is a little slower than a worker; a
 * smaller range bounds both the held output and the other runner's wait. Measured on a 1M convert,
 * 2 threads, interleaved: 16 MiB ranges up to ~20 MB of output held; 4 MiB 4.95–5.02 s and
 * 198–206 MB peak RSS; 2 MiB 4.83–5.17 s and 174–186 MB (ranges share the compiled mapper, so a
 * range costs little to start).
 */
export const DEFAULT_RANGE_BYTES = 2 << 20;
/** Below this a file is read whole: worker start-up (tsx, module graph, layout compile: ~1.5–2 CPU s each) costs more than it saves (measured: 2 threads slower than 1 on a 31 MB file, 1.9× faster on 311 MB). */
export const MIN_PARALLEL_BYTES = 96 << 20;

export interface SplitRunOptions {
  path: string;
  /** Name for locations. */
  file: string;
  /** Name in the reader's own findings (default `file`): what the single-threaded reader was given. */
  readerFile?: string;
  size: number;
  csv: { charset: string; delimiter?: string; quote?: string; columns: 'first' | undefined };
  /** The file starts with a header row. */
  header: boolean;
  job: RangeTask['job'];
  output?: { writer: ByteSink; charset: string; header?: string[]; newline: '\r\n' | '\n' };
  rejects?: ByteSink;
  /** Threads converting ranges: this one and `threads − 1` workers (see rangeRunners). */
  threads: number;
  rangeBytes?: number;
  /**
   * Only the records whose first byte lies in [from, to) of the file (cuts move to record starts
   * as everywhere here) — one unit's share under `--unit i/n`. Default: the whole file.
   */
  span?: { from: number; to: number };
  onFinding?: (f: Finding) => void;
  onProgress?: (stats: FileStats) => void;
  signal?: AbortSignal;
  /** A guessed range did not start where its predecessor ended and is run again (for tests and logs). */
  onRangeRestart?: (range: number) => void;
}

interface Header {
  fields: string[];
}

/** The first record of the file, read by the real reader (its fields name the source columns). */
async function firstRecord(o: SplitRunOptions): Promise<Header | undefined> {
  const reader = createCsvReader({ file: o.file, charset: getCharset(o.csv.charset), delimiter: o.csv.delimiter, quote: o.csv.quote, columns: o.csv.columns });
  const stream = createReadStream(o.path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      const b = reader.push(chunk as Buffer);
      if (b.findings.length > 0) return undefined;
      if (b.records.length > 0) return b.records[0].findings ? undefined : { fields: b.records[0].fields };
    }
  } finally {
    stream.destroy();
  }
  const b = reader.end();
  if (b.findings.length > 0 || b.records.length === 0 || b.records[0].findings) return undefined;
  return { fields: b.records[0].fields };
}

/** Thrown inside the planner when the file's first bytes forbid splitting (nothing was dispatched yet). */
const REFUSED = Symbol('refused');

/**
 * The ranges of `o.span` (or the whole file), in order, as the boundary scan finds them: range k
 * is dispatched as soon as its end is known, so the scan runs alongside the workers. Throws
 * REFUSED (before yielding anything) when the file cannot be split.
 */
export async function* planRanges(o: SplitRunOptions, header: Header | undefined): AsyncGenerator<ByteRange> {
  if (!header) throw REFUSED;
  const from = o.span?.from ?? 0;
  const to = o.span?.to ?? o.size;
  const inner = evenCuts(from, to, o.rangeBytes ?? DEFAULT_RANGE_BYTES);
  const cuts = [...(from > 0 ? [from] : []), ...inner, ...(to < o.size ? [to] : [])];
  const found: (RangeStart | null)[] = [];
  let done = false;
  let refused = false;
  let scanError: unknown;
  let wake: (() => void) | undefined;
  const scan = findRecordStarts(o.path, { charset: getCharset(o.csv.charset), delimiter: o.csv.delimiter, quote: o.csv.quote }, cuts, (_, s) => {
    found.push(s);
    wake?.();
  }).then((r) => { refused = !r; }, (err: unknown) => { scanError = err; }).finally(() => { done = true; wake?.(); });
  let taken = 0;
  const take = async (): Promise<RangeStart | null> => {
    while (taken >= found.length) {
      if (done) {
        if (scanError) throw scanError;
        if (refused) throw REFUSED;
        return null;
      }
      await new Promise<void>((r) => { wake = r; });
      wake = undefined;
    }
    return found[taken++];
  };
  try {
    let index = 0;
    let cur: RangeStart | null = from > 0 ? await take() : { offset: 0, recordsBefore: 0, line: 1 };
    if (!cur) return;
    if (from > 0 && !plainAt(await headBytes(o.path, cur.offset))) {
      throw new Error(`${o.file}: byte ${cur.offset} cannot start a unit (its first bytes look like a BOM or UTF-16); use fewer units`);
    }
    for (let k = 0; k < inner.length; k++) {
      const s = await take();
      // A cut at or past the span's end, or one that found no new record, is not a range start.
      if (!s || s.offset >= to || s.offset <= cur.offset) continue;
      // The range holding the header row must also hold a data record (else runFile would call the file header-only).
      if (cur.offset === 0 && o.header && s.recordsBefore <= 1) continue;
      // A range start whose first bytes a fresh reader would not read as plain data (a BOM, NULs) is not a cut.
      if (!plainAt(await headBytes(o.path, s.offset))) continue;
      yield { index: index++, start: cur, end: s.offset };
      cur = s;
    }
    const endStart = to < o.size ? await take() : null;
    const end = endStart ? endStart.offset : o.size;
    if (end > cur.offset || cur.offset === 0) yield { index: index++, start: cur, end };
  } finally {
    await scan;
  }
}

/**
 * The ranges of a whole file, cut every `rangeBytes`: each worker moves its cuts to the next line
 * start (lineStartAtOrAfter) and the main thread checks that neighbours meet (runFileSplit). No
 * scan of the file here. Cuts stay past the first SNIFF_BYTES so the first range decides the
 * start-of-file checks on as many bytes as a whole-file read does.
 */
async function* guessedRanges(o: SplitRunOptions, header: Header | undefined): AsyncGenerator<ByteRange> {
  if (!header) throw REFUSED;
  const cuts = [0, ...evenCuts(0, o.size, o.rangeBytes ?? DEFAULT_RANGE_BYTES).filter((c) => c >= SNIFF_BYTES), o.size];
  for (let k = 0; k + 1 < cuts.length; k++) yield { index: k, start: { offset: cuts[k], recordsBefore: 0, line: 1 }, end: cuts[k + 1] };
}

function addStats(into: FileStats, s: FileStats): void {
  into.bytes += s.bytes;
  into.read += s.read;
  into.written += s.written;
  into.rejected += s.rejected;
  into.duplicates += s.duplicates;
  into.pua += s.pua;
  into.headerRead ||= s.headerRead;
  for (const [k, v] of Object.entries(s.findings)) into.findings[k] = (into.findings[k] ?? 0) + v;
}

/** Running from the TypeScript sources (tsx, vitest) or from the build in dist/ (bin/chukan.js picks). */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './worker-range.ts' : './worker-range.js', import.meta.url);
/**
 * A batch's records all live until the batch is written; what survives a scavenge is promoted and
 * costs old-generation GC. With 32 KiB batches (csv-file.ts BATCH_BYTES) little is alive at any
 * time, so a small young generation does: measured on a 1M-record convert, 2 threads, this thread
 * plus one worker, interleaved: 256 KiB batches / 96 MB / 16 MiB ranges 9.4 user CPU s, 353–378 MB
 * peak RSS; 32 KiB / 24 MB / 4 MiB ranges 9.7–10.7 CPU s, 188–204 MB; validate 290 → 146 MB in
 * the same time. (Ranges are 2 MiB since: see DEFAULT_RANGE_BYTES.)
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 24 };
/**
 * From the sources, workers load the TypeScript entry through tsx's ESM loader, registered inside
 * the worker (as bin/chukan.js does for the main thread): `execArgv: ['--import', 'tsx']` is not
 * honoured for worker threads on Node 20. From the build, the worker runs dist/worker-range.js
 * directly: no loader thread, no transform (~1.3 CPU s and ~100 MB less per worker).
 */
const WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((tsx) => { tsx.register(); return import(workerData.url); });
`;

/** Something that runs RangeTasks one at a time and reports each one's messages, in order. */
interface RangeRunner {
  post(t: RangeTask): void;
  /** Gives output blocks back to the pool they came from, once the writer is done with them. */
  recycle(blocks: ArrayBuffer[]): void;
  listen(onMessage: (m: WorkerMessage) => void, onError: (err: Error) => void): void;
  /** Ends the runner; a task still running is abandoned (its messages are no longer wanted). */
  stop(): Promise<void>;
}

function workerRunner(): RangeRunner {
  const w = FROM_SOURCE
    ? new Worker(WORKER_BOOT, { eval: true, workerData: { url: WORKER_URL.href }, resourceLimits: WORKER_LIMITS })
    : new Worker(WORKER_URL, { resourceLimits: WORKER_LIMITS });
  let stopped = false;
  return {
    post: (t) => w.postMessage(t),
    recycle: (blocks) => {
      if (!stopped) w.postMessage({ recycle: blocks } satisfies RecycleMessage, blocks);
    },
    listen: (onMessage, onError) => {
      w.on('message', onMessage);
      w.on('error', onError);
    },
    stop: async () => {
      stopped = true;
      await w.terminate();
    },
  };
}

/**
 * The main thread as one of the runners. It would otherwise only write the runners' output and
 * idle most of the time, and every worker is a whole V8 isolate with its own heap: running ranges
 * here as well saves one (measured in docs/PERFORMANCE.md). It gives the event loop a turn after
 * every batch, so the writes wait at most one batch.
 */
function inThreadRunner(): RangeRunner {
  let onMessage: ((m: WorkerMessage) => void) | undefined;
  let running: Promise<void> = Promise.resolve();
  const stopped = new AbortController();
  const cache = newTaskCache();
  return {
    post: (t) => {
      running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => runTask(t, (m) => {
        if (!stopped.signal.aborted) onMessage?.(m);
      }, cache, { signal: stopped.signal, turnPerBatch: true })).catch((err: unknown) => {
        if (!stopped.signal.aborted) onMessage?.(errorMessage(t.id, err));
      });
    },
    recycle: (blocks) => {
      for (const b of blocks) cache.blocks.give(b);
    },
    listen: (m) => { onMessage = m; },
    stop: async () => {
      stopped.abort();
      await running;
    },
  };
}

/**
 * `count` runners: this thread and `count − 1` workers. With 2 cores that is one worker: a third
 * converting thread would only take turns with the other two.
 */
function rangeRunners(count: number): RangeRunner[] {
  const list: RangeRunner[] = [];
  for (let i = 1; i < count; i++) list.push(workerRunner());
  list.push(inThreadRunner());
  return list;
}

/**
 * Runs the file (or its span) in ranges on `o.threads` threads (this one and `o.threads − 1` workers). Returns undefined, having
 * written nothing, when the file cannot be split; the caller then reads it whole with `runFile`.
 */
export async function runFileSplit(o: SplitRunOptions): Promise<FileStats | undefined> {
  // Workers start loading while this thread reads the header (and, for a unit's span, scans for boundaries).
  const runners = rangeRunners(Math.max(1, Math.min(o.threads, Math.ceil((o.span ? o.span.to - o.span.from : o.size) / (o.rangeBytes ?? DEFAULT_RANGE_BYTES)))));
  let header: Header | undefined;
  try {
    header = await firstRecord(o);
  } catch (err) {
    await Promise.all(runners.map((w) => w.stop()));
    throw err;
  }
  // A unit's span needs record numbers counted from the file's start: an exact boundary scan. A
  // whole file is cut at guessed line starts that the workers check against each other instead.
  const guessing = !o.span;
  const planner = guessing ? guessedRanges(o, header) : planRanges(o, header);
  const stats = newFileStats(o.file);
  const columns = o.csv.columns === 'first' && header ? header.fields.length : undefined;
  let attempts = 0;
  /** Attempt id (the task id) → range index; the range's current attempt; a superseded attempt's messages are dropped. */
  const attemptRange = new Map<number, number>();
  const currentAttempt = new Map<number, number>();
  const task = (r: ByteRange, exactStart?: number): RangeTask => {
    const atStart = r.start.offset === 0;
    const id = attempts++;
    attemptRange.set(id, r.index);
    currentAttempt.set(r.index, id);
    return {
      id,
      path: o.path,
      file: o.file,
      readerFile: o.readerFile ?? o.file,
      start: exactStart === undefined ? r.start : { offset: exactStart, recordsBefore: 0, line: 1 },
      end: r.end,
      ...(guessing ? { guess: { startIsCut: exactStart === undefined && !atStart, endIsCut: r.end < o.size, size: o.size } } : {}),
      csv: { charset: o.csv.charset, delimiter: o.csv.delimiter, quote: o.csv.quote, columns: atStart ? o.csv.columns : columns },
      header: atStart && o.header,
      headerFields: o.header ? header?.fields : undefined,
      job: o.job,
      output: o.output ? { charset: o.output.charset, header: atStart ? o.output.header : undefined, newline: o.output.newline } : undefined,
      rejects: !!o.rejects,
      rejectsHeader: atStart && !guessing,
    };
  };

  // Guessed ranges: range k is taken when it starts where range k − 1 ended (`expected`); else it
  // is run again from there. Its records and lines are counted on from the ranges before it.
  const ranges = new Map<number, ByteRange>();
  const checked = new Set<number>();
  const redo: { range: ByteRange; at: number }[] = [];
  let expected = 0;
  let recordsBefore = 0;
  let linesBefore = 0;
  // Byte offsets are already absolute: a range's reader starts at its real offset.
  const absolute = (findings: Finding[]) => {
    const moved = new Set<Location>();
    for (const f of findings) shiftLocation(f.location, moved, recordsBefore, linesBefore);
  };
  const rejectRows = (cells: string[][]): Uint8Array => {
    let text = '';
    for (const c of cells) {
      c[0] = String(Number(c[0]) + recordsBefore);
      if (c[1] !== '') c[1] = String(Number(c[1]) + linesBefore);
      text += formatRejectCells(c);
    }
    return Buffer.from(text, 'utf8');
  };
  if (guessing && o.rejects) await o.rejects.write(rejectsHeaderBytes());

  const queues = new Map<number, WorkerMessage[]>();
  let head = 0;
  let next = 0;
  let planDone = false;
  let refused = false;
  let failed: Error | undefined;
  let settle!: (err?: Error) => void;
  const finished = new Promise<void>((res, rej) => { settle = (err) => (err ? rej(err) : res()); });
  const fail = (err: Error) => {
    failed ??= err;
    settle(failed);
  };
  const checkDone = () => {
    if (!failed && planDone && head >= next && redo.length === 0) settle();
  };
  let pumping = false;
  let live = { read: 0, bytes: 0 };
  /** The runner each part came from: its output blocks go back there once written. */
  const producer = new WeakMap<WorkerMessage, RangeRunner>();
  const toRecycle = new Map<RangeRunner, ArrayBuffer[]>();
  /**
   * The writer calls this once a block is on disk. A flush writes many blocks at once and calls
   * back for all of them in one go: they go back in one message per runner.
   */
  const giveBack = (r: RangeRunner, b: Uint8Array) => () => {
    let list = toRecycle.get(r);
    if (!list) {
      toRecycle.set(r, (list = []));
      queueMicrotask(() => {
        toRecycle.delete(r);
        r.recycle(list!);
      });
    }
    list.push(b.buffer as ArrayBuffer);
  };

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (!failed && head < next) {
        const q = queues.get(head);
        if (!q || q.length === 0) break;
        const m = q.shift()!;
        if (guessing && !checked.has(head)) {
          const start = m.type === 'part' ? m.start : m.type === 'done' ? m.range?.start : undefined;
          if (start !== expected) {
            // The cut fell inside a quoted line break: this range starts where the last one ended.
            // Until the new attempt is dispatched, nothing more of the old one is kept.
            currentAttempt.set(head, -1);
            queues.set(head, []);
            redo.push({ range: ranges.get(head)!, at: expected });
            o.onRangeRestart?.(head);
            void dispatch();
            break;
          }
          checked.add(head);
        }
        if (m.type === 'part') {
          // Nothing more is written once the run has failed (a write awaited here may be when it did).
          const from = producer.get(m)!;
          for (const b of m.out) if (!failed) await o.output!.writer.write(b, giveBack(from, b));
          for (const b of m.rejects) if (!failed) await o.rejects!.write(b);
          if (!failed && m.rejectCells && m.rejectCells.length > 0) await o.rejects!.write(rejectRows(m.rejectCells));
          if (failed) break;
          if (guessing) absolute(m.findings);
          for (const f of m.findings) o.onFinding?.(f);
          live = { read: m.read, bytes: m.bytes };
          if (o.onProgress) o.onProgress({ ...stats, read: stats.read + live.read, bytes: stats.bytes + live.bytes });
        } else if (m.type === 'done') {
          addStats(stats, m.stats);
          if (m.range) {
            expected = m.range.end;
            recordsBefore += m.range.records;
            linesBefore += m.range.nextLine - 1;
          }
          queues.delete(head);
          ranges.delete(head);
          checked.delete(head);
          head++;
          live = { read: 0, bytes: 0 };
          void dispatch();
        }
      }
    } catch (err) {
      fail(err as Error);
    } finally {
      pumping = false;
    }
    checkDone();
    // A message may have arrived while this pump was awaiting a write.
    if (!failed && head < next && (queues.get(head)?.length ?? 0) > 0) void pump();
  };

  // A runner may run ahead of the range being written by at most `runners.length` ranges, so the
  // output held here is bounded by that many ranges' worth whatever the file size.
  const idle: RangeRunner[] = [];
  let dispatching = false;
  const canDispatch = () => idle.length > 0 && !failed && !o.signal?.aborted && (redo.length > 0 || (!planDone && next - head < runners.length));
  const dispatch = async (w?: RangeRunner): Promise<void> => {
    if (w) idle.push(w);
    if (dispatching) return;
    dispatching = true;
    try {
      while (canDispatch()) {
        const again = redo.shift();
        if (again) {
          idle.shift()!.post(task(again.range, again.at));
          continue;
        }
        const r = await planner.next();
        if (r.done) {
          planDone = true;
          break;
        }
        // The run may have failed or been interrupted (and its runners stopped) while the boundary scan was awaited.
        if (failed || o.signal?.aborted) break;
        queues.set(r.value.index, queues.get(r.value.index) ?? []);
        ranges.set(r.value.index, r.value);
        next++;
        idle.shift()!.post(task(r.value));
      }
    } catch (err) {
      if (err === REFUSED) {
        refused = true;
        planDone = true;
        settle();
      } else {
        fail(err as Error);
      }
    } finally {
      dispatching = false;
    }
    checkDone();
    if (canDispatch()) void dispatch();
  };

  const onAbort = () => fail(Object.assign(new Error('interrupted'), { code: 'ABORTED' }));
  o.signal?.addEventListener('abort', onAbort, { once: true });
  // An 'abort' that happened before the listener was added never fires: settle now, or nothing would.
  if (o.signal?.aborted) onAbort();
  try {
    for (const w of runners) {
      w.listen((m: WorkerMessage) => {
        if (m.type === 'error') {
          fail(Object.assign(new Error(m.message), { code: m.code, name: m.name ?? 'Error' }));
          return;
        }
        const r = attemptRange.get(m.id)!;
        if (m.type === 'part') producer.set(m, w);
        if (currentAttempt.get(r) === m.id) {
          let q = queues.get(r);
          if (!q) queues.set(r, (q = []));
          q.push(m);
        }
        if (m.type === 'done') {
          attemptRange.delete(m.id);
          void dispatch(w);
        }
        if (r === head) void pump();
      }, fail);
      void dispatch(w);
    }
    await finished;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ABORTED') throw err;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await Promise.all(runners.map((w) => w.stop()));
    // After a failure or interrupt the boundary scan is left to finish on its own (it only reads).
    if (failed) void planner.return(undefined).catch(() => undefined);
    else await planner.return(undefined).catch(() => undefined);
  }
  if (refused) {
    if (o.span) throw new Error(`${o.file}: cannot be split into units (its first record or first bytes are not plain CSV); run it as one unit`);
    return undefined;
  }
  // Ranges never say a file is empty or holds only its header: the whole of it does (unless interrupted).
  const empty = guessing && !o.signal?.aborted ? emptyFileFinding(stats) : undefined;
  if (empty) {
    stats.findings[empty.code] = (stats.findings[empty.code] ?? 0) + 1;
    o.onFinding?.(empty);
  }
  assertReconciled(stats);
  return stats;
}

export interface SplitChoice {
  path: string;
  /** See SplitRunOptions.readerFile. */
  readerFile?: string;
  size: number;
  /** Worker threads (1 = read the file in this thread unless a span forces the range path). */
  threads?: number;
  job: RangeTask['job'];
  /** The run's stages are stateless and rebuilt inside each range worker from the mapping. */
  stagesRunInWorkers?: boolean;
  /** CSV reading options; absent for inputs that are never split (fixed-length). */
  csv?: SplitRunOptions['csv'];
  span?: { from: number; to: number };
  rangeBytes?: number;
  /** Files smaller than this are read whole (default MIN_PARALLEL_BYTES). */
  minBytes?: number;
  onRangeRestart?: (range: number) => void;
}

/**
 * `runFile`, or the same run split over worker threads when that helps and is safe: more than one
 * thread, a large enough file, no stages (dedup keeps state across records). A unit's span always
 * takes the range path, which is what numbers its records from the start of the file.
 */
export async function runFileOrSplit(run: FileRunOptions, c: SplitChoice): Promise<FileStats> {
  const threads = c.threads ?? 1;
  // Stages that range workers rebuild themselves (the default 外字 check) do not prevent a split.
  const staged = !c.stagesRunInWorkers && (run.beforeValidate?.length ?? 0) + (run.afterValidate?.length ?? 0) > 0;
  const wanted = c.span !== undefined || (threads > 1 && c.size >= (c.minBytes ?? MIN_PARALLEL_BYTES));
  if (wanted && staged) {
    if (c.span) throw new UsageError(`${run.file}: a file with record stages (dedup) cannot be split into units; run it as one unit`);
  } else if (wanted && !c.csv) {
    if (c.span) throw new UsageError(`${run.file}: only CSV inputs can be split into byte-range units; run it as one unit`);
  } else if (wanted) {
    const split = await runFileSplit({
      path: c.path,
      file: run.file,
      readerFile: c.readerFile,
      size: c.size,
      csv: c.csv!,
      header: run.header,
      job: c.job,
      output: run.output ? { writer: run.output.writer, charset: run.output.charset.name, header: run.output.header, newline: run.output.newline ?? '\r\n' } : undefined,
      rejects: run.rejects,
      threads: Math.max(1, threads),
      rangeBytes: c.rangeBytes,
      span: c.span,
      onFinding: run.onFinding,
      onProgress: run.onProgress,
      signal: run.signal,
      onRangeRestart: c.onRangeRestart,
    });
    if (split) return split;
  }
  return runFile(run);
}
