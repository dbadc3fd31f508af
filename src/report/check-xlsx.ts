/**
 * report.xlsx of `chukan check`, ready to print and file: 表紙 (cover, with the same facts as the
 * HTML cover and the 検収欄 boxes) first, then 概要 (summary), ファイル (files), 検出コード
 * (findings by code), 項目別 (by field), 是正依頼 (vendor requests), 例示 (samples, masked), 文字
 * (characters). Every list sheet has an autofilter and a frozen header row, and prints on A4 one
 * page wide with the header row repeated on every page; severities, statuses and kinds read in
 * Japanese first. Times are shown in the report's time zone. Every text cell goes through
 * neutraliseFormula, so no cell is ever evaluated as a formula.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../core/excel.ts';
import { neutraliseFormula } from '../core/spreadsheet-safe.ts';
import { displayInZone } from '../core/time-zone.ts';
import type { CheckReport } from './check-report.ts';
import { CHAR_KIND_LABEL, FILE_STATUS_LABEL, cellLabel, severityLabel } from './check-labels.ts';
import { REPORT_TITLE, SIGN_OFF_FIELDS, SIGN_OFF_TITLE, coverFacts } from './check-cover.ts';

type Cell = string | number | boolean | undefined;

/** Excel's paper size code for A4. */
const A4 = 9;
const MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF888888' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function safe(v: Cell): string | number | boolean | null {
  if (v === undefined) return null;
  return typeof v === 'string' ? neutraliseFormula(v) : v;
}

/** Header & footer codes: `&P / &N` is "page n of N" in Excel's own language. */
function footer(r: CheckReport): string {
  // & starts a code in header/footer text: a literal one is doubled.
  const name = `納品データ検査報告書 ${r.delivery.name}`.replace(/&/g, "&&");
  return `&L${name}&C&P / &N&R${r.verdictLabel.ja.replace(/&/g, '&&')}`;
}

/** A list sheet: bold header row, frozen and filtered; prints one page wide on A4 with the header on every page. */
function sheet(wb: ExcelJS.Workbook, r: CheckReport, name: string, header: string[], rows: Cell[][], widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: {
      paperSize: A4, orientation: widths.length > 6 ? 'landscape' : 'portrait',
      fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: MARGINS, printTitlesRow: '1:1',
    },
    headerFooter: { oddFooter: footer(r) },
  });
  ws.addRow(header.map((h) => safe(h)));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFECEFF1' } };
  head.alignment = { vertical: 'top', wrapText: true };
  for (const row of rows) ws.addRow(row.map(safe));
  widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: header.length } };
  return ws;
}

/** 表紙: title, the cover facts, and the 検収欄 (labels over tall empty boxes to sign or stamp). */
function coverSheet(wb: ExcelJS.Workbook, r: CheckReport): void {
  const ws = wb.addWorksheet('表紙 Cover', {
    pageSetup: { paperSize: A4, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 1, margins: MARGINS, horizontalCentered: true },
    headerFooter: { oddFooter: footer(r) },
    views: [{ showGridLines: false }],
  });
  [30, 26, 16, 12].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  const title = ws.addRow([safe(REPORT_TITLE.ja)]);
  ws.mergeCells(title.number, 1, title.number, 4);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  title.height = 28;
  const sub = ws.addRow([safe(REPORT_TITLE.en)]);
  ws.mergeCells(sub.number, 1, sub.number, 4);
  sub.alignment = { horizontal: 'center' };
  sub.font = { color: { argb: 'FF666666' } };
  ws.addRow([]);
  for (const f of coverFacts(r)) {
    const row = ws.addRow([safe(`${f.label.ja} ${f.label.en}`), safe(f.value)]);
    ws.mergeCells(row.number, 2, row.number, 4);
    row.getCell(1).font = { bold: true };
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFECEFF1' } };
    row.alignment = { vertical: 'top', wrapText: true };
    if (f.key === 'verdict') row.getCell(2).font = { bold: true, size: 14, color: { argb: r.verdict === 'accept' ? 'FF2E7D32' : r.verdict === 'fix' ? 'FFC62828' : 'FFB26A00' } };
    if (f.key === 'domains' || f.key === 'manifest') row.height = Math.max(20, 15 * Math.ceil(f.value.length / 60));
    for (let c = 1; c <= 4; c++) row.getCell(c).border = BOX;
  }
  ws.addRow([]);
  const t = ws.addRow([safe(`${SIGN_OFF_TITLE.ja} ${SIGN_OFF_TITLE.en}`)]);
  t.font = { bold: true, size: 13 };
  const labels = ws.addRow(SIGN_OFF_FIELDS.map((f) => safe(`${f.ja} ${f.en}`)));
  labels.alignment = { horizontal: 'center' };
  labels.font = { bold: true };
  const boxes = ws.addRow(SIGN_OFF_FIELDS.map(() => null));
  boxes.height = 72;
  for (const row of [labels, boxes]) for (let c = 1; c <= SIGN_OFF_FIELDS.length; c++) row.getCell(c).border = BOX;
  ws.pageSetup.printArea = `A1:D${boxes.number}`;
}

