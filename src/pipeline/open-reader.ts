import { getCharset } from '../encoding/index.ts';
import { readCsvFile } from '../readers/index.ts';
import type { ReadBatch } from '../readers/record.ts';
import type { Mapping } from '../mapping/index.ts';

/** The reader a mapping's `source` asks for, as batches. */
export function openSourceReader(mapping: Mapping, path: string): AsyncIterable<ReadBatch> {
  const src = mapping.source;
  return readCsvFile(path, {
    file: path,
    charset: getCharset(src.charset),
    delimiter: src.delimiter,
    quote: src.quote,
    columns: 'first',
  });
}
