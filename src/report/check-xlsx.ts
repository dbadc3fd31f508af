/**
 * report.xlsx of `chukan check`: the same report object as sheets for the paperwork — 概要
 * (summary), ファイル (files), 検出コード (findings by code), 項目別 (by field), 是正依頼 (vendor
 * requests), 例示 (samples, masked), 文字 (characters). Every text cell goes through
 * neutraliseFormula, so no cell is ever evaluated as a formula.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../core/excel.ts';
import { neutraliseFormula } from '../core/spreadsheet-safe.ts';
import type { CheckReport } from './check-report.ts';

type Cell = string | number | boolean | undefined;

function safe(v: Cell): string | number | boolean | null {
  if (v === undefined) return null;
  return typeof v === 'string' ? neutraliseFormula(v) : v;
}

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][], widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header.map((h) => safe(h)));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFECEFF1' } };
  for (const r of rows) ws.addRow(r.map(safe));
  widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  return ws;
}

export async function renderCheckXlsx(r: CheckReport): Promise<Uint8Array> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = `chukan ${r.version}`;
  wb.created = new Date(r.finishedAt);
  const t = r.totals;
  sheet(wb, '概要 Summary', ['項目 item', '値 value'], [
    ['判定 verdict', `${r.verdictLabel.ja} / ${r.verdictLabel.en}`],
    ['納品物 delivery', r.delivery.name],
    ['検査日時 checked at', r.finishedAt],
    ['カタログ catalog', `${r.delivery.catalog.id} ${r.delivery.catalog.version}`],
    ['納品目録 manifest', r.delivery.manifest ? `${r.delivery.manifest.fileName} (${r.delivery.manifest.sha256})` : 'なし none'],
    ['業務数 domains', t.domains],
    ['ファイル数 files', t.files],
    ['検査済ファイル files checked', t.filesChecked],
    ['不足ファイル files missing', t.filesMissing],
    ['レコード数 records', t.records],
    ['バイト数 bytes', t.bytes],
    ['エラーのあるレコード records with errors', t.recordsWithErrors],
    ['検出事項 findings', t.findings],
    ['エラー errors', t.errors],
    ['警告 warnings', t.warnings],
    ['情報 infos', t.infos],
    ['例示の上限 samples per code', r.findings.maxSamplesPerCode],
    ['例示の打切り samples truncated', r.findings.truncated],
    ...r.delivery.notes.map((x): Cell[] => ['前提 note', `${x.ja} / ${x.en}`]),
    ['chukan', `${r.version} (${r.format})`],
  ], [40, 100]);
  sheet(wb, 'ファイル Files', ['業務 domain', '業務名', 'ファイル file', 'ファイル名 file name', 'レイアウト layout', '状態 status', '件数 records', '目録件数 manifest records', 'バイト bytes', 'SHA-256', '目録 SHA-256', '文字コード charset', 'BOM', 'エラーのあるレコード records with errors', 'エラー errors', '警告 warnings'],
    r.domains.flatMap((d) => d.files.map((f): Cell[] => [d.id, d.name, f.name, f.fileName, f.layout, f.status, f.records, f.expected?.records, f.bytes, f.sha256, f.expected?.sha256, f.encoding.charset, f.encoding.bom, f.recordsWithErrors, f.errors, f.warnings])),
    [10, 16, 14, 22, 16, 10, 12, 12, 12, 66, 66, 10, 6, 14, 10, 10]);
  sheet(wb, '検出コード By code', ['コード code', '内容', 'title', '重要度 severity', '既定の重要度 default', '件数 count', '例示数 samples', '打切り truncated', '是正依頼', 'advice'],
    Object.entries(r.findings.byCode).map(([code, c]): Cell[] => [code, c.title.ja, c.title.en, c.severity, c.defaultSeverity, c.count, c.samples, c.truncated, c.advice.ja, c.advice.en]),
    [30, 30, 30, 10, 10, 10, 10, 8, 60, 60]);
  sheet(wb, '項目別 By field', ['ファイル名 file', 'レイアウト layout', '項目 field', '項目名 title', '件数 count', 'コード別 codes'],
    r.findings.byField.map((f): Cell[] => [f.fileName, f.layout, f.field, f.title, f.count, Object.entries(f.codes).map(([c, k]) => `${c}: ${k}`).join(', ')]),
    [22, 16, 22, 22, 10, 60]);
  sheet(wb, '是正依頼 Requests', ['重要度 severity', 'コード code', '内容', '件数 count', '依頼事項', 'request', '対象ファイル files', '対象項目 fields'],
    r.vendorRequests.map((q): Cell[] => [q.severity, q.code, q.title.ja, q.count, q.advice.ja, q.advice.en, q.files.join(', '), q.fields.join('、')]),
    [10, 30, 30, 10, 60, 60, 30, 40]);
  sheet(wb, '例示 Samples', ['コード code', '重要度 severity', 'ファイル file', 'レコード record', '行 line', 'バイト位置 offset', '項目 field', '値(マスク済) masked value', '内容', 'message'],
    Object.values(r.findings.samples).flat().map((s): Cell[] => [s.code, s.severity, s.file, s.record, s.line, s.offset, s.field, s.sample, s.message.ja, s.message.en]),
    [30, 10, 22, 10, 10, 12, 20, 24, 60, 60]);
  sheet(wb, '文字 Characters', ['符号位置 code point', '種別 kind', '出現数 count', 'ファイル別 per file', '最初のファイル first file', '最初のレコード first record', '最初の項目 first field'],
    r.characters.list.map((c): Cell[] => [c.codePoint, c.kind, c.count, Object.entries(c.files).map(([f, k]) => `${f}: ${k}`).join(', '), c.first.file, c.first.record, c.first.field]),
    [16, 10, 10, 40, 22, 12, 20]);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
