import { UsageError } from '../core/errors.ts';
import type { Charset } from '../encoding/index.ts';

export interface CsvReaderOptions {
  /** File name used in finding locations (as the user gave it). */
  file: string;
  charset: Charset;
  /** One ASCII character; default `,`. */
  delimiter?: string;
  /** One ASCII character; default `"`. A doubled quote inside a quoted value is a literal quote. */
  quote?: string;
  /** Longest record (content bytes, terminator excluded) the reader holds; default 4 MiB. */
  maxRecordBytes?: number;
  /** Expected field count: a number, 'first' (the first record's count), or undefined (no check). */
  columns?: number | 'first';
  /**
   * The first bytes were already found plain by `plainAt` (a byte range starting mid-file): read
   * them as data without the start-of-file checks (BOM, UTF-16), whatever the range's length.
   */
  startChecked?: boolean;
}

/** Options after validation, as byte values the scanner compares against. */
export interface ResolvedCsvOptions {
  file: string;
  charset: Charset;
  delimiter: string;
  delimiterByte: number;
  quote: string;
  quoteByte: number;
  /**
   * False when the delimiter byte can also be the trail byte of a double-byte character (e.g. `|`
   * 0x7C in CP932): the scanner then confirms by decoding before trusting it (see csv-scanner.ts).
   */
  delimiterByteSafe: boolean;
  maxRecordBytes: number;
  columns: number | 'first' | undefined;
}

export const DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;

/** Charsets whose multibyte sequences never contain a byte below 0x80 (EUC-JP, UTF-8). */
const HIGH_TRAIL_CHARSETS = new Set(['utf-8', 'euc-jp']);

/**
 * Whether an ASCII byte can only ever mean itself in this charset. CP932 trail bytes run
 * 0x40–0xFC, so `@`, letters, `|`, `\` … may be halves of kanji; bytes below 0x40 never are.
 * Unknown charsets are treated like CP932 (the conservative answer).
 */
export function isByteSafe(charset: Charset, byte: number): boolean {
  if (byte >= 0x80) return false;
  if (byte < 0x40) return true;
  return HIGH_TRAIL_CHARSETS.has(charset.name);
}

function singleAscii(what: string, value: string): number {
  if (value.length !== 1 || value.charCodeAt(0) >= 0x80) {
    throw new UsageError(`CSV ${what} must be one ASCII character (got ${JSON.stringify(value)})`);
  }
  return value.charCodeAt(0);
}

export function resolveCsvOptions(o: CsvReaderOptions): ResolvedCsvOptions {
  if (!o.charset.asciiTransparent) {
    // Record boundaries are found on raw bytes; that is only sound when CR, LF and the quote
    // are never parts of other characters. UTF-16 input is caught by the sniffer as a finding.
    throw new UsageError(`the CSV reader cannot read charset ${o.charset.name}: its bytes for CR, LF and quote are not ASCII's (read an EBCDIC export with a fixed layout, docs/FIXED.md, or convert the file with chukan transcode first)`);
  }
  const delimiter = o.delimiter ?? ',';
  const quote = o.quote ?? '"';
  const delimiterByte = singleAscii('delimiter', delimiter);
  const quoteByte = singleAscii('quote', quote);
  for (const [what, b] of [['delimiter', delimiterByte], ['quote', quoteByte]] as const) {
    if (b === 0x0a || b === 0x0d) throw new UsageError(`CSV ${what} cannot be a line break`);
  }
  if (delimiterByte === quoteByte) throw new UsageError('CSV delimiter and quote must differ');
  if (!isByteSafe(o.charset, quoteByte)) {
    throw new UsageError(`CSV quote ${JSON.stringify(quote)} can be half of a double-byte character in ${o.charset.name}; use a quote character below 0x40 (such as " or ')`);
  }
  const maxRecordBytes = o.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!Number.isInteger(maxRecordBytes) || maxRecordBytes < 1) throw new UsageError('maxRecordBytes must be a positive integer');
  if (o.columns !== undefined && o.columns !== 'first' && (!Number.isInteger(o.columns) || o.columns < 1)) {
    throw new UsageError('columns must be a positive integer or "first"');
  }
  return {
    file: o.file,
    charset: o.charset,
    delimiter,
    delimiterByte,
    quote,
    quoteByte,
    delimiterByteSafe: isByteSafe(o.charset, delimiterByte),
    maxRecordBytes,
    columns: o.columns,
  };
}
