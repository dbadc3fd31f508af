/**
 * Writes layouts back as a 項目定義書 a municipal officer can read: Japanese headers, one sheet per
 * file (xlsx, with a ファイル一覧 sheet first), one CSV with the file named on every row, or
 * Markdown tables. The xlsx and CSV forms import again with the default profile to the same layout
 * (test/layouts/book-roundtrip.test.ts).
 */
import { loadExcelJS } from '../core/excel.ts';
import { neutraliseFormula } from '../core/spreadsheet-safe.ts';
import type { CompiledLayout } from './compile.ts';
import { COLUMN_HEADERS_JA, ITEM_COLUMNS, itemCells, FILE_COLUMNS, type ItemCells } from './item-notation.ts';
import { codeTableLabel, codeTables, type CodeTable } from './code-tables.ts';

export interface ExportFile {
  domainId: string;
  domainName: string;
  /** Catalog file id. */
  fileId: string;
  /** Japanese file name (catalog name, else the layout title). */
  name: string;
  fileName: string;
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

export async function exportXlsx(files: ExportFile[]): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = 'chukan';
  const used = new Set<string>();
  const list = wb.addWorksheet(sheetName('ファイル一覧', used));
  list.addRow(['No', '業務ID', '業務名', 'ファイルID', 'ファイル名', '標準ファイル名', '項目数', '出典']).font = { bold: true };
  files.forEach((f, i) => list.addRow([i + 1, f.domainId, f.domainName, f.layout.id, f.name, f.fileName, f.layout.fields.length, metaValues(f)[6]]));
  list.columns.forEach((c, i) => (c.width = [6, 12, 18, 22, 24, 26, 8, 60][i]));
  for (const f of files) {
    const ws = wb.addWorksheet(sheetName(f.name, used), { views: [{ state: 'frozen', ySplit: META_LABELS.length + 3 }] });
    ws.getCell(1, 1).value = `項目定義書 — ${f.domainName} ${f.name}`;
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
  addCodeSheet(wb.addWorksheet(sheetName('コード一覧', used)), files);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CODE_HEADERS = ['コード表ID', 'コード表名', 'コード', 'コード名称', '使用項目'];

/**
 * Every code table of the exported files once (a list shared by several files names all their
 * fields). Its header has no 項目名 column, so `layouts import` skips the sheet as a code table.
 */
function addCodeSheet(ws: import('exceljs').Worksheet, files: ExportFile[]): void {
  const tables = new Map<string, { t: CodeTable; users: string[] }>();
  for (const f of files) {
    for (const t of codeTables(f.layout)) {
      const key = `${t.inline ? f.layout.id + '.' : ''}${t.id}`;
      const users = t.fields.map((x) => `${f.layout.id}.${x.id} ${x.title}`);
      const seen = tables.get(key);
      if (seen) seen.users.push(...users);
      else tables.set(key, { t, users });
    }
  }
  ws.addRow(CODE_HEADERS).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const { t, users } of tables.values()) {
    for (const c of t.codes) ws.addRow([t.id, t.name, c.code, c.name, users.join('\n')].map(neutraliseFormula));
  }
  ws.columns.forEach((c, i) => (c.width = [26, 28, 10, 36, 60][i]));
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
