/**
 * Reads a 項目定義書 (xlsx: one sheet per file, or one sheet / one CSV with a file column) into
 * chukan layouts. Imported layouts are standalone — every rule is written into the field, no `$ref`
 * to the shared definitions — because a vendor's item is not known to be the shared concept just
 * because its name matches (docs/LAYOUTS.md). Anything the importer cannot map is returned as an
 * ImportIssue (sheet, row, column, value, reason) and left out of the layout: nothing is guessed.
 */
import { isUtf8 } from 'node:buffer';
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { DEFAULT_WORKBOOK_LIMITS, loadXlsx, readWorkbookFile, type WorkbookLimits } from '../core/excel.ts';
import { getCharset, type Charset } from '../encoding/index.ts';
import { readCsvTable } from '../readers/csv-table.ts';
import { ChukanError, LayoutError, UsageError, WorkbookLimitError } from '../core/errors.ts';
import type { CodeList } from './code-lists.ts';
import { LAYOUT_ID_RE } from './store.ts';
import type { ImportProfile, ProfileColumn } from './import-profile.ts';
import {
  normaliseCell, parseType, parseLength, parseUnit, parseYesNo, parsePersonal, parseIdentifier, parseFieldClass,
  parseCodeList, parseKey, parseReferences, type RefEntry,
} from './item-notation.ts';
import type { CharClass } from './char-class.ts';
import { parseCheckDigitText } from './check-digit-spec.ts';
import { columnLetter, type BookSheet, type ImportIssue } from './book-sheet.ts';
import {
  PACKAGE_COLUMNS, PACKAGE_HEADERS, PACKAGE_SHEET_KINDS, PACKAGE_SHEET_NAMES_JA, emptyTables, findPackageHeader, kindBySheetName, readPackageSheet,
  type PackageSheetKind, type PackageTables,
} from './package-sheets.ts';
import { applyCodeSets, applyFileEntry, applyRelations, buildCodeLists, entryFor, fileEntries, type FileEntry, type ImportedCodeList } from './import-package.ts';

export type { BookSheet, ImportIssue } from './book-sheet.ts';
export { columnLetter } from './book-sheet.ts';

export interface ImportedLayout {
  id: string;
  domainId: string;
  domainName?: string;
  fileId: string;
  title: string;
  fileName: string;
  sheet: string;
  items: number;
  schema: Record<string, unknown>;
  /** 移行ファイル構成表 says whether the file must be delivered. */
  required?: boolean;
  /** The 移行ファイル構成表 row of this file, when the book has one. */
  entry?: FileEntry;
}

export interface ImportOutcome {
  layouts: ImportedLayout[];
  issues: ImportIssue[];
  /** Sheets that were not read (each is also an issue). */
  skippedSheets: string[];
  /** Code lists read from コード一覧 (named by コード構成表). */
  codeLists: ImportedCodeList[];
  /** Package sheets read, by kind. */
  packageSheets: PackageTables['sheets'];
  charset?: string;
}

// ---- reading books ---------------------------------------------------------------------------

/**
 * The charset of a CSV book: a UTF-8 byte-order mark → UTF-8; `charset` when given; otherwise
 * UTF-8 if the bytes are valid UTF-8, else CP932. Decoded by chukan's own charsets (src/encoding),
 * as every other CP932 input is, so 外字 in the user-defined area (F040–F9FC → U+E000–U+E757)
 * arrive as the same PUA characters everywhere.
 */
function csvBookCharset(bytes: Buffer, charset?: string): Charset {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return getCharset('utf-8');
  if (charset && charset !== 'auto') return getCharset(charset);
  return getCharset(isUtf8(bytes) ? 'utf-8' : 'cp932');
}

/** A formula guard the CSV export added (`'=…`) is taken off again. */
function unguard(s: string): string {
  return /^'[=+\-@\t\r＝＋－＠]/.test(s) ? s.slice(1) : s;
}