export async function renderCheckXlsx(r: CheckReport): Promise<Uint8Array> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = `chukan ${r.version}`;
  wb.created = new Date(r.finishedAt);
  const t = r.totals;
  const at = (iso: string) => displayInZone(iso, r.timeZone);
  coverSheet(wb, r);
  sheet(wb, r, '概要 Summary', ['項目 item', '値 value'], [
    ['判定 verdict', `${r.verdictLabel.ja} / ${r.verdictLabel.en}`],
    ['納品物 delivery', r.delivery.name],
    ['納品者 delivered by', r.delivery.manifest?.vendor ?? '—'],
    ['納品日 delivered on', r.delivery.manifest?.deliveredOn ?? '—'],
    ['検査日時 checked at', at(r.finishedAt)],
    ['検査開始 started at', at(r.startedAt)],
    ['時間帯 time zone', r.timeZone],
    ['カタログ catalog', `${r.delivery.catalog.id} ${r.delivery.catalog.version}`],
    ['納品目録 manifest', r.delivery.manifest ? `${r.delivery.manifest.fileName} (${r.delivery.manifest.sha256}; 作成 created ${at(r.delivery.manifest.createdAt)})` : 'なし none'],
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
  sheet(wb, r, 'ファイル Files', ['業務 domain', '業務名', 'ファイル file', 'ファイル名 file name', 'レイアウト layout', '状態 status', '件数 records', '目録件数 manifest records', 'バイト bytes', 'SHA-256', '目録 SHA-256', '文字コード charset', 'BOM', 'エラーのあるレコード records with errors', 'エラー errors', '警告 warnings'],
    r.domains.flatMap((d) => d.files.map((f): Cell[] => [d.id, d.name, f.name, f.fileName, f.layout, cellLabel(FILE_STATUS_LABEL[f.status]), f.records, f.expected?.records, f.bytes, f.sha256, f.expected?.sha256, f.encoding.charset, f.encoding.bom, f.recordsWithErrors, f.errors, f.warnings])),
    [10, 16, 14, 22, 16, 14, 12, 12, 12, 66, 66, 10, 6, 14, 10, 10]);
  sheet(wb, r, '検出コード By code', ['コード code', '内容', 'title', '重要度 severity', '既定の重要度 default', '件数 count', '例示数 samples', '打切り truncated', '是正依頼', 'advice'],
    Object.entries(r.findings.byCode).map(([code, c]): Cell[] => [code, c.title.ja, c.title.en, cellLabel(severityLabel(c.severity)), cellLabel(severityLabel(c.defaultSeverity)), c.count, c.samples, c.truncated, c.advice.ja, c.advice.en]),
    [30, 30, 30, 14, 14, 10, 10, 8, 60, 60]);
  sheet(wb, r, '項目別 By field', ['ファイル名 file', 'レイアウト layout', '項目 field', '項目名 title', '件数 count', 'コード別 codes'],
    r.findings.byField.map((f): Cell[] => [f.fileName, f.layout, f.field, f.title, f.count, Object.entries(f.codes).map(([c, k]) => `${c}: ${k}`).join(', ')]),
    [22, 16, 22, 22, 10, 60]);
  sheet(wb, r, '是正依頼 Requests', ['重要度 severity', 'コード code', '内容', '件数 count', '依頼事項', 'request', '対象ファイル files', '対象項目 fields'],
    r.vendorRequests.map((q): Cell[] => [cellLabel(severityLabel(q.severity)), q.code, q.title.ja, q.count, q.advice.ja, q.advice.en, q.files.join(', '), q.fields.join('、')]),
    [14, 30, 30, 10, 60, 60, 30, 40]);
  sheet(wb, r, '例示 Samples', ['コード code', '重要度 severity', 'ファイル file', 'レコード record', '行 line', 'バイト位置 offset', '項目 field', '値(マスク済) masked value', '内容', 'message'],
    r.findings.samples.map((s): Cell[] => [s.code, cellLabel(severityLabel(s.severity)), s.file, s.record, s.line, s.offset, s.field, s.sample, s.message.ja, s.message.en]),
    [30, 14, 22, 10, 10, 12, 20, 24, 60, 60]);
  sheet(wb, r, '文字 Characters', ['符号位置 code point', '種別 kind', '出現数 count', 'ファイル別 per file', '最初のファイル first file', '最初のレコード first record', '最初の項目 first field'],
    r.characters.list.map((c): Cell[] => [c.codePoint, cellLabel(CHAR_KIND_LABEL[c.kind]), c.count, Object.entries(c.files).map(([f, k]) => `${f}: ${k}`).join(', '), c.first.file, c.first.record, c.first.field]),
    [16, 20, 10, 40, 22, 12, 20]);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
