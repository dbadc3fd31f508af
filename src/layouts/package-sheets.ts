/**
 * The sheets of a 中間標準レイアウト仕様 package besides the item sheets (データ項目一覧表):
 * 移行ファイル構成表 (the files of each 業務, with keys), 移行ファイル関連図 (key relations, where given
 * as a table), コード構成表 (which items are codes, and their code sets) and コード一覧 (code values
 * and labels) — the package 住民記録システム標準仕様書 第1.0版 10.6 names as the exit data. The
 * sheets are read into plain tables here; import-book.ts joins them with the items. What a cell or
 * column means is never guessed: anything not understood is an ImportIssue.
 */
import { normaliseCell } from './item-notation.ts';
import type { BookSheet, ImportIssue } from './book-sheet.ts';
import { columnLetter } from './book-sheet.ts';

export const PACKAGE_SHEET_KINDS = ['fileList', 'relations', 'codeSets', 'codeValues'] as const;
export type PackageSheetKind = (typeof PACKAGE_SHEET_KINDS)[number];

export const PACKAGE_SHEET_NAMES_JA: Record<PackageSheetKind, string> = {
  fileList: '移行ファイル構成表',
  relations: '移行ファイル関連図',
  codeSets: 'コード構成表',
  codeValues: 'コード一覧',
};

/** Columns of each package sheet, in the order the export writes them. */
export const PACKAGE_COLUMNS = {
  fileList: ['no', 'domainId', 'domainName', 'fileId', 'fileTitle', 'fileName', 'required', 'primaryKey', 'items', 'description', 'source'],
  relations: ['no', 'fromFile', 'fromItems', 'toFile', 'toItems'],
  codeSets: ['no', 'codeId', 'codeName', 'file', 'item', 'source'],
  codeValues: ['codeId', 'codeName', 'code', 'label', 'usedBy'],
} as const satisfies Record<PackageSheetKind, readonly string[]>;

export type PackageColumn<K extends PackageSheetKind> = (typeof PACKAGE_COLUMNS)[K][number];

/** Header names per column; the first is what the export writes. */
export const PACKAGE_HEADERS: { [K in PackageSheetKind]: Record<PackageColumn<K>, string[]> } = {
  fileList: {
    no: ['No', 'No.', '項番', '番号', '連番'],
    domainId: ['業務ID'],
    domainName: ['業務名', '業務'],
    fileId: ['ファイルID', 'レイアウトID'],
    fileTitle: ['ファイル名', 'ファイル名称', '移行ファイル名', '移行ファイル名称'],
    fileName: ['標準ファイル名', '物理ファイル名', 'CSVファイル名', 'ファイル物理名'],
    required: ['必須', '必須区分', '提供必須'],
    primaryKey: ['主キー', 'キー項目', '主キー項目'],
    items: ['項目数'],
    description: ['説明', '概要', 'ファイル説明', '内容'],
    source: ['出典'],
  },
  relations: {
    no: ['No', 'No.', '項番', '関連番号', '関連No'],
    fromFile: ['関連元ファイル', '参照元ファイル', '子ファイル'],
    fromItems: ['関連元項目', '参照元項目', '子項目'],
    toFile: ['関連先ファイル', '参照先ファイル', '親ファイル'],
    toItems: ['関連先項目', '参照先項目', '親項目'],
  },
  codeSets: {
    no: ['No', 'No.', '項番', '番号'],
    codeId: ['コード表ID', 'コードID', 'コード番号'],
    codeName: ['コード表名', 'コード名称', 'コード名', 'コード表名称'],
    file: ['ファイル', 'ファイル名', 'ファイルID', '対象ファイル'],
    item: ['項目', '項目名', '項目ID', '対象項目', '項目名称'],
    source: ['出典'],
  },
  // コード名称 here is a code's label (コード 1, コード名称 男); the list's name is コード表名.
  codeValues: {
    codeId: ['コード表ID', 'コードID', 'コード番号'],
    codeName: ['コード表名', 'コード表名称', 'コード名'],
    code: ['コード', 'コード値', '値', '区分値'],
    label: ['コード名称', '名称', '内容', '意味', 'コード内容', '値名称', '表示名', 'コード値名称'],
    usedBy: ['使用項目', '使用箇所'],
  },
};

/** Sheet names that say which package sheet a sheet is (NFKC, spaces removed; exact match). */
export const PACKAGE_SHEET_ALIASES: Record<PackageSheetKind, string[]> = {
  fileList: ['移行ファイル構成表', 'ファイル構成表', 'ファイル一覧', '移行ファイル一覧'],
  relations: ['移行ファイル関連図', 'ファイル関連図', '関連図', 'ファイル関連表'],
  codeSets: ['コード構成表', 'コード定義一覧', 'コード項目一覧'],
  codeValues: ['コード一覧', 'コード値一覧', 'コード表一覧'],
};

/** Columns that must all be found for a header row of that kind (any one of each inner list). */
const REQUIRED: { [K in PackageSheetKind]: Array<Array<PackageColumn<K>>> } = {
  fileList: [['fileTitle', 'fileId'], ['fileName', 'required', 'primaryKey']],
  relations: [['fromFile'], ['fromItems'], ['toFile'], ['toItems']],
  codeSets: [['codeId', 'codeName'], ['item']],
  codeValues: [['codeId', 'codeName'], ['code'], ['label']],
};

export type ColumnSpec = string[] | { col: number };

export interface PackageSheetSpec<K extends PackageSheetKind = PackageSheetKind> {
  sheets: string[];
  columns: Record<PackageColumn<K>, ColumnSpec>;
}

