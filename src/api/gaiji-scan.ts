/**
 * `chukan gaiji scan`: the 外字 inventory of one or more exports, and a 外字対応表 template for the
 * vendor to fill (CSV and xlsx). Streams every file through the CSV reader; nothing is held but the
 * per-code-point tallies.
 */
import { basename, join } from 'node:path';
import { loadExcelJS } from '../core/excel.ts';
import { UsageError } from '../core/errors.ts';
import { neutraliseFormula } from '../core/spreadsheet-safe.ts';
import { getCharset } from '../encoding/index.ts';
import { readCsvFile } from '../readers/index.ts';
import { loadMapping } from '../mapping/index.ts';
import { createGaijiInventory, type GaijiEntry } from '../cleanse/gaiji-inventory.ts';
import { getRepertoire, isRepertoireName, REPERTOIRES, type RepertoireName } from '../cleanse/repertoire.ts';
import { TEMPLATE_COLUMNS, readGaijiTableRows } from '../cleanse/gaiji-table.ts';
import { mojidataMissingMessage, openMojidata } from '../cleanse/mj-database.ts';
import { SUGGESTION_COLUMNS, suggestionCells, type VendorRow } from './gaiji-suggest.ts';
import { AtomicFileWriter } from '../pipeline/atomic-file.ts';
import { formatCsvRow } from '../pipeline/csv-format.ts';
import { prepareOutputDir } from '../pipeline/output-dir.ts';
import { refuseOutputsOverInputs, type RunFile } from '../core/same-file.ts';
import type { StaleTemp } from '../pipeline/stale-temps.ts';

const TEMPLATE_FILES = ['gaiji-table-template.csv', 'gaiji-table-template.xlsx'] as const;

export interface GaijiScanOptions {
  files: string[];
  /** Mapping file: source charset/delimiter/header, and fields named by target (or source) column. */
  mapping?: string;
  /** Source charset when there is no mapping (default cp932). */
  from?: string;
  /** Also list characters outside this repertoire (default: PUA only). */
  repertoire?: RepertoireName;
  /** Without a mapping: the first record is a header (named columns, not scanned). Default false. */
  header?: boolean;
  maxLocations?: number;
  /** Scan only the first N data records of each file (the header row is not counted). */
  limit?: number;
  /** Directory for gaiji-table-template.csv / .xlsx. */
  templateOut?: string;
  /** The vendor's (partly filled) 外字対応表: its cells are carried into the template. */
  table?: string;
  /** Add MJ文字情報 suggestions (candidate MJ glyphs, UCS + IVS, 縮退 to JIS X 0208) to the template. */
  mj?: boolean;
  /** Where @mandel59/mojidata is looked up besides chukan's own folder. */
  cwd?: string;
  /** Test hook: the moji.db to open. */
  mojidataDb?: string;
}

export interface GaijiScanResult {
  charset: string;
  repertoire?: RepertoireName;
  files: { file: string; records: number }[];
  entries: GaijiEntry[];
  totalHits: number;
  template?: { csv: string; xlsx: string; suggested?: number; staleTempsRemoved?: StaleTemp[] };
}

