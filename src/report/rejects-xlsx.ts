/**
 * The rejects of one input as a workbook (`convert --rejects-xlsx`), for staff who open them in
 * Excel: the same rows as `<input>.rejects.csv`, read back from that file once it is committed (so
 * the two cannot disagree, and the conversion itself is untouched), with the original text and,
 * beside it, the bytes that could not be decoded, in hex. Numbers are numbers; row 1 is a
 * bilingual header that is frozen, filtered and printed on every page (A4 landscape, one page
 * wide). Every text cell goes through neutraliseFormula; characters XML cannot hold (C0 controls,
 * a NUL in the data) are shown as their Unicode control pictures (U+2400 …) instead of making a
 * file Excel refuses to open. Streamed: a million rejects never sit in memory.
 */
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { loadExcelJS } from '../core/excel.ts';
import { getCharset } from '../encoding/index.ts';
import { readCsvFile } from '../readers/index.ts';
import { neutraliseFormula } from '../core/spreadsheet-safe.ts';
import { AtomicFileWriter } from '../pipeline/atomic-file.ts';

/** The rejects CSV's columns (src/pipeline/file-run.ts) and their headings in the workbook. */
const COLUMNS: { key: string; ja: string; en: string; width: number; number?: true }[] = [
  { key: 'record', ja: 'レコード番号', en: 'record', width: 10, number: true },
  { key: 'line', ja: '行', en: 'line', width: 8, number: true },
  { key: 'offset', ja: 'バイト位置', en: 'byte offset', width: 12, number: true },
  { key: 'codes', ja: 'コード', en: 'codes', width: 26 },
  { key: 'fields', ja: '項目', en: 'fields', width: 18 },
  { key: 'message', ja: '理由', en: 'reasons', width: 60 },
  { key: 'raw', ja: '元のテキスト', en: 'original text', width: 80 },
  { key: 'bytes', ja: '読めないバイト（16進）', en: 'undecodable bytes (hex)', width: 28 },
];

/** Excel's limits: rows per sheet (header included) and characters per cell. */
export const XLSX_MAX_ROWS = 1_048_576;
const MAX_CELL_CHARS = 32_767;
/** A rejects row holds a whole input record (up to the input reader's 4 MiB) plus its messages. */
const MAX_REJECT_ROW_BYTES = 64 * 1024 * 1024;
const CUT_MARK = '…（以下省略 truncated）';

/** Text XML 1.0 can carry: C0 controls but TAB/LF/CR and DEL become control pictures, U+FFFE/FFFF and lone surrogates U+FFFD. */
export function xmlSafeText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
    .replace(/\u007F/g, '\u2421')
    .replace(/[\uFFFE\uFFFF]|\p{Cs}/gu, '\uFFFD');
}

function cell(text: string, asNumber: boolean | undefined): string | number | null {
  if (text === '') return null;
  if (asNumber && /^\d+$/.test(text)) return Number(text);
  // A line break inside a cell is LF in Excel (and XML would turn a bare CR into LF anyway).
  let t = xmlSafeText(neutraliseFormula(text)).replace(/\r\n?/g, '\n');
  if (t.length > MAX_CELL_CHARS) t = t.slice(0, MAX_CELL_CHARS - CUT_MARK.length) + CUT_MARK;
  return t;
}

export interface RejectsXlsxResult {
  path: string;
  rows: number;
  sheets: number;
}

/**
 * Writes `xlsxPath` from the committed rejects CSV at `csvPath` (`input`: the input as shown, for
 * the page footer). Atomic and mode 0600 like every file holding values.
 */
export async function writeRejectsXlsx(csvPath: string, xlsxPath: string, input: string, opts: { maxRowsPerSheet?: number } = {}): Promise<RejectsXlsxResult> {
  const maxRows = opts.maxRowsPerSheet ?? XLSX_MAX_ROWS;
  const Excel = await loadExcelJS();
  const out = await AtomicFileWriter.create(xlsxPath, 0o600);
  // exceljs streams the zip into this; the writer hashes, buffers and fsyncs like every output.
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) { out.write(Buffer.from(chunk)).then(() => cb(), cb); },
  });
  try {
    const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
    const footer = `&L${`除外レコード ${input}`.replace(/&/g, '&&')}&C&P / &N`;
    let ws: ReturnType<typeof wb.addWorksheet> | undefined;
    let sheets = 0;
    let inSheet = 0;
    let rows = 0;
    const newSheet = () => {
      if (ws) { ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: inSheet, column: COLUMNS.length } }; ws.commit(); }
      sheets++;
      ws = wb.addWorksheet(sheets === 1 ? '除外レコード Rejects' : `除外レコード Rejects (${sheets})`, {
        views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }],
        pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
        headerFooter: { oddFooter: footer },
      });
      COLUMNS.forEach((c, i) => { ws!.getColumn(i + 1).width = c.width; });
      const head = ws.addRow(COLUMNS.map((c) => `${c.ja} ${c.en}`));
      head.font = { bold: true };
      head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFECEFF1' } };
      head.commit();
      inSheet = 1;
    };
    newSheet();
    let index: number[] | undefined;
    // chukan's own CSV reader: the rejects file is chukan's UTF-8 CSV (BOM, CRLF, quoted fields).
    for await (const batch of readCsvFile(csvPath, { file: csvPath, charset: getCharset('utf-8'), maxRecordBytes: MAX_REJECT_ROW_BYTES })) {
      for (const rec of batch.records) {
        const row = rec.fields;
        if (!index) {
          // The header row names the columns; a rejects file without some column leaves it empty.
          index = COLUMNS.map((c) => row.indexOf(c.key));
          continue;
        }
        if (inSheet >= maxRows) newSheet();
        ws!.addRow(COLUMNS.map((c, i) => cell(index![i] >= 0 ? row[index![i]] ?? '' : '', c.number))).commit();
        inSheet++;
        rows++;
      }
    }
    ws!.autoFilter = { from: { row: 1, column: 1 }, to: { row: inSheet, column: COLUMNS.length } };
    ws!.commit();
    await wb.commit();
    await finished(sink);
    await out.commit();
    return { path: xlsxPath, rows, sheets };
  } catch (err) {
    sink.destroy();
    await out.abort();
    throw err;
  }
}
