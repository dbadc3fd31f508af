/**
 * The catalog verbs: list, show, export and import of layouts (`chukan layouts …`).
 * A catalog is read from a schemas directory (default: the shipped `schemas/`); `catalogFile`
 * names another catalog file, whose folder is then the schemas directory for its layouts.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { WorkbookLimits } from '../core/excel.ts';
import { refuseOutputsOverInputs, type RunFile } from '../core/same-file.ts';
import { sweepStaleTemps, type StaleTemp } from '../pipeline/stale-temps.ts';
import { LayoutError, OutputNotWritableError, UsageError } from '../core/errors.ts';
import {
  loadCatalog, compileLayout, loadLayout, schemaContext, dropSchemaContext, DEFAULT_SCHEMAS_DIR, type Catalog,
} from '../layouts/index.ts';
import { listDomains, showTarget, findTarget, type DomainSummary, type DomainDetail, type FileDetail } from '../layouts/describe.ts';
import { exportCsv, exportMarkdown, exportPackageCsv, exportXlsx, type ExportFile } from '../layouts/export-book.ts';
import { readBook, importSheets, type ImportIssue, type ImportedLayout } from '../layouts/import-book.ts';
import { DEFAULT_PROFILE, loadProfile } from '../layouts/import-profile.ts';

export interface CatalogSource {
  /** Schemas directory (default: the shipped one). */
  schemasDir?: string;
  /** A catalog file; its folder holds the layouts it names. */
  catalogFile?: string;
}

export function openCatalog(src: CatalogSource = {}): Catalog {
  if (src.catalogFile) {
    const path = resolve(src.catalogFile);
    if (!existsSync(path)) throw new UsageError(`catalog ${src.catalogFile} does not exist`);
    const dir = resolve(src.schemasDir ?? dirname(path));
    return loadCatalog(dir, { file: relative(dir, path) });
  }
  return loadCatalog(src.schemasDir ?? DEFAULT_SCHEMAS_DIR);
}

export function listLayouts(src: CatalogSource = {}): DomainSummary[] {
  return listDomains(openCatalog(src));
}

export function showLayouts(target: string, src: CatalogSource = {}): DomainDetail | FileDetail {
  return showTarget(openCatalog(src), target);
}

export type ExportFormat = 'xlsx' | 'csv' | 'md';

export function exportFiles(target: string, src: CatalogSource = {}): ExportFile[] {
  const catalog = openCatalog(src);
  const { domain, file } = findTarget(catalog, target);
  return (file ? [file] : domain.files).map((f) => ({
    domainId: domain.id,
    domainName: domain.name,
    fileId: f.id,
    name: f.name,
    fileName: f.fileName,
    ...(f.required !== undefined ? { required: f.required } : {}),
    layout: compileLayout(loadLayout(f.layout, { schemasDir: catalog.schemasDir })),
  }));
}

/** The package as CSV files (file name → UTF-8 text with BOM): one per sheet of the xlsx export. */
/** The files an export of `target` reads (catalog, layouts, code lists): what its output may not be written over. */
export function exportReads(target: string, src: CatalogSource = {}): RunFile[] {
  const catalog = openCatalog(src);
  const { domain, file } = findTarget(catalog, target);
  const dir = catalog.schemasDir;
  const codes = join(dir, 'codes');
  return [
    { path: src.catalogFile ? resolve(src.catalogFile) : join(dir, 'catalog.json'), role: 'catalog' },
    ...(file ? [file] : domain.files).map((f) => ({ path: join(dir, `${f.layout}.schema.json`), role: 'layout' })),
    ...(existsSync(codes) ? readdirSync(codes).map((n) => ({ path: join(codes, n), role: 'code list' })) : []),
  ];
}

export function exportPackageCsvFiles(target: string, src: CatalogSource = {}): Map<string, Buffer> {
  return new Map([...exportPackageCsv(exportFiles(target, src))].map(([n, t]) => [n, Buffer.from(t, 'utf8')]));
}

/** The 項目定義書 bytes (xlsx) or text (csv: UTF-8 with BOM; md). */
export async function exportLayouts(target: string, format: ExportFormat, src: CatalogSource = {}): Promise<Buffer> {
  const files = exportFiles(target, src);
  if (format === 'xlsx') return exportXlsx(files);
  if (format === 'csv') return Buffer.from(exportCsv(files), 'utf8');
  if (format === 'md') return Buffer.from(exportMarkdown(files), 'utf8');
  throw new UsageError(`--format must be xlsx, csv or md (got "${String(format)}")`);
}