export async function gaijiScan(opts: GaijiScanOptions): Promise<GaijiScanResult> {
  if (opts.files.length === 0) throw new UsageError('name at least one export file');
  if (opts.repertoire !== undefined && !isRepertoireName(opts.repertoire)) {
    throw new UsageError(`unknown repertoire "${opts.repertoire}" (known: ${REPERTOIRES.join(', ')})`);
  }
  let charsetName = opts.from ?? 'cp932';
  let header = opts.header ?? false;
  let delimiter = ',';
  let quote = '"';
  let presetColumns: string[] | undefined;
  const targetsByName = new Map<string, string[]>();
  const targetsByIndex = new Map<number, string[]>();
  const reads: RunFile[] = [];
  if (opts.mapping) {
    const m = await loadMapping(opts.mapping);
    reads.push({ path: opts.mapping, role: 'mapping' }, ...m.files);
    if (m.source.format !== 'csv') throw new UsageError(`${opts.mapping}: gaiji scan reads CSV exports; for a fixed-length export, convert it with the 外字 policy "keep" and scan the output`);
    if (opts.from === undefined) charsetName = m.source.charset;
    header = m.source.header;
    delimiter = m.source.delimiter;
    quote = m.source.quote;
    presetColumns = m.source.columns;
    for (const f of m.fields) {
      if (f.source.kind !== 'columns') continue;
      for (const c of f.source.columns) {
        if (c.name !== undefined) (targetsByName.get(c.name) ?? targetsByName.set(c.name, []).get(c.name)!).push(f.target);
        else (targetsByIndex.get(c.index - 1) ?? targetsByIndex.set(c.index - 1, []).get(c.index - 1)!).push(f.target);
      }
    }
  }
  const charset = getCharset(charsetName);
  const inventory = createGaijiInventory({
    charset,
    ...(opts.repertoire ? { repertoire: getRepertoire(opts.repertoire) } : {}),
    delimiter,
    quote,
    maxLocations: opts.maxLocations ?? 10,
  });
  if (opts.templateOut) {
    reads.push(...opts.files.map((f) => ({ path: f, role: 'input' })));
    if (opts.table) reads.push({ path: opts.table, role: '外字 table' });
    await refuseOutputsOverInputs(TEMPLATE_FILES.map((n) => ({ path: join(opts.templateOut!, n), role: '外字対応表 template' })), reads);
  }
  const files: GaijiScanResult['files'] = [];
  for (const file of opts.files) {
    let columnNames: readonly string[] | undefined = presetColumns;
    const names = new Map<number, string>();
    const fieldName = (i: number): string => {
      let n = names.get(i);
      if (n !== undefined) return n;
      const sourceName = columnNames?.[i];
      const targets = targetsByIndex.get(i) ?? (sourceName !== undefined ? targetsByName.get(sourceName) : undefined);
      n = targets && targets.length > 0 ? targets.join('+') : sourceName !== undefined && sourceName !== '' ? sourceName : `#${i + 1}`;
      names.set(i, n);
      return n;
    };
    let records = 0;
    let first = header;
    const limit = opts.limit ?? Infinity;
    read: for await (const batch of readCsvFile(file, { charset, delimiter, quote })) {
      for (const rec of batch.records) {
        if (first) {
          first = false;
          columnNames ??= rec.fields;
          continue;
        }
        if (records >= limit) break read;
        records++;
        inventory.scanRecord(batch.text.slice(rec.textStart, rec.textEnd), { file, record: rec.record, line: rec.line, offset: rec.offset }, fieldName);
      }
    }
    files.push({ file, records });
  }
  const entries = inventory.entries();
  const result: GaijiScanResult = { charset: charset.name, files, entries, totalHits: inventory.totalHits };
  if (opts.repertoire) result.repertoire = opts.repertoire;
  if (opts.templateOut) {
    const vendor = opts.table ? await vendorRows(opts.table) : undefined;
    let suggest: ((row: VendorRow) => string[]) | undefined;
    let close = () => {};
    if (opts.mj) {
      const db = await openMojidata(
        mojidataMissingMessage('gaiji scan --mj', 'run without --mj (the template is written without MJ suggestions)'),
        { ...(opts.cwd ? { cwd: opts.cwd } : {}), ...(opts.mojidataDb ? { dbPath: opts.mojidataDb } : {}) },
      );
      suggest = (row) => suggestionCells(row, db);
      close = () => db.close();
    }
    try {
      result.template = await writeGaijiTemplate(opts.templateOut, entries, { vendor, suggest });
    } finally {
      close();
    }
  } else if (opts.mj || opts.table) {
    throw new UsageError('--mj and --table shape the 外字対応表 template: give --template-out DIR too');
  }
  return result;
}

type VendorCells = Partial<Record<(typeof TEMPLATE_COLUMNS)[number]['key'], string>>;

