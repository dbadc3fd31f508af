/**
 * The 外字対応表 (external-character correspondence table) a vendor fills for one delivery: which
 * character each source 外字 code stands for. Format (CSV, UTF-8 with or without BOM, header row;
 * or the first sheet of an xlsx) — the columns `chukan gaiji scan --template-out` writes:
 *
 *   外字コード (source)    F040 (hex bytes in the source charset) or U+E000
 *   変換先UCS (target)     U+8FBB U+E0100 (a UCS sequence; IVS allowed) or the characters themselves
 *   MJ文字図形名 (mj)       MJ012345 — resolved through an MJ table given at load time, or MJ文字情報
 *                          from the optional package @mandel59/mojidata (mj-database.ts); none is shipped
 *   戸籍統一文字番号 (koseki), 住基ネット統一文字コード (juki)   resolved through MJ文字情報 likewise
 *   代替文字 (substitute)  a standard character written instead, flagged as a substitute …
 *   代替理由 (reason)      … with the reason, required for a substitute
 *   字形の説明 (glyph), 備考 (comment)   free text for people
 * Other columns (出現数, 初出位置, 候補…, …) are ignored. Per row: target and/or mj / koseki / juki
 * (all given must agree when they can be resolved), or substitute + reason. A row with none of them is "not filled yet"
 * and maps nothing. Every problem is reported with file:line, all at once (GaijiTableError).
 */
import { openXlsx, readWorkbookFile, type WorkbookLimits } from '../core/excel.ts';
import { ChukanError } from '../core/errors.ts';
import type { Charset } from '../encoding/charset.ts';
import { getCharset } from '../encoding/index.ts';
import { isPua } from '../encoding/pua.ts';
import { readCsvTable, tableErrors } from '../readers/csv-table.ts';
import { formatCodePoint } from '../encoding/code-point.ts';

export const TEMPLATE_COLUMNS = [
  { key: 'source', ja: '外字コード' },
  { key: 'codePoint', ja: '私用領域コード' },
  { key: 'kind', ja: '種別' },
  { key: 'count', ja: '出現数' },
  { key: 'fields', ja: '出現項目' },
  { key: 'firstLocation', ja: '初出位置' },
  { key: 'target', ja: '変換先UCS' },
  { key: 'mj', ja: 'MJ文字図形名' },
  { key: 'koseki', ja: '戸籍統一文字番号' },
  { key: 'juki', ja: '住基ネット統一文字コード' },
  { key: 'substitute', ja: '代替文字' },
  { key: 'reason', ja: '代替理由' },
  { key: 'glyph', ja: '字形の説明' },
  { key: 'comment', ja: '備考' },
] as const;

type ColumnKey = (typeof TEMPLATE_COLUMNS)[number]['key'];