/** Excel 97–2003 (.xls) and other OLE2 compound files start with these 8 bytes. */
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Why an .xls book is refused, and what to do instead. The registry's .xls readers are SheetJS
 * 0.18.5 (open advisories for reading crafted files: CVE-2023-30533 prototype pollution, CVE-2024-22363
 * ReDoS; the fixed releases are not published on the registry) or unofficial republishes of it;
 * chukan reads books that strangers send, so it does not parse BIFF with either (docs/LAYOUTS.md).
 */
export function xlsRefusal(path: string): string {
  const encrypted = extname(path).toLowerCase() === '.xlsx'
    ? ' (an .xlsx stored like this is password-protected: remove the password in Excel first)'
    : '';
  return `${path}: this is an Excel 97–2003 workbook (.xls, BIFF) or another OLE2 compound file${encrypted}, which chukan does not read. `
    + 'Save it as .xlsx (Excel: ファイル → 名前を付けて保存 → Excel ブック (*.xlsx); LibreOffice: '
    + '"soffice --headless --convert-to xlsx BOOK.xls"), or save each sheet as CSV into one folder and import the folder. '
    + 'Then run chukan layouts import on the .xlsx (or the folder) again.';
}

/** One CSV file as a sheet: a row per record and per blank line, as a spreadsheet shows it, so row numbers in issues are the sheet's. */
function readCsvSheet(path: string, bytes: Buffer, charset: string | undefined): { sheet: BookSheet; charset: string } {
  const cs = csvBookCharset(bytes, charset);
  const rows = readCsvTable(bytes, { file: path, charset: cs, blankLines: 'keep' }).rows.map((r) => r.cells.map(unguard));
  return { sheet: { name: basename(path, extname(path)), rows, mergedDown: () => false }, charset: cs.name };
}

/**
 * A book: an .xlsx workbook, one CSV (one sheet), or a folder of CSVs (each a sheet named by its
 * file name, in name order — the CSV form of a package: 移行ファイル構成表.csv, コード一覧.csv, …).
 */
export async function readBook(path: string, opts: { charset?: string; workbookLimits?: WorkbookLimits } = {}): Promise<{ sheets: BookSheet[]; charset?: string }> {
  const ext = extname(path).toLowerCase();
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) {
      const names = readdirSync(path).filter((n) => /\.(csv|txt)$/i.test(n) && !n.startsWith('.')).sort();
      if (names.length === 0) throw new UsageError(`${path}: a book folder holds the CSV files of a package (移行ファイル構成表.csv, データ項目一覧表.csv, コード一覧.csv, …); this one has none`);
      const sheets: BookSheet[] = [];
      const charsets = new Set<string>();
      // The workbook bounds hold for the folder as a whole, as for the sheets of one workbook.
      const limits = opts.workbookLimits ?? DEFAULT_WORKBOOK_LIMITS;
      let total = 0;
      for (const n of names) {
        const bytes = await readWorkbookFile(join(path, n), join(path, n), limits);
        total += bytes.length;
        if (total > limits.maxBytes) throw new WorkbookLimitError(path, `its CSV files hold more than the limit of ${limits.maxBytes / 1048576} MiB together`, 'size');
        const r = readCsvSheet(join(path, n), bytes, opts.charset);
        sheets.push(r.sheet);
        charsets.add(r.charset);
      }
      return { sheets, charset: [...charsets].join(', ') };
    }
  } catch (e) {
    if (e instanceof ChukanError) throw e;
    throw new LayoutError(`(book ${path})`, `cannot read: ${(e as Error).message}`);
  }
  bytes = await readWorkbookFile(path, path, opts.workbookLimits);
  if (bytes.subarray(0, 8).equals(OLE2_MAGIC) || ext === '.xls') throw new UsageError(xlsRefusal(path));
  if (ext === '.csv' || ext === '.txt') {
    const r = readCsvSheet(path, bytes, opts.charset);
    return { sheets: [r.sheet], charset: r.charset };
  }
  if (ext !== '.xlsx') throw new UsageError(`${path}: a 項目定義書 is .xlsx, .csv or a folder of CSV files`);
  const wb = await loadXlsx(bytes, path, opts.workbookLimits);
  const sheets: BookSheet[] = [];
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    const down = new Set<string>();
    const nRows = ws.rowCount;
    const nCols = ws.columnCount;
    for (let r = 1; r <= nRows; r++) {
      const row: string[] = [];
      for (let c = 1; c <= nCols; c++) {
        const cell = ws.getCell(r, c);
        let text = '';
        try {
          text = cell.text ?? '';
        } catch {
          text = String(cell.value ?? '');
        }
        row.push(text);
        if (cell.isMerged && cell.master && Number(cell.master.row) < r) down.add(`${r - 1}:${c - 1}`);
      }
      rows.push(row);
    }
    sheets.push({ name: ws.name, rows, mergedDown: (r, c) => down.has(`${r}:${c}`) });
  }
  return { sheets };
}

