/**
 * Writes layouts back as a 項目定義書 a municipal officer can read: Japanese headers, in the sheets
 * of a 中間標準レイアウト仕様 package — 移行ファイル構成表, 移行ファイル関連図, one データ項目一覧表 sheet per
 * file, コード構成表, コード一覧 (xlsx, or one CSV per sheet in a folder) — or one CSV with the file
 * named on every row, or Markdown tables. The xlsx and CSV forms import again with the default
 * profile to the same layouts, and import → export → import is a fixed point
 * (test/layouts/book-roundtrip.test.ts, test/layouts/package-import.test.ts).
 */
import { loadExcelJS } from '../core/excel.ts';
import { neutraliseFormula } from '../core/spreadsheet-safe.ts';
import type { CompiledLayout } from './compile.ts';
import { COLUMN_HEADERS_JA, ITEM_COLUMNS, itemCells, FILE_COLUMNS, type ItemCells } from './item-notation.ts';
import { codeTableLabel, codeTables, type CodeTable } from './code-tables.ts';
import { codeListLabel } from './code-lists.ts';
import { PACKAGE_COLUMNS, PACKAGE_HEADERS, PACKAGE_SHEET_NAMES_JA, type PackageSheetKind } from './package-sheets.ts';

export interface ExportFile {
  domainId: string;
  domainName: string;
  /** Catalog file id. */
  fileId: string;
  /** Japanese file name (catalog name, else the layout title). */
  name: string;
  fileName: string;
  /** The catalog's 必須 for the file. */
  required?: boolean;
  layout: CompiledLayout;
}

export function fileRows(f: ExportFile): ItemCells[] {
  const l = f.layout;
  return l.fields.map((field) => itemCells(field, { primaryKey: l.primaryKey, foreignKeys: l.foreignKeys, codeLists: l.codeLists }));
}

const META_LABELS = ['業務ID', '業務名', 'ファイルID', 'ファイル名', '標準ファイル名', '説明', '出典'] as const;

function metaValues(f: ExportFile): string[] {
  const src = f.layout.source;
  return [
    f.domainId, f.domainName, f.layout.id, f.name, f.fileName, f.layout.layout.description ?? '',
    src ? [src.basis, src.version, src.date].filter(Boolean).join(' / ') : '',
  ];
}

function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || 'sheet';
  let n = base;
  for (let i = 2; used.has(n); i++) n = `${base}_${i}`;
  used.add(n);
  return n;
}

const WIDTHS: Partial<Record<(typeof ITEM_COLUMNS)[number], number>> = {
  itemNo: 8, id: 22, name: 28, type: 16, charClass: 18, length: 10, unit: 12, required: 6, repeat: 8, code: 26, pattern: 26,
  enum: 14, key: 8, references: 30, identifier: 12, personal: 12, fieldClass: 14, remarks: 50,
};

/** Header row and data rows of one package sheet. */
export interface PackageSheetRows {
  kind: PackageSheetKind;
  name: string;
  rows: string[][];
}

const headerOf = (k: PackageSheetKind) => (PACKAGE_COLUMNS[k] as readonly string[]).map((c) => (PACKAGE_HEADERS[k] as Record<string, string[]>)[c][0]);
const joinIds = (ids: readonly string[]) => ids.join('、');

/** 移行ファイル構成表 and 移行ファイル関連図 for the files exported. */
export function fileSheets(files: ExportFile[]): PackageSheetRows[] {
  const list = files.map((f, i) => {
    const src = metaValues(f)[6];
    return [String(i + 1), f.domainId, f.domainName, f.layout.id, f.name, f.fileName, f.required === true ? '○' : f.required === false ? '×' : '',
      joinIds(f.layout.primaryKey), String(f.layout.fields.length), f.layout.layout.description ?? '', src];
  });
  const rel: string[][] = [];
  for (const f of files) {
    for (const fk of f.layout.foreignKeys) rel.push([String(rel.length + 1), f.layout.id, joinIds(fk.fields), fk.references.layout, joinIds(fk.references.fields)]);
  }
  return [
    { kind: 'fileList', name: PACKAGE_SHEET_NAMES_JA.fileList, rows: [headerOf('fileList'), ...list] },
    { kind: 'relations', name: PACKAGE_SHEET_NAMES_JA.relations, rows: [headerOf('relations'), ...rel] },
  ];
}