export type PackageProfile = { [K in PackageSheetKind]: PackageSheetSpec<K> };

export function defaultPackageProfile(): PackageProfile {
  const out = {} as Record<PackageSheetKind, PackageSheetSpec>;
  for (const k of PACKAGE_SHEET_KINDS) {
    out[k] = { sheets: [...PACKAGE_SHEET_ALIASES[k]], columns: Object.fromEntries(Object.entries(PACKAGE_HEADERS[k]).map(([c, v]) => [c, [...v]])) as never };
  }
  return out as PackageProfile;
}

/** One data row of a package sheet: cells by column role, plus where it was. */
export interface PackageRow<K extends PackageSheetKind = PackageSheetKind> {
  sheet: string;
  /** 1-based row. */
  row: number;
  cells: Partial<Record<PackageColumn<K>, string>>;
  /** Column letter of each role, for issues. */
  columns: Partial<Record<PackageColumn<K>, string>>;
}

export interface PackageTables {
  fileList: PackageRow<'fileList'>[];
  relations: PackageRow<'relations'>[];
  codeSets: PackageRow<'codeSets'>[];
  codeValues: PackageRow<'codeValues'>[];
  /** Sheets read as package sheets, by kind. */
  sheets: Array<{ sheet: string; kind: PackageSheetKind; rows: number }>;
}

export function emptyTables(): PackageTables {
  return { fileList: [], relations: [], codeSets: [], codeValues: [], sheets: [] };
}

const key = (s: string) => normaliseCell(s).toLowerCase();

/** The package kind a sheet's name announces, if any. */
export function kindBySheetName(name: string, profile: PackageProfile): PackageSheetKind | undefined {
  const n = key(name);
  for (const k of PACKAGE_SHEET_KINDS) if (profile[k].sheets.some((s) => key(s) === n)) return k;
  return undefined;
}

interface Header<K extends PackageSheetKind> {
  row: number;
  cols: Partial<Record<PackageColumn<K>, number>>;
  /** Header cells with text that name no column of this kind. */
  unknown: Array<{ col: number; text: string }>;
}

function matchHeader<K extends PackageSheetKind>(cells: string[], spec: PackageSheetSpec<K>): Header<K>['cols'] & { __unknown?: never } {
  const cols: Partial<Record<PackageColumn<K>, number>> = {};
  const alias = new Map<string, PackageColumn<K>>();
  for (const [role, names] of Object.entries(spec.columns) as Array<[PackageColumn<K>, ColumnSpec]>) {
    if (Array.isArray(names)) for (const n of names) if (!alias.has(key(n))) alias.set(key(n), role);
  }
  cells.forEach((c, i) => {
    const role = alias.get(key(c));
    if (role !== undefined && cols[role] === undefined) cols[role] = i;
  });
  for (const [role, names] of Object.entries(spec.columns) as Array<[PackageColumn<K>, ColumnSpec]>) {
    if (!Array.isArray(names)) cols[role] = names.col - 1;
  }
  return cols;
}

/** The header row of a package sheet of kind `kind` within its first 30 rows. */
export function findPackageHeader<K extends PackageSheetKind>(sheet: BookSheet, kind: K, spec: PackageSheetSpec<K>): Header<K> | undefined {
  for (let r = 0; r < Math.min(30, sheet.rows.length); r++) {
    const cols = matchHeader(sheet.rows[r], spec);
    const ok = (REQUIRED[kind] as Array<Array<PackageColumn<K>>>).every((any) => any.some((c) => cols[c] !== undefined));
    if (!ok) continue;
    const used = new Set(Object.values(cols) as number[]);
    const unknown = sheet.rows[r]
      .map((text, col) => ({ col, text: text.trim() }))
      .filter((x) => x.text !== '' && !used.has(x.col));
    return { row: r, cols, unknown };
  }
  return undefined;
}

/** Reads the data rows of a package sheet (rows after the header; empty rows are skipped). */
export function readPackageSheet<K extends PackageSheetKind>(sheet: BookSheet, kind: K, header: Header<K>, issues: ImportIssue[]): PackageRow<K>[] {
  for (const u of header.unknown) {
    issues.push({
      sheet: sheet.name, row: header.row + 1, column: columnLetter(u.col), header: u.text, value: u.text,
      reason: `${PACKAGE_SHEET_NAMES_JA[kind]}のこの列は解釈できないため読みません (column not understood in a ${kind} sheet: ignored)`,
    });
  }
  const out: PackageRow<K>[] = [];
  const entries = Object.entries(header.cols) as Array<[PackageColumn<K>, number]>;
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (row.every((v) => v.trim() === '')) continue;
    const cells: Partial<Record<PackageColumn<K>, string>> = {};
    const columns: Partial<Record<PackageColumn<K>, string>> = {};
    for (const [role, c] of entries) {
      cells[role] = (row[c] ?? '').trim();
      columns[role] = columnLetter(c);
    }
    const used = new Set(entries.map(([, c]) => c));
    row.forEach((v, c) => {
      if (v.trim() !== '' && !used.has(c) && !header.unknown.some((u) => u.col === c)) {
        issues.push({ sheet: sheet.name, row: r + 1, column: columnLetter(c), value: v, reason: '見出しのない列の値は読みません (value in a column without a header: ignored)' });
      }
    });
    out.push({ sheet: sheet.name, row: r + 1, cells, columns });
  }
  return out;
}

/** Splits a cell naming several items: line breaks, 、 , ， ; (not ・, which item names use). */
export function splitItems(cell: string): string[] {
  return cell.split(/[\n\r、,，;；]+/).map((s) => s.trim()).filter((s) => s !== '');
}