// ---- header ----------------------------------------------------------------------------------

type Columns = Partial<Record<ProfileColumn, number>>;

function aliasMap(profile: ImportProfile): Map<string, ProfileColumn> {
  const m = new Map<string, ProfileColumn>();
  for (const [role, spec] of Object.entries(profile.columns) as Array<[ProfileColumn, ImportProfile['columns'][ProfileColumn]]>) {
    if (!Array.isArray(spec)) continue;
    for (const name of spec) {
      const k = normaliseCell(name).toLowerCase();
      if (!m.has(k)) m.set(k, role);
    }
  }
  return m;
}

function matchHeader(sheet: BookSheet, r: number, k: number, profile: ImportProfile, aliases: Map<string, ProfileColumn>): Columns {
  const cols: Columns = {};
  const width = Math.max(...sheet.rows.slice(r, r + k).map((x) => x.length), 0);
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (let i = r; i < r + k; i++) {
      const t = normaliseCell(sheet.rows[i]?.[c] ?? '').toLowerCase();
      if (t !== '' && parts.at(-1) !== t) parts.push(t);
    }
    const candidates = [parts.join(''), ...parts.slice().reverse()];
    for (const cand of candidates) {
      const role = aliases.get(cand);
      if (role !== undefined && cols[role] === undefined) {
        cols[role] = c;
        break;
      }
      if (role !== undefined) break;
    }
  }
  for (const [role, spec] of Object.entries(profile.columns) as Array<[ProfileColumn, ImportProfile['columns'][ProfileColumn]]>) {
    if (!Array.isArray(spec)) cols[role] = spec.col - 1;
  }
  return cols;
}

function findHeader(sheet: BookSheet, profile: ImportProfile, aliases: Map<string, ProfileColumn>): { row: number; rows: number; cols: Columns } | undefined {
  const candidates = profile.headerRow === 'auto' ? [...Array(Math.min(30, sheet.rows.length)).keys()] : [profile.headerRow - 1];
  for (const r of candidates) {
    let k = profile.headerRows === 'auto' ? 1 : profile.headerRows;
    let cols = matchHeader(sheet, r, k, profile, aliases);
    if (cols.name === undefined || (cols.type === undefined && cols.length === undefined)) {
      if (profile.headerRow === 'auto') continue;
      return undefined;
    }
    if (profile.headerRows === 'auto' && r + 1 < sheet.rows.length && sheet.mergedDown(r + 1, cols.name)) {
      k = 2;
      cols = matchHeader(sheet, r, k, profile, aliases);
    }
    return { row: r, rows: k, cols };
  }
  return undefined;
}