/**
 * コード構成表 (one row per code list and file, naming its items) and コード一覧: every code table of
 * the exported files once, one row per code, with the fields that use it (a list shared by several
 * files names all their fields). A field's inline values (enum) are listed too, under the label
 * `項目 種別 (kind) の値` and no コード表ID: they are the item's 許可値, which import reads from the
 * item sheet, so import passes over those rows.
 */
export function codeSheets(files: ExportFile[]): PackageSheetRows[] {
  const sets: string[][] = [];
  const tables = new Map<string, { t: CodeTable; users: string[] }>();
  for (const f of files) {
    for (const t of codeTables(f.layout)) {
      const key = `${t.inline ? f.layout.id + '.' : ''}${t.id}`;
      const users = t.fields.map((x) => `${f.layout.id}.${x.id} ${x.title}`);
      const seen = tables.get(key);
      if (seen) seen.users.push(...users);
      else tables.set(key, { t, users });
      if (t.inline) continue;
      const l = f.layout.codeLists.get(t.id);
      sets.push([String(sets.length + 1), t.id, t.name, f.layout.id, joinIds(t.fields.map((x) => x.id)), l ? codeListLabel(l) : '']);
    }
  }
  const values: string[][] = [];
  for (const { t, users } of tables.values()) {
    for (const c of t.codes) values.push([t.inline ? '' : t.id, t.inline ? codeTableLabel(t) : t.name, c.code, c.name, users.join('\n')]);
  }
  return [
    { kind: 'codeSets', name: PACKAGE_SHEET_NAMES_JA.codeSets, rows: [headerOf('codeSets'), ...sets] },
    { kind: 'codeValues', name: PACKAGE_SHEET_NAMES_JA.codeValues, rows: [headerOf('codeValues'), ...values] },
  ];
}

function addTableSheet(wb: import('exceljs').Workbook, t: PackageSheetRows, used: Set<string>, widths: number[]): void {
  const ws = wb.addWorksheet(sheetName(t.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
  t.rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    // Strings stay strings: a code "01" must not become the number 1.
    r.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      if (i === 0) cell.font = { bold: true };
    });
  });
  ws.columns.forEach((c, i) => (c.width = widths[i] ?? 14));
}

