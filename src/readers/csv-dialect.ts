/**
 * What a CSV export looks like, from its first bytes, for proposing a mapping (`chukan mapping
 * init`): charset (charset-guess.ts), delimiter, quote, line ends and whether the first record is
 * a header row — each with the reason, so the proposal can say why. Every candidate is tried
 * with the real CSV reader (quotes, embedded line breaks and invalid bytes are handled exactly as
 * a conversion will), never with a second parser.
 */
import { getCharset } from '../encoding/index.ts';
import { charsetLabel, guessCsvCharset, type CharsetGuess } from './charset-guess.ts';
import { createCsvReader } from './csv-reader.ts';
import { sniffStart } from './csv-sniff.ts';

/** Delimiters tried, in the order a tie is broken. */
export const DELIMITER_CANDIDATES = [',', '\t', ';', '|'] as const;

export interface DialectChoice<T> {
  value: T;
  reason: string;
}

export interface CsvDialect {
  charset: CharsetGuess;
  delimiter: DialectChoice<string>;
  quote: DialectChoice<string>;
  /** Terminators of the records read: the reader accepts all of them; a mapping states none. */
  lineEnds: DialectChoice<'crlf' | 'lf' | 'cr' | 'mixed' | 'none'> & { counts: { crlf: number; lf: number; cr: number } };
  header: DialectChoice<boolean>;
  /** The records read from the sample with the chosen dialect (header row included), complete ones only. */
  records: string[][];
  /** Field count of most records. */
  columns: number;
  /** Records whose field count is not `columns`. */
  ragged: number;
  /** The sample held the whole file. */
  wholeFile: boolean;
}

interface Trial {
  delimiter: string;
  records: string[][];
  terms: { crlf: number; lf: number; cr: number };
  invalid: number;
}

function readWith(bytes: Uint8Array, charset: string, delimiter: string, quote: string, whole: boolean, maxRecords: number): Trial {
  const reader = createCsvReader({ file: 'sample', charset: getCharset(charset), delimiter, quote });
  const batches = [reader.push(bytes), whole ? reader.end() : reader.pause()];
  const records: string[][] = [];
  const terms = { crlf: 0, lf: 0, cr: 0 };
  let invalid = 0;
  for (const b of batches) {
    for (const r of b.records) {
      if (records.length >= maxRecords) break;
      records.push(r.fields);
      if (r.findings?.some((f) => f.code.startsWith('ENC_'))) invalid++;
      const term = b.text.slice(r.textEnd, r.textEnd + 2);
      if (term.startsWith('\r\n')) terms.crlf++;
      else if (term.startsWith('\n')) terms.lf++;
      else if (term.startsWith('\r')) terms.cr++;
    }
  }
  return { delimiter, records, terms, invalid };
}

/** Field counts → the most common count and how many records have it. */
function modeCount(records: string[][]): { count: number; share: number } {
  const tally = new Map<number, number>();
  for (const r of records) tally.set(r.length, (tally.get(r.length) ?? 0) + 1);
  let count = 0;
  let n = 0;
  for (const [c, k] of tally) if (k > n || (k === n && c > count)) { count = c; n = k; }
  return { count, share: records.length === 0 ? 0 : n / records.length };
}

/**
 * The delimiter that splits the records into the same number of fields (more than one) most
 * consistently; ties go to the candidate earlier in DELIMITER_CANDIDATES.
 */
function chooseDelimiter(trials: Trial[]): { trial: Trial; reason: string } {
  let best: { trial: Trial; share: number; count: number } | undefined;
  for (const t of trials) {
    const { count, share } = modeCount(t.records);
    if (count < 2) continue;
    if (!best || share > best.share + 1e-9 || (Math.abs(share - best.share) <= 1e-9 && count > best.count && best.trial.delimiter !== ',')) best = { trial: t, share, count };
  }
  if (!best) return { trial: trials[0]!, reason: 'no candidate splits the records into several fields: one column, comma assumed' };
  const name = best.trial.delimiter === '\t' ? 'TAB' : `"${best.trial.delimiter}"`;
  return { trial: best.trial, reason: `${name} splits ${Math.round(best.share * 100)}% of ${best.trial.records.length} records into ${best.count} fields` };
}

/** A coarse type per value, to compare a first row with the rest (as Python's csv.Sniffer.has_header does). */
function valueKind(v: string): string {
  const t = v.trim();
  if (t === '') return 'empty';
  if (/^[0-9０-９]+$/.test(t)) return `digits${t.length}`;
  if (/^[0-9０-９]+([-/.．－][0-9０-９]+)+$/.test(t)) return 'digit-groups';
  if (/^[MTSHRmtshr明大昭平令][0-9０-９]/.test(t)) return 'era-date';
  return 'text';
}

