import type { Finding, Location } from '../core/finding.ts';

/**
 * Chukan's record interface: what every reader (CSV, fixed-length) hands the pipeline. Records
 * come in batches that share one decoded text; a record points into it instead of copying, so the
 * original text of a rejected record can be written to the rejects file without re-reading.
 */
export interface SourceRecord {
  /** 1-based physical record number in the file (a header row is record 1). */
  record: number;
  /** 1-based physical line where the record starts (quoted newlines make lines ≠ records). */
  line: number;
  /** 0-based byte offset of the record's first byte in the file. */
  offset: number;
  /** Bytes of the record including its terminator. */
  byteLength: number;
  /** Field values, decoded and unquoted. Empty array when the record could not be split. */
  fields: string[];
  /** Start/end (UTF-16 indices) of the record's text, terminator excluded, in `ReadBatch.text`. */
  textStart: number;
  textEnd: number;
  /** Findings the reader raised on this record (invalid bytes, unclosed quote, over-long…). A record with an error-severity finding is rejected downstream. */
  findings?: Finding[];
}

export interface ReadBatch {
  /** Decoded text of all records in the batch (raw, quotes included). */
  text: string;
  records: SourceRecord[];
  /** Findings not tied to a record (e.g. a BOM in the middle, data after the last record). */
  findings: Finding[];
}

export interface ReaderCounters {
  bytes: number;
  lines: number;
  records: number;
}

/** A push-style reader core: pure, no I/O; thin stream adapters wrap it. */
export interface RecordReader {
  push(chunk: Uint8Array): ReadBatch;
  end(): ReadBatch;
  readonly counters: ReaderCounters;
}

/**
 * A finding's location for a record. Records of fixed-length files without terminators have no
 * line (0): then the location has none, rather than a misleading "line 0".
 */
export function recordLocation(file: string, r: { record: number; line: number; offset: number }): Location {
  return r.line > 0 ? { file, record: r.record, line: r.line, offset: r.offset } : { file, record: r.record, offset: r.offset };
}