export async function exportXlsx(files: ExportFile[]): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = 'chukan';
  const used = new Set<string>();
  const [fileList, relations] = fileSheets(files);
  addTableSheet(wb, fileList, used, [6, 12, 18, 22, 24, 26, 6, 30, 8, 40, 60]);
  addTableSheet(wb, relations, used, [6, 22, 30, 22, 30]);
  for (const f of files) {
    const ws = wb.addWorksheet(sheetName(f.name, used), { views: [{ state: 'frozen', ySplit: META_LABELS.length + 3 }] });
    ws.getCell(1, 1).value = `データ項目一覧表 — ${f.domainName} ${f.name}`;
    ws.mergeCells(1, 1, 1, 6);
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    const mv = metaValues(f);
    META_LABELS.forEach((label, i) => {
      ws.getCell(i + 2, 1).value = label;
      ws.getCell(i + 2, 1).font = { bold: true };
      ws.getCell(i + 2, 2).value = mv[i];
      ws.mergeCells(i + 2, 2, i + 2, 6);
    });
    const headerRow = META_LABELS.length + 3;
    const header = ws.getRow(headerRow);
    ITEM_COLUMNS.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = COLUMN_HEADERS_JA[c];
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.border = { bottom: { style: 'thin' } };
      ws.getColumn(i + 1).width = WIDTHS[c] ?? 12;
    });
    fileRows(f).forEach((cells, k) => {
      const row = ws.getRow(headerRow + 1 + k);
      ITEM_COLUMNS.forEach((c, i) => {
        // Strings stay strings (a 桁数 "6(固定)" or a code "01" must not become a number or a formula).
        const cell = row.getCell(i + 1);
        cell.value = cells[c];
        if (cells[c].includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
      });
    });
  }
  const [codeSets, codeValues] = codeSheets(files);
  addTableSheet(wb, codeSets, used, [6, 22, 18, 22, 40, 60]);
  addTableSheet(wb, codeValues, used, [26, 28, 10, 36, 60]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvCell(v: string): string {
  const s = neutraliseFormula(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV (UTF-8 with BOM, CRLF): file columns then item columns, one row per item. */
export function exportCsv(files: ExportFile[]): string {
  const head = [...FILE_COLUMNS, ...ITEM_COLUMNS].map((c) => COLUMN_HEADERS_JA[c]);
  const lines = [head.map(csvCell).join(',')];
  for (const f of files) {
    const fileCells = [f.domainId, f.domainName, f.layout.id, f.name, f.fileName];
    for (const cells of fileRows(f)) lines.push([...fileCells, ...ITEM_COLUMNS.map((c) => cells[c])].map(csvCell).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/**
 * The package as CSV files (UTF-8 with BOM, CRLF): 移行ファイル構成表.csv, 移行ファイル関連図.csv,
 * データ項目一覧表.csv (the one-CSV item form), コード構成表.csv, コード一覧.csv. A folder holding them
 * imports with `chukan layouts import FOLDER`.
 */
export function exportPackageCsv(files: ExportFile[]): Map<string, string> {
  const out = new Map<string, string>();
  const table = (rows: string[][]) => '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  const [fileList, relations] = fileSheets(files);
  const [codeSets, codeValues] = codeSheets(files);
  out.set(`${fileList.name}.csv`, table(fileList.rows));
  out.set(`${relations.name}.csv`, table(relations.rows));
  out.set('データ項目一覧表.csv', exportCsv(files));
  out.set(`${codeSets.name}.csv`, table(codeSets.rows));
  out.set(`${codeValues.name}.csv`, table(codeValues.rows));
  return out;
}

function mdCell(v: string): string {
  return v.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

const MD_COLUMNS = ITEM_COLUMNS.filter((c) => c !== 'repeat' && c !== 'enum');

export function exportMarkdown(files: ExportFile[]): string {
  const out: string[] = [];
  let domain = '';
  for (const f of files) {
    if (f.domainId !== domain) {
      domain = f.domainId;
      out.push(`# ${f.domainName} (${f.domainId})`, '');
    }
    out.push(`## ${f.name} — \`${f.layout.id}\` (${f.fileName})`, '');
    if (f.layout.layout.description) out.push(f.layout.layout.description, '');
    const src = metaValues(f)[6];
    if (src) out.push(`出典: ${src}`, '');
    out.push(`| ${MD_COLUMNS.map((c) => COLUMN_HEADERS_JA[c]).join(' | ')} |`, `|${MD_COLUMNS.map(() => '---').join('|')}|`);
    for (const cells of fileRows(f)) out.push(`| ${MD_COLUMNS.map((c) => mdCell(cells[c])).join(' | ')} |`);
    out.push('');
    const tables = codeTables(f.layout);
    if (tables.length > 0) {
      out.push('### コード一覧', '', '| コード表 | コード | コード名称 | 使用項目 |', '|---|---|---|---|');
      for (const t of tables) {
        const users = t.fields.map((x) => `${x.id} ${x.title}`).join(', ');
        for (const c of t.codes) out.push(`| ${mdCell(codeTableLabel(t))} | ${mdCell(c.code)} | ${mdCell(c.name)} | ${mdCell(users)} |`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}