export class GaijiTableError extends ChukanError {
  override readonly code = 'E_GAIJI_TABLE';
  /** The rows that did resolve, when the table was read to the end (for `gaiji table`). */
  partial?: GaijiTable;
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems in the 外字対応表:\n  ${problems.join('\n  ')}`);
  }
}

export interface GaijiMapping {
  /** The source code point (PUA, or any character the table remaps). */
  codePoint: number;
  /** What replaces it (a UCS sequence, possibly with an IVS). */
  target: string;
  how: 'ucs' | 'mj' | 'substitute';
  mj?: string;
  reason?: string;
  /** Line in the table file (for messages). */
  line: number;
}

export interface GaijiTable {
  readonly file: string;
  get(codePoint: number): GaijiMapping | undefined;
  readonly size: number;
  /** Rows present but not filled in yet. */
  readonly unfilled: number;
  entries(): GaijiMapping[];
}

/** MJ 図形名 → UCS sequence, from the MJ 文字情報一覧表 or a two-column extract of it. */
export type MjTable = ReadonlyMap<string, string>;

/** MJ文字情報 lookups (the @mandel59/mojidata database, mj-database.ts): code → MJ glyph. */
export interface MjLookup {
  byMj(name: string): { mj: string; char: string } | undefined;
  byKoseki(no: string): { mj: string; char: string } | undefined;
  byJuki(code: string): { mj: string; char: string } | undefined;
}

export interface GaijiTableOptions {
  /** Charset that hex source codes (F040) are in. Default cp932. */
  sourceCharset?: Charset;
  /** Accept targets in Unicode plane 16 private use (MJ+ 行政事務標準文字 not yet in Unicode). */
  allowPlane16Pua?: boolean;
  mjTable?: MjTable;
  /** MJ文字情報 (resolves MJ文字図形名, 戸籍統一文字番号 and 住基ネット統一文字コード). */
  mj?: MjLookup;
  /** Bounds for an xlsx table (core/excel.ts; default DEFAULT_WORKBOOK_LIMITS). */
  workbookLimits?: WorkbookLimits;
}

interface Row {
  line: number;
  cells: Partial<Record<ColumnKey, string>>;
}

const ALIASES: Record<string, ColumnKey> = {};
for (const c of TEMPLATE_COLUMNS) {
  ALIASES[c.ja] = c.key;
  ALIASES[c.key.toLowerCase()] = c.key;
}

function headerKeys(header: string[]): (ColumnKey | undefined)[] {
  return header.map((h) => ALIASES[h.trim()] ?? ALIASES[h.trim().toLowerCase()]);
}

/** Parses `U+8FBB U+E0100`, `U+8FBB_U+E0100`, `8FBB_E0100` (MJ table style) or plain characters. */
export function parseUcsSequence(text: string): string | undefined {
  const t = text.trim();
  if (/^(?:<?U\+[0-9A-Fa-f]{4,6}>?)(?:[\s,_]+<?U\+[0-9A-Fa-f]{4,6}>?)*$/.test(t) || /^[0-9A-Fa-f]{4,6}(?:_[0-9A-Fa-f]{4,6})+$/.test(t)) {
    let s = '';
    for (const m of t.matchAll(/([0-9A-Fa-f]{4,6})/g)) {
      const cp = parseInt(m[1], 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
      s += String.fromCodePoint(cp);
    }
    return s;
  }
  if (/^U\+/i.test(t)) return undefined; // looks like a code but is malformed
  return t === '' ? undefined : t;
}

function isVariationSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

function checkTarget(s: string, allowPlane16: boolean): string | undefined {
  const cps = Array.from(s, (c) => c.codePointAt(0)!);
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return `control character ${formatCodePoint(cp)}`;
    if (cp === 0xfffd) return 'U+FFFD (replacement character)';
    if (isVariationSelector(cp) && i === 0) return `variation selector ${formatCodePoint(cp)} with no base character`;
    if (isPua(cp)) {
      const plane16 = cp >= 0x100000;
      if (!plane16) return `${formatCodePoint(cp)} is private use: a target must be a real character (plane-16 MJ+ codes need allowPlane16Pua)`;
      if (!allowPlane16) return `${formatCodePoint(cp)} is plane-16 private use (MJ+): allow it explicitly (allowPlane16Pua / --allow-mjplus-pua)`;
    }
  }
  return undefined;
}

function parseSource(text: string, charset: Charset): number | string {
  const t = text.trim();
  const u = /^U\+([0-9A-Fa-f]{4,6})$/i.exec(t);
  if (u) {
    const cp = parseInt(u[1], 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return `source ${t} is not a Unicode scalar value`;
    return cp;
  }
  const hex = t.replace(/^0x/i, '');
  if (/^(?:[0-9A-Fa-f]{2}){1,4}$/.test(hex)) {
    const bytes = Buffer.from(hex, 'hex');
    const s = charset.decode(bytes);
    const cps = Array.from(s, (c) => c.codePointAt(0)!);
    if (cps.length !== 1 || cps[0] === 0xfffd || charset.findInvalid(bytes).length > 0) {
      return `source ${t} is not one character in ${charset.name}`;
    }
    return cps[0];
  }
  return `source "${t}" must be hex bytes in ${charset.name} (e.g. F040) or a code point (e.g. U+E000)`;
}

/** Builds the table from rows; throws GaijiTableError listing every problem. */
export function buildGaijiTable(file: string, header: string[], rows: Row[] | string[][], opts: GaijiTableOptions = {}, headerLine = 1): GaijiTable {
  const charset = opts.sourceCharset ?? getCharset('cp932');
  const keys = headerKeys(header);
  const problems: string[] = [];
  if (!keys.includes('source')) problems.push(`${file}:${headerLine}: no 外字コード (source) column in the header`);
  if (!keys.includes('target') && !keys.includes('mj') && !keys.includes('substitute')) {
    problems.push(`${file}:${headerLine}: needs a 変換先UCS (target), MJ文字図形名 (mj) or 代替文字 (substitute) column`);
  }
  if (problems.length > 0) throw new GaijiTableError(problems);
  const normRows: Row[] = (rows as (Row | string[])[]).map((r, i) => {
    if (!Array.isArray(r)) return r;
    const cells: Row['cells'] = {};
    keys.forEach((k, j) => {
      if (k && r[j] !== undefined) cells[k] = r[j];
    });
    return { line: headerLine + 1 + i, cells };
  });
  const map = new Map<number, GaijiMapping>();
  let unfilled = 0;
  for (const { line, cells } of normRows) {
    const at = `${file}:${line}`;
    const source = (cells.source ?? '').trim();
    const target = (cells.target ?? '').trim();
    let mj = (cells.mj ?? '').trim();
    const koseki = (cells.koseki ?? '').trim();
    const juki = (cells.juki ?? '').trim();
    const substitute = (cells.substitute ?? '').trim();
    const reason = (cells.reason ?? '').trim();
    if (source === '' && target === '' && mj === '' && koseki === '' && juki === '' && substitute === '') continue; // blank line
    if (source === '') {
      problems.push(`${at}: 外字コード (source) is empty`);
      continue;
    }
    const cp = parseSource(source, charset);
    if (typeof cp === 'string') {
      problems.push(`${at}: ${cp}`);
      continue;
    }
    if (target === '' && mj === '' && koseki === '' && juki === '' && substitute === '') {
      unfilled++;
      continue;
    }
    // 戸籍統一文字番号 / 住基ネット統一文字コード name an MJ glyph: resolve them to one, which must be
    // the same as the MJ文字図形名 column's when both are given.
    let codeMj: string | undefined;
    let codeProblem = false;
    for (const [label, value, find] of [
      ['戸籍統一文字番号', koseki, (v: string) => opts.mj?.byKoseki(v)],
      ['住基ネット統一文字コード', juki, (v: string) => opts.mj?.byJuki(v)],
    ] as const) {
      if (value === '') continue;
      if (!opts.mj) {
        if (target === '' && mj === '') {
          problems.push(`${at}: ${label} ${value} can only be resolved with MJ文字情報 (the optional package @mandel59/mojidata: --mj), or give 変換先UCS too`);
          codeProblem = true;
        }
        continue;
      }
      const hit = find(value);
      if (!hit) {
        problems.push(`${at}: ${label} ${value} is not in MJ文字情報`);
        codeProblem = true;
        continue;
      }
      if ((codeMj ?? mj) !== '' && (codeMj ?? mj) !== hit.mj) {
        problems.push(`${at}: ${label} ${value} is ${hit.mj}, but the row names ${codeMj ?? mj}`);
        codeProblem = true;
        continue;
      }
      codeMj = hit.mj;
    }
    if (codeProblem) continue;
    if (mj === '' && codeMj) mj = codeMj;
    let entry: GaijiMapping | undefined;
    if (substitute !== '') {
      if (target !== '' || mj !== '') {
        problems.push(`${at}: give either 変換先UCS/MJ文字図形名 or 代替文字, not both`);
        continue;
      }
      const sub = parseUcsSequence(substitute);
      if (sub === undefined) {
        problems.push(`${at}: 代替文字 "${substitute}" is not characters or a U+ sequence`);
        continue;
      }
      if (reason === '') {
        problems.push(`${at}: 代替文字 needs a 代替理由 (reason)`);
        continue;
      }
      entry = { codePoint: cp, target: sub, how: 'substitute', reason, line };
    } else {
      let fromTarget: string | undefined;
      if (target !== '') {
        fromTarget = parseUcsSequence(target);
        if (fromTarget === undefined) {
          problems.push(`${at}: 変換先UCS "${target}" is not a UCS sequence (e.g. U+8FBB U+E0100)`);
          continue;
        }
      }
      let fromMj: string | undefined;
      if (mj !== '') {
        if (!/^MJ\d{6}$/.test(mj)) {
          problems.push(`${at}: MJ文字図形名 "${mj}" must look like MJ012345`);
          continue;
        }
        if (opts.mjTable || opts.mj) {
          fromMj = opts.mjTable ? opts.mjTable.get(mj) : opts.mj!.byMj(mj)?.char;
          if (fromMj === undefined) {
            problems.push(`${at}: ${mj} is not in ${opts.mjTable ? 'the MJ table' : 'MJ文字情報'}`);
            continue;
          }
        } else if (fromTarget === undefined) {
          problems.push(`${at}: ${mj} can only be resolved with MJ文字情報 (the optional package @mandel59/mojidata: --mj) or an MJ table (mjTable:), or give 変換先UCS too`);
          continue;
        }
      }
      if (fromTarget !== undefined && fromMj !== undefined && fromTarget !== fromMj) {
        problems.push(`${at}: 変換先UCS and ${mj} disagree (${codePoints(fromTarget)} vs ${codePoints(fromMj)})`);
        continue;
      }
      entry = { codePoint: cp, target: (fromTarget ?? fromMj)!, how: fromTarget !== undefined ? 'ucs' : 'mj', line };
      if (mj !== '') entry.mj = mj;
    }
    const bad = checkTarget(entry.target, opts.allowPlane16Pua ?? false);
    if (bad) {
      problems.push(`${at}: ${bad}`);
      continue;
    }
    if (entry.target === String.fromCodePoint(cp)) {
      problems.push(`${at}: ${formatCodePoint(cp)} maps to itself`);
      continue;
    }
    const prev = map.get(cp);
    if (prev) {
      problems.push(`${at}: ${formatCodePoint(cp)} (${source}) is already mapped on line ${prev.line}`);
      continue;
    }
    map.set(cp, entry);
  }
  const table: GaijiTable = {
    file,
    get: (c) => map.get(c),
    size: map.size,
    unfilled,
    entries: () => [...map.values()].sort((a, b) => a.codePoint - b.codePoint),
  };
  if (problems.length > 0) {
    const e = new GaijiTableError(problems);
    e.partial = table;
    throw e;
  }
  return table;
}

export function codePoints(s: string): string {
  return Array.from(s, (c) => formatCodePoint(c.codePointAt(0)!)).join(' ');
}

/** Records of a UTF-8 CSV table (BOM allowed) with their physical line numbers; broken CSV is refused with every line at fault. */
function csvRecords(bytes: Uint8Array, file: string): { line: number; fields: string[] }[] {
  const table = readCsvTable(bytes, { file });
  const broken = tableErrors(table, file);
  if (broken.length > 0) throw new GaijiTableError(broken.map((b) => b.text));
  return table.rows.map((r) => ({ line: r.line, fields: r.cells }));
}

/** The rows of a 外字対応表 as written (cells by column key), not checked: for suggestions. */
export async function readGaijiTableRows(path: string, opts: { workbookLimits?: WorkbookLimits } = {}): Promise<Array<{ line: number; cells: Partial<Record<ColumnKey, string>> }>> {
  return (await readRows(path, path, opts.workbookLimits)).rows;
}

/** Rows of the first sheet of an xlsx (every workbook read goes through core/excel.ts's limits). */
async function xlsxRecords(path: string, shownAs: string, limits: WorkbookLimits | undefined): Promise<{ line: number; fields: string[] }[]> {
  const wb = await openXlsx(path, { shownAs, limits });
  const records: { line: number; fields: string[] }[] = [];
  wb.worksheets[0]?.eachRow({ includeEmpty: false }, (row, n) => {
    const fields: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) fields.push(row.getCell(c).text ?? '');
    records.push({ line: n, fields });
  });
  return records;
}

async function tableRecords(path: string, shownAs: string, limits: WorkbookLimits | undefined): Promise<{ line: number; fields: string[] }[]> {
  if (/\.xlsx$/i.test(path)) return xlsxRecords(path, shownAs, limits);
  return csvRecords(await readWorkbookFile(path, shownAs, limits), shownAs);
}

async function readRows(path: string, shownAs: string, limits: WorkbookLimits | undefined): Promise<{ header: string[]; headerLine: number; rows: Row[] }> {
  const records = await tableRecords(path, shownAs, limits);
  if (records.length === 0) throw new GaijiTableError([`${shownAs}: the 外字対応表 is empty (no header row)`]);
  const [head, ...rest] = records;
  const keys = headerKeys(head.fields);
  const rows = rest.map((r) => {
    const cells: Row['cells'] = {};
    keys.forEach((k, j) => {
      if (k && r.fields[j] !== undefined) cells[k] = r.fields[j];
    });
    return { line: r.line, cells };
  });
  return { header: head.fields, headerLine: head.line, rows };
}

/** Loads a 外字対応表 from CSV or xlsx. */
export async function loadGaijiTable(path: string, opts: GaijiTableOptions & { shownAs?: string } = {}): Promise<GaijiTable> {
  const shownAs = opts.shownAs ?? path;
  const { header, headerLine, rows } = await readRows(path, shownAs, opts.workbookLimits);
  return buildGaijiTable(shownAs, header, rows, opts, headerLine);
}

/**
 * Loads an MJ table: CSV/xlsx with a column `MJ文字図形名` (or `mj`) and one of `実装したUCS`,
 * `対応するUCS`, `ucs` (a code point or U+ sequence) or `実装したMoji_JohoコレクションIVS`
 * (`8FBB_E0100`); the IVS column wins when both are filled.
 */
export async function loadMjTable(path: string, opts: { workbookLimits?: WorkbookLimits } = {}): Promise<MjTable> {
  const records = await tableRecords(path, path, opts.workbookLimits);
  const head = records[0]?.fields.map((h) => h.trim()) ?? [];
  const mjCol = head.findIndex((h) => h === 'MJ文字図形名' || h.toLowerCase() === 'mj');
  const ivsCol = head.findIndex((h) => h === '実装したMoji_JohoコレクションIVS');
  const ucsCol = head.findIndex((h) => h === '実装したUCS' || h === '対応するUCS' || h.toLowerCase() === 'ucs');
  if (mjCol < 0 || (ivsCol < 0 && ucsCol < 0)) throw new GaijiTableError([`${path}:1: an MJ table needs MJ文字図形名 and 実装したUCS / 対応するUCS / 実装したMoji_JohoコレクションIVS (or mj, ucs) columns`]);
  const map = new Map<string, string>();
  const problems: string[] = [];
  for (const r of records.slice(1)) {
    const name = (r.fields[mjCol] ?? '').trim();
    if (!name) continue;
    const raw = ((ivsCol >= 0 ? r.fields[ivsCol] : '') || (ucsCol >= 0 ? r.fields[ucsCol] : '') || '').trim();
    if (!raw) continue;
    const seq = parseUcsSequence(/^[0-9A-Fa-f]{4,6}$/.test(raw) ? `U+${raw}` : raw);
    if (seq === undefined) problems.push(`${path}:${r.line}: ${name}: "${raw}" is not a code point sequence`);
    else map.set(name, seq);
  }
  if (problems.length > 0) throw new GaijiTableError(problems.slice(0, 50));
  return map;
}