/**
 * Whether the first record is a header row, from the data alone: per column, the first value
 * is compared with the values below it — a column whose values below are all digits or dates
 * while the first is a word votes for a header, a first value of the same kind as the rest votes
 * against. `mapping init` adds what only it knows (first-row cells that name layout items).
 */
export function headerFromData(records: string[][]): DialectChoice<boolean> {
  if (records.length < 2) return { value: true, reason: 'one record only: taken as a header row' };
  const first = records[0]!;
  const rest = records.slice(1, 200);
  let forHeader = 0;
  let against = 0;
  for (let c = 0; c < first.length; c++) {
    const kinds = new Set(rest.map((r) => valueKind(r[c] ?? '')).filter((k) => k !== 'empty'));
    if (kinds.size === 0) continue;
    const k0 = valueKind(first[c]!);
    if (k0 === 'empty') continue;
    const typed = [...kinds].every((k) => k !== 'text');
    if (typed && k0 === 'text') forHeader++;
    else if (kinds.has(k0) && k0 !== 'text') against++;
  }
  const distinct = new Set(first.map((v) => v.trim())).size === first.length && first.every((v) => v.trim() !== '');
  if (forHeader > against && distinct) return { value: true, reason: `${forHeader} column${forHeader === 1 ? '' : 's'} hold${forHeader === 1 ? 's' : ''} a word in the first record above numbers or dates` };
  if (against > 0) return { value: false, reason: `the first record holds data like the records below it in ${against} column${against === 1 ? '' : 's'}` };
  return { value: distinct, reason: distinct ? 'the first record\'s values are all different and none is a number' : 'the first record has empty or repeated values: data, not names' };
}

export interface SniffOptions {
  /** Stop after this many records (default 1,000). */
  maxRecords?: number;
  /** Use this charset instead of guessing it. */
  charset?: string;
}

/**
 * The dialect of a CSV sample (the first bytes of a file; `wholeFile` when they are all of it).
 * A UTF-16 file or a UTF-8 BOM contradicting a charset is left to the reader's own findings.
 */
export function sniffCsvDialect(bytes: Uint8Array, wholeFile: boolean, opts: SniffOptions = {}): CsvDialect {
  const maxRecords = opts.maxRecords ?? 1000;
  const guess = opts.charset
    ? { ...guessCsvCharset(bytes, wholeFile), name: getCharset(opts.charset).name as CharsetGuess['name'], reason: 'default' as const, evidence: `as given (${charsetLabel(opts.charset)})` }
    : guessCsvCharset(bytes, wholeFile);
  // A UTF-16 file or a BOM contradicting the charset: the reader's own findings say so.
  const body = bytes;
  if (sniffStart(bytes).kind === 'wide') return emptyDialect(guess, wholeFile);
  // Quotes: '"' unless values are wrapped in single quotes and never in double ones.
  const text = getCharset(guess.name).decode(body.subarray(0, 64 * 1024));
  const dq = (text.match(/(^|[,\t;|])"/gm) ?? []).length;
  const sq = (text.match(/(^|[,\t;|])'[^'\r\n]*'(?=[,\t;|]|\r?$)/gm) ?? []).length;
  const quote: DialectChoice<string> = sq > 0 && dq === 0
    ? { value: "'", reason: `${sq} values are wrapped in ' and none in "` }
    : { value: '"', reason: dq > 0 ? `${dq} values start with "` : 'no value is quoted: the standard quote " is kept' };
  const trials = DELIMITER_CANDIDATES.map((d) => readWith(body, guess.name, d, quote.value, wholeFile, maxRecords));
  const { trial, reason } = chooseDelimiter(trials);
  const { count } = modeCount(trial.records);
  const t = trial.terms;
  const kinds = (['crlf', 'lf', 'cr'] as const).filter((k) => t[k] > 0);
  const lineEnds: CsvDialect['lineEnds'] = {
    value: kinds.length === 0 ? 'none' : kinds.length === 1 ? kinds[0]! : 'mixed',
    counts: t,
    reason: kinds.length === 0 ? 'one record without a terminator' : kinds.map((k) => `${t[k]} ${k.toUpperCase()}`).join(', '),
  };
  return {
    charset: guess,
    delimiter: { value: trial.delimiter, reason },
    quote,
    lineEnds,
    header: headerFromData(trial.records),
    records: trial.records,
    columns: count,
    ragged: trial.records.filter((r) => r.length !== count).length,
    wholeFile,
  };
}

function emptyDialect(charset: CharsetGuess, wholeFile: boolean): CsvDialect {
  return {
    charset,
    delimiter: { value: ',', reason: 'the file is UTF-16/UTF-32: the CSV reader cannot read it' },
    quote: { value: '"', reason: 'not looked at' },
    lineEnds: { value: 'none', counts: { crlf: 0, lf: 0, cr: 0 }, reason: 'not looked at' },
    header: { value: true, reason: 'not looked at' },
    records: [], columns: 0, ragged: 0, wholeFile,
  };
}
