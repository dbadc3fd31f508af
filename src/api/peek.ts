import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputNotFoundError, UsageError } from '../core/errors.ts';
import type { Finding } from '../core/finding.ts';
import { getCharset } from '../encoding/index.ts';
import { GUESS_BYTES, guessCsvCharset, readCsvFile, resolveCsvOptions, type CharsetGuess } from '../readers/index.ts';

export interface PeekOptions {
  /** The CSV file, as the user named it (findings carry this name). */
  file: string;
  /** Charset name (see getCharset); default: guessed, see `guessCsvCharset` (UTF-8, CP932 or EUC-JP, with evidence). */
  from?: string;
  /** Records to show, header row included; default 10. */
  limit?: number;
  /** One ASCII character; default `,`. */
  delimiter?: string;
  /** Directory `file` is relative to; default the process's. */
  cwd?: string;
  /** Told which charset is used and why, before the first record. */
  onCharset?: (charset: string, reason: CharsetGuess['reason'] | 'given', evidence?: string) => void;
  /** Findings about the whole file (UTF-16 refused, BOM contradicting the charset…). */
  onFileFinding?: (finding: Finding) => void;
}

/** A record as the CSV reader sees it. */
export interface PeekRecord {
  record: number;
  line: number;
  offset: number;
  byteLength: number;
  fields: string[];
  /** Empty when the reader had nothing to say about the record. */
  findings: Finding[];
}

export const DEFAULT_PEEK_LIMIT = 10;

/**
 * The first records of a CSV file exactly as chukan's reader splits them, with its findings: for
 * checking a charset or delimiter before writing a mapping. No column count is imposed.
 */
export async function* peek(options: PeekOptions): AsyncGenerator<PeekRecord> {
  const limit = options.limit ?? DEFAULT_PEEK_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError('limit must be a whole number ≥ 0');
  const path = resolve(options.cwd ?? process.cwd(), options.file);
  let charsetName: string;
  let reason: CharsetGuess['reason'] | 'given';
  let evidence: string | undefined;
  if (options.from !== undefined) {
    charsetName = options.from;
    reason = 'given';
  } else {
    const guess = guessCsvCharset(await readHead(path, options.file));
    charsetName = guess.name;
    reason = guess.reason;
    evidence = guess.evidence;
  }
  const charset = getCharset(charsetName);
  // Refuse a bad delimiter before saying anything about the file.
  resolveCsvOptions({ file: options.file, charset, delimiter: options.delimiter });
  options.onCharset?.(charset.name, reason, evidence);
  if (limit === 0) return;
  let shown = 0;
  for await (const batch of readCsvFile(path, { file: options.file, charset, delimiter: options.delimiter })) {
    for (const f of batch.findings) options.onFileFinding?.(f);
    for (const r of batch.records) {
      yield { record: r.record, line: r.line, offset: r.offset, byteLength: r.byteLength, fields: r.fields, findings: r.findings ?? [] };
      if (++shown >= limit) return;
    }
  }
}

async function readHead(path: string, asGiven: string): Promise<Uint8Array> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw new InputNotFoundError(asGiven, { cause: err });
  }
  try {
    const buf = Buffer.alloc(GUESS_BYTES);
    const { bytesRead } = await fh.read(buf, 0, GUESS_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } catch (err) {
    throw new InputNotFoundError(asGiven, { cause: err });
  } finally {
    await fh.close();
  }
}