/** The vendor's rows by source code (hex bytes and U+ code point, upper case). */
async function vendorRows(path: string): Promise<Map<string, VendorCells>> {
  const out = new Map<string, VendorCells>();
  for (const r of await readGaijiTableRows(path)) {
    const src = (r.cells.source ?? '').trim().toUpperCase().replace(/^0X/, '');
    if (src !== '' && !out.has(src)) out.set(src, r.cells);
    const cp = (r.cells.codePoint ?? '').trim().toUpperCase();
    if (cp !== '' && !out.has(cp)) out.set(cp, r.cells);
  }
  return out;
}

interface TemplateExtras {
  vendor?: Map<string, VendorCells>;
  suggest?: (row: VendorRow) => string[];
}

function templateRows(entries: GaijiEntry[], x: TemplateExtras = {}): string[][] {
  return entries.map((e) => {
    const first = e.locations[0];
    const v = x.vendor?.get((e.bytes || '').toUpperCase()) ?? x.vendor?.get(e.codePoint.toUpperCase()) ?? {};
    const cells: Record<(typeof TEMPLATE_COLUMNS)[number]['key'], string> = {
      source: e.bytes || e.codePoint,
      codePoint: e.codePoint,
      kind: e.kind === 'pua' ? '外字(私用領域)' : '範囲外',
      count: String(e.count),
      fields: Object.entries(e.fields).map(([f, n]) => `${f}:${n}`).join(' '),
      firstLocation: first ? `${basename(first.file)}:${first.record}` : '',
      target: v.target ?? '', mj: v.mj ?? '', koseki: v.koseki ?? '', juki: v.juki ?? '',
      substitute: v.substitute ?? '', reason: v.reason ?? '',
      glyph: v.glyph || (e.char ?? ''), comment: v.comment ?? '',
    };
    const row = TEMPLATE_COLUMNS.map((c) => cells[c.key]);
    return x.suggest ? [...row, ...x.suggest({ target: cells.target, mj: cells.mj, koseki: cells.koseki, juki: cells.juki, glyph: v.glyph ?? '' })] : row;
  });
}

/** Writes gaiji-table-template.csv (UTF-8 with BOM, for Excel) and .xlsx, both 0600. */
export async function writeGaijiTemplate(dir: string, entries: GaijiEntry[], extras: TemplateExtras = {}): Promise<{ csv: string; xlsx: string; suggested?: number; staleTempsRemoved?: StaleTemp[] }> {
  const swept = await prepareOutputDir(dir);
  const header = [...TEMPLATE_COLUMNS.map((c) => c.ja), ...(extras.suggest ? SUGGESTION_COLUMNS : [])];
  const rows = templateRows(entries, extras);
  const csvPath = join(dir, TEMPLATE_FILES[0]);
  const csv = await AtomicFileWriter.create(csvPath);
  try {
    let text = '\uFEFF' + formatCsvRow(header);
    for (const r of rows) text += formatCsvRow(r.map(neutraliseFormula));
    await csv.write(Buffer.from(text, 'utf8'));
    await csv.commit();
  } catch (e) {
    await csv.abort();
    throw e;
  }
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('外字対応表');
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(neutraliseFormula));
  ws.columns.forEach((c, i) => (c.width = Math.max(10, Math.min(40, header[i].length * 2 + 4))));
  // Source codes and code points are text ("0E40" must not become a number).
  ws.getColumn(1).numFmt = '@';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const xlsxPath = join(dir, TEMPLATE_FILES[1]);
  const xw = await AtomicFileWriter.create(xlsxPath);
  try {
    await xw.write(new Uint8Array(await wb.xlsx.writeBuffer()));
    await xw.commit();
  } catch (e) {
    await xw.abort();
    throw e;
  }
  const base = TEMPLATE_COLUMNS.length;
  return { csv: csvPath, xlsx: xlsxPath, ...(extras.suggest ? { suggested: rows.filter((r) => r[base] !== '').length } : {}), ...(swept.length ? { staleTempsRemoved: swept } : {}) };
}
