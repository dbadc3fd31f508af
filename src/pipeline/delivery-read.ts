/**
 * One read of a delivered file that serves every file-level check at once: the bytes feed the
 * SHA-256, the UTF-8 validity check and the CSV reader, so hashing and encoding checks cost no
 * second pass over a multi-gigabyte file.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { InputNotFoundError } from '../core/errors.ts';
import type { Charset } from '../encoding/charset.ts';
import { Utf8Validator } from '../encoding/utf-8.ts';
import { createCsvReader, pushInBatches, READ_CHUNK_BYTES } from '../readers/index.ts';
import type { ReadBatch } from '../readers/record.ts';

export interface FileTally {
  bytes: number;
  /** Hex SHA-256 of the whole file; set when the read finished. */
  sha256?: string;
  /** The file starts with EF BB BF. */
  bom: boolean;
  /** Present when UTF-8 validity was checked. */
  utf8?: { valid: boolean; invalid: number; firstInvalidOffset: number };
  /** Data records counted by the reader (header included; the caller subtracts it). */
  records: number;
  complete: boolean;
}

export function newFileTally(): FileTally {
  return { bytes: 0, bom: false, records: 0, complete: false };
}

export interface TalliedReadOptions {
  /** Name for finding locations. */
  file: string;
  charset: Charset;
  tally: FileTally;
  /** Check UTF-8 validity on the raw bytes (for utf-8 deliveries). */
  checkUtf8: boolean;
}

/** CSV batches of a file, while the tally accumulates hash, size, BOM and encoding validity. */
export async function* readTallied(path: string, o: TalliedReadOptions): AsyncGenerator<ReadBatch> {
  const reader = createCsvReader({ file: o.file, charset: o.charset });
  const hash: Hash = createHash('sha256');
  const utf8 = o.checkUtf8 ? new Utf8Validator() : undefined;
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const t = o.tally;
  let first = true;
  try {
    for await (const c of stream) {
      const chunk = c as Buffer;
      if (first) {
        first = false;
        t.bom = chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      }
      hash.update(chunk);
      utf8?.push(chunk);
      t.bytes += chunk.length;
      for (const batch of pushInBatches(reader, chunk)) {
        t.records = reader.counters.records;
        yield batch;
      }
      t.records = reader.counters.records;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') throw new InputNotFoundError(path, { cause: err });
    throw err;
  } finally {
    stream.destroy();
  }
  const last = reader.end();
  t.records = reader.counters.records;
  if (utf8) {
    utf8.end();
    t.utf8 = { valid: utf8.valid, invalid: utf8.invalid, firstInvalidOffset: utf8.firstInvalidOffset };
  }
  t.sha256 = hash.digest('hex');
  t.complete = true;
  if (last.records.length > 0 || last.findings.length > 0) yield last;
}

/** Reads a file to its end for the tally only (manifest making): hash, size, BOM, records. */
export async function tallyFile(path: string, o: Omit<TalliedReadOptions, 'tally'>): Promise<FileTally> {
  const tally = newFileTally();
  for await (const _batch of readTallied(path, { ...o, tally })) { /* counting only */ }
  return tally;
}
