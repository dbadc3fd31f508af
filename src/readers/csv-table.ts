/**
 * The project's own small CSV tables — codeMap files, 外字対応表 and MJ tables, 項目定義書 sheets
 * saved as CSV — read by the real CSV reader with the real decoder (the charset registry's), so
 * they follow exactly the quoting, line-break and byte rules of a delivered file. Whole file in
 * memory: these tables are small, and a loader wants all of its rows before it judges them.
 */
import type { Finding } from '../core/finding.ts';
import type { Charset } from '../encoding/charset.ts';
import { getCharset } from '../encoding/registry.ts';
import { createCsvReader } from './csv-reader.ts';

export interface TableRow {
  /** 1-based line the row starts on. */
  line: number;
  cells: string[];
  /** What the reader found wrong in the row (unclosed quote, invalid bytes, …), if anything. */
  findings?: Finding[];
}

export interface CsvTableOptions {
  /** Name for findings and messages. */
  file: string;
  /** Default UTF-8; a UTF-8 byte-order mark at the start is skipped. */
  charset?: Charset;
  /**
   * `keep`: a blank line is an empty row (one empty cell), where a spreadsheet opening the file
   * shows one, so row numbers are the spreadsheet's; `skip` (default): blank lines give no row.
   */
  blankLines?: 'skip' | 'keep';
}

export interface CsvTable {
  rows: TableRow[];
  /** Findings about the file as a whole (a UTF-16 file, a BOM that contradicts the charset, a charset hint). */
  findings: Finding[];
}

/** Every row of a CSV table, in order. Bad CSV is never an exception: it is in the findings. */
export function readCsvTable(bytes: Uint8Array, o: CsvTableOptions): CsvTable {
  const reader = createCsvReader({ file: o.file, charset: o.charset ?? getCharset('utf-8') });
  const rows: TableRow[] = [];
  const findings: Finding[] = [];
  let nextLine = 1;
  for (const batch of [reader.push(bytes), reader.end()]) {
    findings.push(...batch.findings);
    for (const r of batch.records) {
      if (o.blankLines === 'keep') for (; nextLine < r.line; nextLine++) rows.push({ line: nextLine, cells: [''] });
      nextLine = r.line + 1 + lineBreaks(batch.text, r.textStart, r.textEnd);
      rows.push(r.findings ? { line: r.line, cells: r.fields, findings: r.findings } : { line: r.line, cells: r.fields });
    }
  }
  return { rows, findings };
}

/** Line breaks inside one record's text (quoted CR LF, LF or CR), so the next record's line is known. */
function lineBreaks(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) n++;
    else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) n++;
  }
  return n;
}

export interface TableError {
  line?: number;
  /** `not valid CSV (CSV_UNCLOSED_QUOTE)` */
  detail: string;
  /** `FILE:LINE: detail` */
  text: string;
}

/**
 * The table's error findings, one per line at fault (warnings, such as a bare quote kept as it
 * is, are left out): what a loader that refuses a broken table says.
 */
export function tableErrors(table: CsvTable, file: string): TableError[] {
  const out: TableError[] = [];
  const codes = (fs: readonly Finding[] | undefined) => (fs ?? []).filter((f) => f.severity === 'error').map((f) => f.code);
  const whole = codes(table.findings);
  if (whole.length > 0) out.push({ detail: `not a CSV table chukan can read (${whole.join(', ')})`, text: `${file}: not a CSV table chukan can read (${whole.join(', ')})` });
  for (const r of table.rows) {
    const c = codes(r.findings);
    if (c.length > 0) out.push({ line: r.line, detail: `not valid CSV (${c.join(', ')})`, text: `${file}:${r.line}: not valid CSV (${c.join(', ')})` });
  }
  return out;
}
