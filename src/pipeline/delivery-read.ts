/**
 * One read of a delivered file that serves every file-level check at once: the bytes feed the
 * SHA-256, the UTF-8 validity check and the CSV reader, so hashing and encoding checks cost no
 * second pass over a multi-gigabyte file.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { InputNotFoundError } from '../core/errors.ts';
import type { Charset } from '../encoding/charset.ts';
import { createCsvReader, pushInBatches, READ_CHUNK_BYTES } from '../readers/index.ts';
import type { ReadBatch } from '../readers/record.ts';

/** Invalid UTF-8 found in a stream cut anywhere: the carry holds an unfinished sequence between chunks. */
export class Utf8Checker {
  invalid = 0;
  firstInvalidOffset = -1;
  private carry: Uint8Array = new Uint8Array(0);
  private offset = 0;

  push(chunk: Uint8Array): void {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const base = this.offset - this.carry.length;
    const keep = incompleteTail(data);
    const whole = data.subarray(0, data.length - keep);
    if (!isUtf8(whole)) this.scan(whole, base);
    this.carry = keep > 0 ? Uint8Array.from(data.subarray(data.length - keep)) : new Uint8Array(0);
    this.offset += chunk.length;
  }

  end(): void {
    if (this.carry.length > 0) this.note(this.offset - this.carry.length);
    this.carry = new Uint8Array(0);
  }

  get valid(): boolean {
    return this.invalid === 0;
  }

  private note(at: number): void {
    if (this.invalid === 0) this.firstInvalidOffset = at;
    this.invalid++;
  }

  /** Slow path, only for chunks that hold bad bytes: one issue per maximal bad sequence start. */
  private scan(b: Uint8Array, base: number): void {
    let i = 0;
    while (i < b.length) {
      const n = sequenceLength(b, i);
      if (n > 0) {
        i += n;
      } else {
        this.note(base + i);
        i++;
        while (i < b.length && (b[i] & 0xc0) === 0x80) i++;
      }
    }
  }
}

/** Length of the valid UTF-8 sequence at i, or 0 when it is not one. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  let n: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) { n = 2; min = 0x80; }
  else if (c >= 0xe0 && c <= 0xef) { n = 3; min = 0x800; }
  else if (c >= 0xf0 && c <= 0xf4) { n = 4; min = 0x10000; }
  else return 0;
  if (i + n > b.length) return 0;
  let cp = c & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const t = b[i + k];
    if ((t & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (t & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

/** Bytes at the end that start a multibyte sequence the chunk cuts short (0–3). */
function incompleteTail(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back];
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

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
  const utf8 = o.checkUtf8 ? new Utf8Checker() : undefined;
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
