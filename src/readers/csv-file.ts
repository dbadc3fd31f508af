import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { describeNotAFile } from '../core/input-kind.ts';
import { InputNotFoundError } from '../core/errors.ts';
import type { ReadBatch } from './record.ts';
import { createCsvReader, type CsvReader } from './csv-reader.ts';
import type { CsvReaderOptions } from './csv-options.ts';

/**
 * 1 MiB reads: each read is a round trip to libuv's thread pool, and the thread waits for it
 * (measured: reading the 311 MB bench file in 32 KiB reads takes 560 ms and 0.58 CPU s, in 1 MiB
 * reads 112 ms and 0.17 CPU s; 1M-record convert on one thread, 256 KiB reads and batches →
 * 1 MiB reads in 32 KiB batches: 8.06 → 7.1–7.4 s, 8.7 → 7.2–7.5 CPU s, ~175 MB peak RSS).
 */
export const READ_CHUNK_BYTES = 1 << 20;

/**
 * 32 KiB batches: each read is pushed to the reader in slices of this size, so one decode and one
 * batch (~100 records) per slice. Few records are alive at once, so few survive a scavenge, and
 * every per-batch string (decoded text, joined output) stays below V8's large-object size — large
 * objects are freed only by a full GC (measured: 24–70 MB of them at the peak with 256 KiB–1 MiB
 * batches, ~1 MB with 32 KiB).
 */
export const BATCH_BYTES = 32 << 10;

/** The batches of one read chunk, pushed to the reader in BATCH_BYTES slices; empty batches are skipped. */
export function* pushInBatches(reader: CsvReader, chunk: Buffer, batchBytes = BATCH_BYTES): Generator<ReadBatch> {
  for (let at = 0; at < chunk.length; at += batchBytes) {
    const batch = reader.push(chunk.subarray(at, Math.min(chunk.length, at + batchBytes)));
    if (batch.records.length > 0 || batch.findings.length > 0) yield batch;
  }
}

export interface ReadCsvFileOptions extends Omit<CsvReaderOptions, 'file'> {
  /** Name for finding locations; defaults to the path as given. */
  file?: string;
  /** Receives the reader before the first batch (for its counters after the run). */
  onReader?: (reader: CsvReader) => void;
}

/**
 * Batches of records from a CSV file. Thin: the stream only supplies chunks, all logic is in the
 * reader core. Batches with neither records nor findings are not yielded. A file that cannot be
 * opened or read throws InputNotFoundError.
 */
export async function* readCsvFile(path: string, options: ReadCsvFileOptions): AsyncGenerator<ReadBatch> {
  // Only a regular file: a FIFO would block the run and /dev/zero would never end.
  const s = await stat(path).catch((err: unknown) => {
    throw new InputNotFoundError(options.file ?? path, { cause: err });
  });
  const notFile = describeNotAFile(s);
  if (notFile) throw new InputNotFoundError(options.file ?? path, { reason: notFile });
  const reader = createCsvReader({ ...options, file: options.file ?? path });
  options.onReader?.(reader);
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  try {
    for await (const chunk of stream) yield* pushInBatches(reader, chunk as Buffer);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') throw new InputNotFoundError(options.file ?? path, { cause: err });
    throw err;
  } finally {
    stream.destroy();
  }
  const last = reader.end();
  if (last.records.length > 0 || last.findings.length > 0) yield last;
}
