/**
 * Record-aligned byte ranges of one CSV file, for `--unit i/n` (exact, below) and the line-start
 * guesses of a whole-file split over worker threads (lineStartAtOrAfter; parallel-file.ts checks
 * them).
 *
 * The rule: a cut at byte C belongs to the first record whose first byte is at or after C. The
 * boundaries are found by ONE pass of the reader's own CsvScanner from the start of the file (the
 * same code that splits records when the file is read whole), so quoted line breaks, doubled
 * quotes, bare quotes, empty lines and over-long records put the boundaries exactly where the
 * single-threaded reader puts them. No guessing and no resynchronisation: a range starts where
 * the whole-file scan saw a record start, with that record's number and line. The pass only finds
 * bytes (no decode, no field split), runs ahead of the workers, and keeps nothing but the
 * boundaries.
 *
 * A range is refused (the caller reads the file whole instead) where the file's first bytes are
 * not plain (UTF-16/32, or a BOM the charset does not own).
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Charset } from '../encoding/charset.ts';
import { resolveCsvOptions } from '../readers/csv-options.ts';
import { CsvScanner, type ScannedRecord } from '../readers/csv-scanner.ts';
import { sniffStart, SNIFF_BYTES } from '../readers/csv-sniff.ts';

/** Where a range starts: a record's first byte, its 1-based record number minus one, and its line. */
export interface RangeStart {
  offset: number;
  recordsBefore: number;
  line: number;
}

export interface ByteRange {
  index: number;
  start: RangeStart;
  /** Exclusive: the next range's start offset, or the file size. */
  end: number;
}

export interface BoundaryScanOptions {
  charset: Charset;
  delimiter?: string;
  quote?: string;
  maxRecordBytes?: number;
}

const SCAN_CHUNK = 4 << 20;

/**
 * For each cut (ascending byte offsets), the start of the first record at or after it, or null
 * when no record starts at or after the cut. Resolves once the file has been scanned up to the
 * last cut; `onBoundary` sees each boundary as soon as it is found (workers can start early).
 * Returns undefined when the file cannot be split (see the module comment).
 */
export async function findRecordStarts(
  path: string,
  options: BoundaryScanOptions,
  cuts: readonly number[],
  onBoundary?: (cutIndex: number, start: RangeStart | null) => void,
): Promise<(RangeStart | null)[] | undefined> {
  const o = resolveCsvOptions({ file: path, charset: options.charset, delimiter: options.delimiter, quote: options.quote, maxRecordBytes: options.maxRecordBytes, columns: 'first' });
  const scanner = new CsvScanner(o);
  const found: (RangeStart | null)[] = [];
  const out: ScannedRecord[] = [];
  let records = 0;
  let first = true;
  const take = (): boolean => {
    for (const r of out) {
      while (found.length < cuts.length && r.start >= cuts[found.length]) {
        const s = { offset: r.start, recordsBefore: records, line: r.line };
        found.push(s);
        onBoundary?.(found.length - 1, s);
      }
      records++;
    }
    out.length = 0;
    scanner.release();
    return found.length >= cuts.length;
  };
  if (cuts.length === 0) return found;
  const stream = createReadStream(path, { highWaterMark: SCAN_CHUNK });
  try {
    for await (const raw of stream) {
      let chunk = raw as Buffer;
      if (first) {
        first = false;
        // Decided on the first chunk only: a file whose first chunk is shorter than the sniff window is too small to split.
        const s = sniffStart(chunk.subarray(0, SNIFF_BYTES));
        if (s.kind === 'wide') return undefined;
        if (s.kind === 'utf8-bom') {
          const c = options.charset as Charset & { bomLength?: (b: Uint8Array) => number };
          const skip = c.bomLength ? c.bomLength(chunk) : c.name === 'utf-8' ? 3 : 0;
          if (skip === 0) return undefined;
          scanner.startAt(skip);
          chunk = chunk.subarray(skip);
        }
      }
      scanner.scan(chunk, false, out);
      if (take()) return found;
    }
  } finally {
    stream.destroy();
  }
  scanner.scan(new Uint8Array(0), true, out);
  take();
  while (found.length < cuts.length) {
    found.push(null);
    onBoundary?.(found.length - 1, null);
  }
  return found;
}

/**
 * The first line start at or after `cut`: the byte after the first LF at or after `cut − 1`, or
 * `size` when there is none (0 for a cut at 0). A guess at a record start (the LF may lie inside a
 * quoted value) for ranges that are checked afterwards (parallel-file.ts): each range's worker
 * computes its start and its end with this same function, so neighbouring ranges agree on the
 * byte where one stops and the next begins.
 */
export function lineStartAtOrAfter(path: string, size: number, cut: number, buf: Buffer = Buffer.allocUnsafe(64 << 10)): number {
  if (cut <= 0) return 0;
  if (cut >= size) return size;
  // Synchronous, into the caller's buffer: a range runner has nothing else to do meanwhile (see range-task.ts pushRange).
  const fd = openSync(path, 'r');
  try {
    for (let at = cut - 1; at < size; at += buf.length) {
      const bytesRead = readSync(fd, buf, 0, buf.length, at);
      if (bytesRead === 0) break;
      const lf = buf.subarray(0, bytesRead).indexOf(0x0a);
      if (lf !== -1) return at + lf + 1;
    }
    return size;
  } finally {
    closeSync(fd);
  }
}

/** True when `bytes` (the first bytes at a range start) would be read as plain data by a fresh reader. */
export function plainAt(bytes: Uint8Array): boolean {
  return sniffStart(bytes.subarray(0, SNIFF_BYTES)).kind === 'plain';
}

/** The first SNIFF_BYTES bytes at `offset`. */
export async function headBytes(path: string, offset: number): Promise<Uint8Array> {
  const h = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await h.read(buf, 0, SNIFF_BYTES, offset);
    return buf.subarray(0, bytesRead);
  } finally {
    await h.close();
  }
}

/** Evenly spaced cuts that split `size` bytes into pieces of about `pieceBytes` (never fewer than 1 piece). */
export function evenCuts(from: number, to: number, pieceBytes: number): number[] {
  const n = Math.max(1, Math.round((to - from) / Math.max(1, pieceBytes)));
  const cuts: number[] = [];
  for (let k = 1; k < n; k++) cuts.push(from + Math.floor(((to - from) * k) / n));
  return cuts;
}