export interface ImportLayoutsOptions {
  book: string;
  /** Profile file (YAML/JSON); default: the built-in profile. */
  profile?: string;
  /** Output schemas directory. */
  out: string;
  domain?: string;
  /** CSV books: charset (default: UTF-8 when valid, else CP932). */
  charset?: string;
  /** Replace layout files that already exist in `out`. */
  force?: boolean;
  /** Where code lists and shared definitions come from (default: the shipped schemas). */
  schemasDir?: string;
  /** Today, for x-source (tests). */
  date?: string;
  /** Bounds for the workbook (core/excel.ts); default DEFAULT_WORKBOOK_LIMITS. */
  workbookLimits?: WorkbookLimits;
}

export interface ImportReport {
  book: string;
  profile: string;
  charset?: string;
  out: string;
  layouts: Array<{ id: string; title: string; sheet: string; items: number; path: string; required?: boolean }>;
  /** Code lists read from the book's コード一覧, written to DIR/codes. */
  codeLists: Array<{ id: string; name: string; bookId?: string; sheet: string; codes: number; path: string }>;
  /** Package sheets read (移行ファイル構成表, 移行ファイル関連図, コード構成表, コード一覧), with their data rows. */
  packageSheets: Array<{ sheet: string; kind: string; rows: number }>;
  skippedSheets: string[];
  unmapped: ImportIssue[];
  /** Temp files of killed runs removed from the directories written (stale-temps.ts). */
  staleTempsRemoved?: StaleTemp[];
}

function writeAtomic(path: string, text: string): void {
  // The name AtomicFileWriter uses, so that the next run removes what a killed one left (stale-temps.ts).
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.chukan-tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    throw new OutputNotWritableError(path, (e as Error).message, { cause: e });
  }
}

function copyMissing(from: string, to: string): void {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const n of readdirSync(from)) {
    const src = join(from, n);
    if (statSync(src).isFile() && !existsSync(join(to, n))) copyFileSync(src, join(to, n));
  }
}

/**
 * Reads a 項目定義書 and writes `out/<domain>/<file>.schema.json`, `out/catalog.json` (merged with
 * an existing one), `out/import-report.json`, and the code lists and shared definitions of the base
 * schemas directory (`out/codes`, `out/common`, never overwriting) so `out` is a schemas directory
 * of its own. Every written layout is compiled in ajv strict mode before the report is written.
 */