function readMeta(sheet: BookSheet, above: number, profile: ImportProfile): Partial<Record<keyof ImportProfile['meta'], string>> {
  const out: Partial<Record<keyof ImportProfile['meta'], string>> = {};
  const labels = new Map<string, keyof ImportProfile['meta']>();
  for (const [k, names] of Object.entries(profile.meta) as Array<[keyof ImportProfile['meta'], string[]]>) {
    for (const n of names) labels.set(normaliseCell(n).toLowerCase(), k);
  }
  for (let r = 0; r < above; r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const key = labels.get(normaliseCell(row[c]).toLowerCase());
      if (!key || out[key] !== undefined) continue;
      const value = row.slice(c + 1).find((v) => v.trim() !== '' && normaliseCell(v) !== normaliseCell(row[c]));
      if (value !== undefined) out[key] = value.trim();
    }
  }
  return out;
}

// ---- items -----------------------------------------------------------------------------------

interface Group {
  sheet: string;
  key: string;
  rows: Array<{ r: number; cells: string[] }>;
  meta: Partial<Record<keyof ImportProfile['meta'], string>>;
  cols: Columns;
}

const ID_RE = /^[A-Za-z][A-Za-z0-9_]*$/;
const FILE_ID_RE = /^[a-z0-9][a-z0-9_-]*$/;

export interface ImportOptions {
  /** Domain id for the imported layouts (overrides the book). */
  domain?: string;
  codeLists: ReadonlyMap<string, Pick<CodeList, 'id' | 'name'>>;
  /** Shown in each layout's x-source. */
  source: string;
  date?: string;
}

export function importSheets(sheets: BookSheet[], profile: ImportProfile, opts: ImportOptions): ImportOutcome {
  const aliases = aliasMap(profile);
  const issues: ImportIssue[] = [];
  const skippedSheets: string[] = [];
  const groups: Group[] = [];
  const tables = emptyTables();
  const include = profile.sheets.include?.map((s) => normaliseCell(s));
  const exclude = new Set(profile.sheets.exclude?.map((s) => normaliseCell(s)) ?? []);
  const readPackage = (sheet: BookSheet, kind: PackageSheetKind, announced: boolean): boolean => {
    const spec = profile.package[kind];
    const header = findPackageHeader(sheet, kind, spec as never);
    if (!header) {
      if (announced) {
        issues.push({ sheet: sheet.name, reason: `シート名は${PACKAGE_SHEET_NAMES_JA[kind]}ですが見出し行(${PACKAGE_COLUMNS[kind].map((c) => (PACKAGE_HEADERS[kind] as Record<string, string[]>)[c][0]).join(', ')})が見つかりません: not read` });
        skippedSheets.push(sheet.name);
      }
      return false;
    }
    const rows = readPackageSheet(sheet, kind, header as never, issues);
    (tables[kind] as unknown[]).push(...rows);
    tables.sheets.push({ sheet: sheet.name, kind, rows: rows.length });
    return true;
  };
  for (const sheet of sheets) {
    const n = normaliseCell(sheet.name);
    if ((include && !include.includes(n)) || exclude.has(n)) continue;
    const named = kindBySheetName(sheet.name, profile.package);
    if (named) {
      readPackage(sheet, named, true);
      continue;
    }
    const h = findHeader(sheet, profile, aliases);
    if (!h) {
      if (PACKAGE_SHEET_KINDS.some((k) => readPackage(sheet, k, false))) continue;
      skippedSheets.push(sheet.name);
      issues.push({ sheet: sheet.name, reason: 'データ項目一覧表の見出し(項目名とデータ型または桁数)もパッケージの表(移行ファイル構成表・移行ファイル関連図・コード構成表・コード一覧)も見つかりません: not read (list it in sheets.exclude of the profile if it is a cover or history page)' });
      continue;
    }
    unknownHeaderColumns(sheet, h, issues);
    const meta = readMeta(sheet, h.row, profile);
    const fileCol = h.cols.fileId ?? h.cols.fileTitle;
    const bySheet = new Map<string, Group>();
    for (let r = h.row + h.rows; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r];
      if (cells.every((v) => v.trim() === '')) continue;
      const key = fileCol !== undefined ? (cells[fileCol] ?? '').trim() : '';
      let g = bySheet.get(key);
      if (!g) {
        g = { sheet: sheet.name, key, rows: [], meta, cols: h.cols };
        bySheet.set(key, g);
        groups.push(g);
      }
      g.rows.push({ r, cells });
    }
  }
  // Code lists of the book first: the item sheets' コード column may name them.
  const codeLists = buildCodeLists(tables, profile.codes, issues);
  const lists = new Map<string, Pick<CodeList, 'id' | 'name'>>(opts.codeLists);
  const byBookKey = new Map<string, string>();
  for (const l of codeLists) {
    lists.set(l.id, l);
    byBookKey.set(normaliseCell(l.bookId ?? l.id).toLowerCase(), l.id);
    byBookKey.set(normaliseCell(l.name).toLowerCase(), l.id);
  }
  const entries = fileEntries(tables, issues);
  const layouts: ImportedLayout[] = [];
  const usedIds = new Set<string>();
  groups.forEach((g, gi) => {
    const l = buildLayout(g, gi, profile, { ...opts, codeLists: lists }, entries, issues);
    if (!l) return;
    if (usedIds.has(l.id)) {
      issues.push({ sheet: g.sheet, layout: l.id, reason: `layout ${l.id} appears twice in the book; the second one is not imported` });
      return;
    }
    usedIds.add(l.id);
    layouts.push(l);
  });
  for (const l of layouts) if (l.entry) applyFileEntry(l, l.entry, l.items, issues);
  for (const e of entries) {
    if (!e.claimed) {
      issues.push({ sheet: e.row.sheet, row: e.row.row, value: e.title ?? e.fileId ?? '', reason: `移行ファイル構成表のファイル「${e.title ?? e.fileId ?? ''}」のデータ項目一覧表がありません: レイアウトは作りません (no item sheet for this file)` });
    }
  }
  applyCodeSets(tables, layouts, lists, byBookKey, issues);
  applyRelations(tables, layouts, issues);
  return { layouts, issues, skippedSheets, codeLists, packageSheets: tables.sheets };
}

