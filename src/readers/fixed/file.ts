/** Thin file adapter over the pure reader core: 256 KiB reads (batches of about 2,000 records of 120 bytes), one ReadBatch per chunk. */
import { createReadStream } from 'node:fs';
import { InputNotFoundError } from '../../core/errors.ts';
import type { CompiledLayout } from './compile.ts';
import type { FixedLayout } from './layout.ts';
import { createFixedReader, type FixedReadBatch } from './reader.ts';

export interface ReadFixedFileOptions {
  /** Location file name (default: the path as given). */
  file?: string;
  highWaterMark?: number;
}

export async function* readFixedFile(path: string, layout: FixedLayout | CompiledLayout, opts: ReadFixedFileOptions = {}): AsyncIterable<FixedReadBatch> {
  const reader = createFixedReader(layout, { file: opts.file ?? path });
  const stream = createReadStream(path, { highWaterMark: opts.highWaterMark ?? 1 << 18 });
  try {
    for await (const chunk of stream) {
      const batch = reader.push(chunk as Buffer);
      if (batch.records.length || batch.findings.length) yield batch;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new InputNotFoundError(path, { cause: err });
    throw err;
  }
  yield reader.end();
}