export async function importLayouts(opts: ImportLayoutsOptions): Promise<ImportReport> {
  const base = resolve(opts.schemasDir ?? DEFAULT_SCHEMAS_DIR);
  const profile = opts.profile ? loadProfile(opts.profile) : DEFAULT_PROFILE;
  const { sheets, charset } = await readBook(opts.book, { charset: opts.charset, workbookLimits: opts.workbookLimits });
  const outcome = importSheets(sheets, profile, {
    domain: opts.domain,
    codeLists: schemaContext(base).codeLists,
    source: `imported from ${basename(opts.book)} by chukan layouts import (profile ${profile.name})`,
    date: opts.date,
  });
  if (outcome.layouts.length === 0) {
    throw new LayoutError(`(book ${basename(opts.book)})`, `no sheet with an item header (項目名 and データ型 or 桁数) was found${outcome.skippedSheets.length ? `; sheets seen: ${outcome.skippedSheets.join(', ')}` : ''}`);
  }
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  for (const l of outcome.layouts) {
    const path = join(out, `${l.id}.schema.json`);
    if (existsSync(path) && !opts.force) throw new UsageError(`${path} exists; use --force to replace it`);
  }
  const today = opts.date ?? new Date().toISOString().slice(0, 10);
  const codeDocs = outcome.codeLists.map((c) => {
    const basis = `${basename(opts.book)} (sheet ${c.sheet})${c.statedSource ? `; 出典 stated in the book: ${c.statedSource}` : ''}`;
    const doc = {
      id: c.id, name: c.name,
      source: `imported from ${basis} by chukan layouts import`,
      date: today,
      ...(c.bookId ? { description: `コードID in the book: ${c.bookId}` } : {}),
      'x-source': { authority: 'imported', basis },
      codes: c.codes,
    };
    const path = join(out, 'codes', `${c.id}.json`);
    const text = JSON.stringify(doc, null, 2) + '\n';
    if (existsSync(path) && !opts.force && readFileSync(path, 'utf8') !== text) throw new UsageError(`${path} exists; use --force to replace it`);
    return { c, path, text };
  });
  const bookFiles = statSync(opts.book).isDirectory() ? readdirSync(opts.book).map((n) => join(opts.book, n)) : [opts.book];
  await refuseOutputsOverInputs(
    [...outcome.layouts.map((l) => join(out, `${l.id}.schema.json`)), ...codeDocs.map((d) => d.path), join(out, 'catalog.json'), join(out, 'import-report.json')]
      .map((path) => ({ path, role: 'layout output' })),
    [...bookFiles.map((path) => ({ path, role: '項目定義書' })), ...(opts.profile ? [{ path: opts.profile, role: 'import profile' }] : [])],
  );
  mkdirSync(join(out, 'codes'), { recursive: true });
  const swept: StaleTemp[] = [];
  for (const d of new Set([out, join(out, 'codes'), ...outcome.layouts.map((l) => dirname(join(out, `${l.id}.schema.json`)))])) swept.push(...(await sweepStaleTemps(d)));
  for (const d of codeDocs) writeAtomic(d.path, d.text);
  copyMissing(join(base, 'codes'), join(out, 'codes'));
  copyMissing(join(base, 'common'), join(out, 'common'));
  const written: ImportReport['layouts'] = [];
  for (const l of outcome.layouts) {
    const path = join(out, `${l.id}.schema.json`);
    mkdirSync(dirname(path), { recursive: true });
    writeAtomic(path, JSON.stringify(l.schema, null, 2) + '\n');
    written.push({ id: l.id, title: l.title, sheet: l.sheet, items: l.items, path, ...(l.required !== undefined ? { required: l.required } : {}) });
  }
  writeAtomic(join(out, 'catalog.json'), JSON.stringify(mergeCatalog(join(out, 'catalog.json'), outcome.layouts), null, 2) + '\n');
  // The check that what we wrote means something: every layout compiles in ajv strict mode.
  const ctxDir = out;
  dropSchemaContext(ctxDir);
  for (const l of outcome.layouts) compileLayout(loadLayout(l.id, { schemasDir: ctxDir }));
  const report: ImportReport = {
    book: opts.book, profile: opts.profile ?? profile.name, ...(charset ? { charset } : {}), out,
    layouts: written,
    codeLists: codeDocs.map(({ c, path }) => ({ id: c.id, name: c.name, ...(c.bookId ? { bookId: c.bookId } : {}), sheet: c.sheet, codes: c.codes.length, path })),
    packageSheets: outcome.packageSheets,
    ...(swept.length ? { staleTempsRemoved: swept } : {}),
    skippedSheets: outcome.skippedSheets, unmapped: outcome.issues,
  };
  writeAtomic(join(out, 'import-report.json'), JSON.stringify(report, null, 2) + '\n');
  return report;
}

function mergeCatalog(path: string, layouts: ImportedLayout[]): Record<string, unknown> {
  let doc: { catalogVersion: string; id: string; name: string; domains: Array<Record<string, unknown> & { id: string; files: Array<Record<string, unknown> & { id: string }> }> } = {
    catalogVersion: '0.1.0', id: 'imported', name: 'chukan layouts import', domains: [],
  };
  if (existsSync(path)) {
    try {
      doc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new LayoutError('(catalog)', `${path} exists but is not JSON: ${(e as Error).message}`);
    }
  }
  for (const l of layouts) {
    let d = doc.domains.find((x) => x.id === l.domainId);
    if (!d) {
      d = { id: l.domainId, name: l.domainName ?? l.domainId, files: [] };
      doc.domains.push(d);
    } else if (l.domainName && d.name === d.id) d.name = l.domainName;
    const entry = { id: l.fileId, name: l.title, layout: l.id, fileName: l.fileName, ...(l.required !== undefined ? { required: l.required } : {}) };
    const i = d.files.findIndex((f) => f.id === l.fileId);
    if (i >= 0) d.files[i] = entry;
    else d.files.push(entry);
  }
  return doc;
}