/** Item-header cells that name no column: listed, so a column is never dropped without a word. */
function unknownHeaderColumns(sheet: BookSheet, h: { row: number; rows: number; cols: Columns }, issues: ImportIssue[]): void {
  const used = new Map<number, string>();
  const text = (c: number) => sheet.rows.slice(h.row, h.row + h.rows).map((r) => (r[c] ?? '').trim()).filter((t) => t !== '').join(' ');
  for (const c of Object.values(h.cols)) if (c !== undefined) used.set(c, text(c));
  const usedTexts = new Set(used.values());
  const width = Math.max(...sheet.rows.slice(h.row, h.row + h.rows).map((x) => x.length), 0);
  for (let c = 0; c < width; c++) {
    if (used.has(c)) continue;
    const t = text(c);
    // A merged header cell repeats its text in the cells it covers: not a column of its own.
    if (t === '' || usedTexts.has(t)) continue;
    issues.push({ sheet: sheet.name, row: h.row + 1, column: columnLetter(c), header: t, value: t, reason: 'この列の見出しは解釈できないため列を読みません (column header not understood: the column is ignored; name it in the profile\'s columns)' });
  }
}

function buildLayout(g: Group, gi: number, profile: ImportProfile, opts: ImportOptions, entries: FileEntry[], issues: ImportIssue[]): ImportedLayout | undefined {
  const first = g.rows[0]?.cells ?? [];
  const colVal = (role: ProfileColumn) => (g.cols[role] !== undefined ? (first[g.cols[role]!] ?? '').trim() : '');
  const layoutRef = colVal('fileId') || g.meta.layoutId || '';
  const refNorm = normaliseCell(layoutRef);
  const title0 = colVal('fileTitle') || g.meta.title || (g.key !== '' && !LAYOUT_ID_RE.test(refNorm) ? g.key : g.sheet);
  const entry = entryFor(entries, { layoutRef, title: title0, sheet: g.sheet, key: g.key });
  if (entry) entry.claimed = true;
  const title = colVal('fileTitle') || g.meta.title || entry?.title || title0;
  const domainId = opts.domain ?? profile.domain ?? (LAYOUT_ID_RE.test(refNorm) ? refNorm.split('/')[0] : undefined) ?? entry?.domainId ?? (normaliseCell(colVal('domainId') || g.meta.domainId || '') || undefined);
  if (!domainId || !FILE_ID_RE.test(domainId)) {
    throw new UsageError(`the book does not name its 業務 (no 業務ID / ファイルID like "juki/kojin"): give --domain ID or "domain:" in the profile`);
  }
  let fileId = LAYOUT_ID_RE.test(refNorm) ? refNorm.split('/')[1] : FILE_ID_RE.test(refNorm) ? refNorm : entry?.fileId ?? profile.files[g.key] ?? profile.files[g.sheet] ?? profile.files[title];
  if (!fileId) {
    fileId = `file${String(gi + 1).padStart(2, '0')}`;
    issues.push({ sheet: g.sheet, reason: `no ASCII file id for "${title}": named ${domainId}/${fileId} (set files: { "${g.key || g.sheet}": id } in the profile)` });
  }
  const id = `${domainId}/${fileId}`;
  const fileName = colVal('fileName') || g.meta.fileName || entry?.fileName || `${domainId.toUpperCase()}_${fileId.toUpperCase().replace(/-/g, '_')}.csv`;
  const domainName = colVal('domainName') || g.meta.domainName || entry?.domainName || profile.domainName;

  const properties: Record<string, Record<string, unknown>> = {};
  const required: string[] = [];
  const pk: Array<{ pos: number; order: number; id: string }> = [];
  const refs: Array<{ entry: RefEntry; id: string; order: number }> = [];
  let order = 0;
  let ordinal = 0;
  const cell = (cells: string[], role: ProfileColumn) => (g.cols[role] !== undefined ? (cells[g.cols[role]!] ?? '').trim() : '');
  for (const { r, cells } of g.rows) {
    const issue = (role: ProfileColumn | undefined, reason: string) => {
      const c = role !== undefined ? g.cols[role] : undefined;
      issues.push({
        sheet: g.sheet, layout: id, row: r + 1,
        ...(c !== undefined ? { column: columnLetter(c), value: cells[c] ?? '' } : {}),
        reason,
      });
    };
    const name = cell(cells, 'name');
    if (name === '') {
      issue('name', '項目名がない行は取り込みません (row has no 項目名)');
      continue;
    }
    ordinal++;
    const field: Record<string, unknown> = { type: 'string', title: name };
    const remarks = cell(cells, 'remarks');
    if (remarks !== '') field.description = remarks;
    // character class and date
    const type = parseType(cell(cells, 'type'), profile.types);
    if (type === undefined) issue('type', 'データ型を解釈できません (unknown data type): no character rule was set');
    let classes: CharClass[] | undefined = type?.charClass;
    const ccCell = cell(cells, 'charClass');
    if (ccCell !== '') {
      const cc = parseType(ccCell, profile.types);
      if (!cc?.charClass) issue('charClass', '文字種を解釈できません (unknown character class)');
      else {
        if (classes && classes.join() !== cc.charClass.join()) issue('charClass', `文字種がデータ型(${cell(cells, 'type')})と異なります: 文字種を採用 (character class differs from the data type; the 文字種 column wins)`);
        classes = cc.charClass;
      }
    }
    if (type?.date) field['x-date'] = type.date;
    // length
    const len = parseLength(cell(cells, 'length'));
    if (len === undefined) issue('length', '桁数を解釈できません (length not understood): no length rule was set');
    let scale = len?.scale;
    const dec = cell(cells, 'decimals');
    if (dec !== '') {
      const d = Number(normaliseCell(dec));
      if (!Number.isInteger(d) || d < 0) issue('decimals', '小数桁数を解釈できません');
      else if (d > 0) scale = d;
    }
    const unit = parseUnit(cell(cells, 'unit'), profile.defaultUnit);
    if (unit === undefined) issue('unit', '単位を解釈できません (unit not understood): no length rule was set');
    if (len && unit && (len.max !== undefined || len.min !== undefined)) {
      if (scale !== undefined && scale > 0) {
        if (!(classes?.length === 1 && classes[0] === 'digits') || len.max === undefined) {
          issue('length', '小数桁は数値項目にしか指定できません (a scale needs a numeric type): no length rule was set');
        } else {
          const intDigits = len.max - scale;
          field.pattern = `^[0-9]{1,${intDigits}}(\\.[0-9]{1,${scale}})?$`;
          field['x-length'] = { max: len.max + 1, unit: 'characters' };
          classes = ['ascii'];
        }
      } else {
        field['x-length'] = { ...(len.min !== undefined ? { min: len.min } : {}), ...(len.max !== undefined ? { max: len.max } : {}), ...unit };
      }
    }
    if (classes) field['x-charClass'] = classes.length === 1 ? classes[0] : classes;
    // code list, pattern, enum
    const code = parseCodeList(cell(cells, 'code'), opts.codeLists);
    if (code === null) issue('code', 'コード表が見つかりません (no such code list in the schemas directory): no code rule was set');
    else if (code !== undefined) field['x-codeList'] = code;
    const pat = cell(cells, 'pattern');
    if (pat !== '') {
      const lines = pat.split('\n').map((s) => s.trim()).filter((s) => s !== '');
      try {
        for (const p of lines) new RegExp(p, 'u');
        if (lines.length > 1) issue('pattern', '書式は1つだけ取り込みます (only the first pattern is kept)');
        if (field.pattern === undefined) field.pattern = lines[0];
      } catch {
        issue('pattern', '書式が正規表現として正しくありません (not a valid regular expression)');
      }
    }
    const en = cell(cells, 'enum');
    if (en !== '') field.enum = en.split('|');
    // 番号検査: a published identifier and/or a check digit with parameters, one per line.
    for (const line of cell(cells, 'identifier').split('\n').map((x) => x.trim()).filter((x) => x !== '')) {
      const ident = parseIdentifier(line);
      const cd = ident === null ? parseCheckDigitText(line) : undefined;
      if (ident !== null && ident !== undefined) field['x-identifier'] = ident;
      else if (cd) field['x-checkDigit'] = cd;
      else issue('identifier', '番号検査の種類を解釈できません (個人番号, 法人番号, 団体コード, 郵便番号, 郵便番号(ハイフン可), or 検査数字 mod 11; weights 2,3,4,5,6,7; 10=0, 11=0)');
    }
    const fc = parseFieldClass(cell(cells, 'fieldClass'));
    if (fc === null) issue('fieldClass', '項目区分を解釈できません');
    else if (fc !== undefined) field['x-fieldClass'] = fc;
    const personal = parsePersonal(cell(cells, 'personal'));
    if (personal === null) issue('personal', '個人情報の区分を解釈できません (○, ×, 特定個人情報)');
    else if (personal !== undefined) field['x-personal'] = personal;
    const req = parseYesNo(cell(cells, 'required'));
    if (req === undefined) issue('required', '必須の記載を解釈できません (required not understood): treated as optional');
    // id and repetition
    let fid = normaliseCell(cell(cells, 'id'));
    if (fid !== '' && !ID_RE.test(fid)) {
      issue('id', '項目IDは半角英字で始まる英数字・_ にしてください (id must be an ASCII identifier): a generated id was used');
      fid = '';
    }
    if (fid === '') fid = `item${String(ordinal).padStart(3, '0')}`;
    const repCell = cell(cells, 'repeat');
    let repeat = 1;
    if (repCell !== '') {
      const n = Number(normaliseCell(repCell).replace(/回$/, ''));
      if (!Number.isInteger(n) || n < 1) issue('repeat', '繰返し回数を解釈できません (repeat count not understood): imported once');
      else repeat = n;
    }
    const key = parseKey(cell(cells, 'key'));
    if (key === null) issue('key', 'キーの記載を解釈できません (PK, PK1, 主キー…)');
    const ref = parseReferences(cell(cells, 'references'));
    if (ref === null) issue('references', '参照先を解釈できません (write 1:juki/kojin.atenaNo)');
    if (repeat > 1 && ((key !== null && key !== undefined) || (ref && ref.length > 0))) issue('key', '繰返し項目はキーにできません (a repeated item cannot be a key): keys ignored');
    for (let i = 1; i <= repeat; i++) {
      const pid = repeat > 1 ? `${fid}_${i}` : fid;
      let unique = pid;
      for (let k = 2; properties[unique] !== undefined; k++) unique = `${pid}_${k}`;
      if (unique !== pid) issue('id', `項目ID ${pid} が重複しています: ${unique} としました (duplicate id)`);
      properties[unique] = repeat > 1 ? { ...field, title: `${name}(${i})` } : field;
      if (req && i === 1) required.push(unique);
      if (repeat === 1) {
        if (key !== null && key !== undefined) pk.push({ pos: key, order, id: unique });
        for (const e of ref ?? []) refs.push({ entry: e, id: unique, order });
      }
      order++;
    }
  }
  if (order === 0) {
    issues.push({ sheet: g.sheet, layout: id, reason: 'no items: the layout was not written' });
    return undefined;
  }
  const schema: Record<string, unknown> = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `chukan:${id}`,
    title,
    ...(g.meta.description ? { description: g.meta.description } : {}),
    'x-source': { basis: opts.source, date: opts.date ?? new Date().toISOString().slice(0, 10) },
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
  if (pk.length > 0) {
    pk.sort((a, b) => (a.pos || Infinity) - (b.pos || Infinity) || a.order - b.order);
    schema['x-primaryKey'] = pk.map((p) => p.id);
  }
  if (refs.length > 0) {
    const fks = new Map<string, Array<{ entry: RefEntry; id: string; order: number }>>();
    for (const r of refs) {
      const k = r.entry.group !== undefined ? `#${r.entry.group}` : r.entry.layout;
      if (!fks.has(k)) fks.set(k, []);
      fks.get(k)!.push(r);
    }
    const out: Array<{ fields: string[]; references: { layout: string; fields: string[] } }> = [];
    for (const [k, list] of [...fks.entries()].sort((a, b) => groupOrder(a[0]) - groupOrder(b[0]))) {
      const layouts = new Set(list.map((x) => x.entry.layout));
      if (layouts.size > 1) {
        issues.push({ sheet: g.sheet, layout: id, reason: `参照先 ${k} names several layouts (${[...layouts].join(', ')}): that foreign key was not imported` });
        continue;
      }
      list.sort((a, b) => a.order - b.order);
      out.push({ fields: list.map((x) => x.id), references: { layout: list[0].entry.layout, fields: list.map((x) => x.entry.field) } });
    }
    if (out.length > 0) schema['x-foreignKeys'] = out;
  }
  return {
    id, domainId, ...(domainName ? { domainName } : {}), fileId, title, fileName, sheet: g.sheet, items: order, schema,
    ...(entry ? { entry } : {}), ...(entry?.required !== undefined ? { required: entry.required } : {}),
  };
}

function groupOrder(k: string): number {
  return k.startsWith('#') ? Number(k.slice(1)) : 1e9;
}
