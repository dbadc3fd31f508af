import { getCharset } from '../encoding/index.ts';
import type { Finding } from '../core/finding.ts';
import { readCsvFile } from '../readers/index.ts';
import { readFixedFile } from '../readers/fixed/index.ts';
import type { ReadBatch, SourceRecord } from '../readers/record.ts';
import type { FixedSourceSpec, Mapping } from '../mapping/index.ts';
import { PipelineCodes } from './finding-codes.ts';
import { recordLocation } from '../readers/record.ts';

/** The reader a mapping's `source` asks for, as batches of the records the mapping reads. */
export function openSourceReader(mapping: Mapping, path: string, file: string = path): AsyncIterable<ReadBatch> {
  const src = mapping.source;
  if (src.format === 'fixed') return fixedDataRecords(src, path, file);
  return readCsvFile(path, {
    file,
    charset: getCharset(src.charset),
    delimiter: src.delimiter,
    quote: src.quote,
    columns: 'first',
  });
}

/**
 * Header and trailer records of a fixed-length file are control records, like a CSV header row:
 * they are read and checked (their findings — a trailer count mismatch — reach the report) but
 * are not data. A data record of another type than the mapping reads is rejected with a reason,
 * never dropped silently.
 */
async function* fixedDataRecords(src: FixedSourceSpec, path: string, file: string): AsyncIterable<ReadBatch> {
  for await (const batch of readFixedFile(path, src.fixed, { file })) {
    const records: SourceRecord[] = [];
    const findings: Finding[] = [...batch.findings];
    for (const rec of batch.records) {
      if (rec.role === 'header' || rec.role === 'trailer') {
        if (rec.findings) findings.push(...rec.findings);
        continue;
      }
      if (rec.role === 'data' && rec.recordType !== src.recordType) {
        const f: Finding = {
          code: PipelineCodes.SRC_RECORD_TYPE_NOT_MAPPED,
          severity: 'error',
          location: recordLocation(file, rec),
          params: { recordType: rec.recordType, mapped: src.recordType },
        };
        rec.findings = [...(rec.findings ?? []), f];
      }
      records.push(rec);
    }
    yield { text: batch.text, records, findings };
  }
}
