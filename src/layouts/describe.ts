/**
 * The catalog as data for `chukan layouts list|show` (JSON shapes documented in docs/LAYOUTS.md)
 * and as terminal text.
 */
import { LayoutError } from '../core/errors.ts';
import { displayWidth } from '../core/display-width.ts';
import type { Catalog, CatalogDomain, CatalogFile } from './catalog.ts';
import { compileLayout, type CompiledLayout } from './compile.ts';
import { loadLayout, type SourceInfo } from './store.ts';
import type { LengthRule, ForeignKey } from './fields.ts';
import type { DateSpec } from './dates.ts';
import { itemCells } from './item-notation.ts';
import { codeListLabel } from './code-lists.ts';
import type { IdentifierKind } from './check-digits.ts';
import type { FieldClass } from './keywords.ts';
import type { CodeEntry } from './code-lists.ts';
import { codeTableLabel, codeTables } from './code-tables.ts';

export interface FileSummary {
  id: string;
  name: string;
  layout: string;
  fileName: string;
  required?: boolean;
  /** Number of items (columns); null when the layout does not load (then `error`). */
  items: number | null;
  error?: string;
}

export interface DomainSummary {
  id: string;
  no?: number;
  name: string;
  variantOf?: string;
  files: FileSummary[];
}

export interface FieldJson {
  no: number;
  id: string;
  title: string;
  description?: string;
  required: boolean;
  length?: LengthRule;
  charClass?: string[];
  date?: DateSpec;
  /** The code list the field names, with every code and its label; `source`: where the list comes from (codeListLabel); `authority`: standard, starter, imported or unspecified. */
  codeList?: { id: string; name: string; source: string; authority: string; codes: CodeEntry[] };
  pattern?: string[];
  enum?: unknown[];
  identifier?: IdentifierKind;
  personal?: boolean | 'mynumber';
  fieldClass?: FieldClass;
  /** Position in the primary key, 1-based. */
  primaryKey?: number;
  /** `layout.field` this item references, one per foreign key it belongs to. */
  references?: string[];
}

export interface FileDetail extends FileSummary {
  domain: string;
  title: string;
  description?: string;
  source?: SourceInfo;
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  fields: FieldJson[];
}

export interface DomainDetail extends Omit<DomainSummary, 'files'> {
  files: FileDetail[];
}

function itemsOf(schemasDir: string, f: CatalogFile): { items: number | null; error?: string } {
  try {
    const l = loadLayout(f.layout, { schemasDir });
    const props = l.schema.properties;
    return { items: typeof props === 'object' && props !== null ? Object.keys(props).length : null };
  } catch (e) {
    return { items: null, error: (e as Error).message };
  }
}

function fileSummary(catalog: Catalog, f: CatalogFile): FileSummary {
  return { id: f.id, name: f.name, layout: f.layout, fileName: f.fileName, ...(f.required !== undefined ? { required: f.required } : {}), ...itemsOf(catalog.schemasDir, f) };
}

function domainHead(d: CatalogDomain): Omit<DomainSummary, 'files'> {
  return { id: d.id, ...(d.no !== undefined ? { no: d.no } : {}), name: d.name, ...(d.variantOf ? { variantOf: d.variantOf } : {}) };
}

export function listDomains(catalog: Catalog): DomainSummary[] {
  return catalog.domains.map((d) => ({ ...domainHead(d), files: d.files.map((f) => fileSummary(catalog, f)) }));
}

export function fieldJson(l: CompiledLayout): FieldJson[] {
  return l.fields.map((f) => {
    const pk = l.primaryKey.indexOf(f.id);
    const refs: string[] = [];
    for (const fk of l.foreignKeys) fk.fields.forEach((x, j) => { if (x === f.id) refs.push(`${fk.references.layout}.${fk.references.fields[j]}`); });
    const r = f.rules;
    return {
      no: f.index + 1,
      id: f.id,
      title: f.title,
      ...(f.description ? { description: f.description } : {}),
      required: f.required,
      ...(f.length ? { length: f.length } : {}),
      ...(f.charClass ? { charClass: f.charClass } : {}),
      ...(f.date ? { date: f.date } : {}),
      ...(f.codeList ? { codeList: codeListJson(l, f.codeList) } : {}),
      ...(r.patterns.length > 0 ? { pattern: r.patterns } : {}),
      ...(r.enums.length > 0 ? { enum: r.enums[0] } : {}),
      ...(f.identifier ? { identifier: f.identifier } : {}),
      ...(f.personal !== undefined ? { personal: f.personal } : {}),
      ...(f.fieldClass ? { fieldClass: f.fieldClass } : {}),
      ...(pk >= 0 ? { primaryKey: pk + 1 } : {}),
      ...(refs.length > 0 ? { references: refs } : {}),
    };
  });
}

function codeListJson(l: CompiledLayout, id: string): NonNullable<FieldJson['codeList']> {
  const list = l.codeLists.get(id);
  return {
    id, name: list?.name ?? '', source: list ? codeListLabel(list) : '', authority: list?.provenance.authority ?? 'unspecified',
    codes: (list?.codes ?? []).map((c) => ({ code: c.code, name: c.name })),
  };
}

export function fileDetail(catalog: Catalog, d: CatalogDomain, f: CatalogFile): FileDetail {
  const l = compileLayout(loadLayout(f.layout, { schemasDir: catalog.schemasDir }));
  return {
    ...fileSummary(catalog, f),
    domain: d.id,
    title: l.title,
    ...(l.layout.description ? { description: l.layout.description } : {}),
    ...(l.source ? { source: l.source } : {}),
    primaryKey: [...l.primaryKey],
    foreignKeys: l.foreignKeys.map((k) => ({ fields: [...k.fields], references: { layout: k.references.layout, fields: [...k.references.fields] } })),
    fields: fieldJson(l),
  };
}

/** `DOMAIN` or `DOMAIN/FILE` (FILE: catalog file id or the layout's file part). */
export function findTarget(catalog: Catalog, target: string): { domain: CatalogDomain; file?: CatalogFile } {
  const [dId, fId, ...rest] = target.split('/');
  const domain = catalog.domains.find((d) => d.id === dId);
  const known = catalog.domains.map((d) => d.id).join(', ');
  if (!domain || rest.length > 0) throw new LayoutError(target, `not in the catalog ${catalog.id} (domains: ${known})`);
  if (fId === undefined || fId === '') return { domain };
  const file = domain.files.find((f) => f.id === fId) ?? domain.files.find((f) => f.layout === `${dId}/${fId}`);
  if (!file) throw new LayoutError(target, `domain ${dId} has no file "${fId}" (files: ${domain.files.map((f) => f.id).join(', ')})`);
  return { domain, file };
}

export function showTarget(catalog: Catalog, target: string): DomainDetail | FileDetail {
  const { domain, file } = findTarget(catalog, target);
  if (file) return fileDetail(catalog, domain, file);
  return { ...domainHead(domain), files: domain.files.map((f) => fileDetail(catalog, domain, f)) };
}

// ---- text ------------------------------------------------------------------------------------

export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - displayWidth(c))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

export function listText(domains: DomainSummary[], catalog: Catalog): string[] {
  const out = [`${catalog.name} (${catalog.id}, ${domains.length} 業務, ${domains.reduce((n, d) => n + d.files.length, 0)} files)`];
  const rows: string[][] = [];
  for (const d of domains) {
    d.files.forEach((f, i) => rows.push([i === 0 ? d.id : '', i === 0 ? d.name : '', f.layout, f.name, f.fileName, f.items === null ? `! ${f.error ?? ''}` : String(f.items)]));
  }
  out.push('', ...table(['業務ID', '業務', 'layout', 'ファイル名', '標準ファイル名', '項目数'], rows));
  return out;
}

export function fileText(f: FileDetail, l: CompiledLayout): string[] {
  const out = [`${f.layout}  ${f.name}  (${f.fileName}, ${f.fields.length} 項目)`];
  if (f.description) out.push(f.description);
  if (f.source) out.push(`出典: ${[f.source.basis, f.source.version, f.source.date].filter(Boolean).join(' / ')}`);
  out.push(`主キー: ${f.primaryKey.join(', ') || '(なし)'}`);
  for (const fk of f.foreignKeys) out.push(`外部キー: (${fk.fields.join(', ')}) → ${fk.references.layout} (${fk.references.fields.join(', ')})`);
  const rows = l.fields.map((field) => {
    const c = itemCells(field, { primaryKey: l.primaryKey, foreignKeys: l.foreignKeys, codeLists: l.codeLists });
    const len = c.length ? `${c.length} ${c.unit}` : '';
    const type = [c.type, len].filter(Boolean).join(' ');
    const cls = [c.charClass, c.pattern ? `書式 ${c.pattern.replace(/\n/g, ' ')}` : '', c.identifier ? `検査 ${c.identifier}` : ''].filter(Boolean).join(' ');
    const keys = [c.key, c.references.replace(/\n/g, ' ')].filter(Boolean).join(' ');
    return [c.itemNo, c.id, c.name, type, cls, c.required, c.code, keys];
  });
  out.push('', ...table(['項目番号', 'id', '項目名', '型・桁数', '文字種', '必須', 'コード', 'キー'], rows));
  out.push(...codeTablesText(l));
  return out;
}

/** The values each code field accepts, with labels: what a vendor's codeMap must translate into. */
export function codeTablesText(l: CompiledLayout): string[] {
  const tables = codeTables(l);
  if (tables.length === 0) return [];
  const out = ['', 'コード一覧'];
  for (const t of tables) {
    out.push('', `${codeTableLabel(t)} — ${t.fields.map((f) => `${f.id} ${f.title}`).join(', ')}`);
    const w = Math.max(...t.codes.map((c) => displayWidth(c.code)));
    for (const c of t.codes) out.push(`  ${c.code}${' '.repeat(w - displayWidth(c.code))}  ${c.name}`.trimEnd());
    const list = t.inline ? undefined : l.codeLists.get(t.id);
    if (list) out.push(`  出典: ${codeListLabel(list)}`);
  }
  return out;
}
