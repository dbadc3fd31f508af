/**
 * The domain catalog: which standard-layout files make up each 業務. Shape (docs/LAYOUTS.md):
 * `{ catalogVersion, id, name, x-source?, domains: [{ id, no?, name, variantOf?, files: [{ id, name,
 * layout, fileName, required? }] }] }`. Variants (コンビニ交付, J-LIS 31/32) are domains with
 * `variantOf`; a second catalog is a second file (`loadCatalog(dir, { file })`).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LayoutError } from '../core/errors.ts';
import { DEFAULT_SCHEMAS_DIR, LAYOUT_ID_RE, type SourceInfo } from './store.ts';

export interface CatalogFile {
  id: string;
  name: string;
  layout: string;
  fileName: string;
  required?: boolean;
}

export interface CatalogDomain {
  id: string;
  no?: number;
  name: string;
  variantOf?: string;
  description?: string;
  files: CatalogFile[];
}

export interface Catalog {
  catalogVersion: string;
  id: string;
  name: string;
  source?: SourceInfo;
  domains: CatalogDomain[];
  path: string;
  schemasDir: string;
}

const who = (file: string) => `(catalog ${file})`;

function str(v: unknown, file: string, what: string): string {
  if (typeof v !== 'string' || v === '') throw new LayoutError(who(file), `${what} must be a non-empty string`);
  return v;
}

export function loadCatalog(schemasDir: string = DEFAULT_SCHEMAS_DIR, opts: { file?: string } = {}): Catalog {
  const dir = resolve(schemasDir);
  const file = opts.file ?? 'catalog.json';
  const path = join(dir, file);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new LayoutError(who(file), `cannot read ${path}: ${(e as Error).message}`);
  }
  if (!Array.isArray(doc.domains)) throw new LayoutError(who(file), '"domains" must be an array');
  const domainIds = new Set<string>();
  const domains: CatalogDomain[] = doc.domains.map((raw, i) => {
    const d = raw as Record<string, unknown>;
    const id = str(d.id, file, `domains[${i}].id`);
    if (domainIds.has(id)) throw new LayoutError(who(file), `domain "${id}" appears twice`);
    domainIds.add(id);
    if (!Array.isArray(d.files)) throw new LayoutError(who(file), `domains[${i}].files must be an array`);
    const fileIds = new Set<string>();
    const files = d.files.map((rf, j) => {
      const f = rf as Record<string, unknown>;
      const at = `domains[${i}].files[${j}]`;
      const cf: CatalogFile = {
        id: str(f.id, file, `${at}.id`),
        name: str(f.name, file, `${at}.name`),
        layout: str(f.layout, file, `${at}.layout`),
        fileName: str(f.fileName, file, `${at}.fileName`),
        ...(typeof f.required === 'boolean' ? { required: f.required } : {}),
      };
      if (!LAYOUT_ID_RE.test(cf.layout)) throw new LayoutError(who(file), `${at}.layout "${cf.layout}" is not a layout id like "juki/kojin"`);
      if (fileIds.has(cf.id)) throw new LayoutError(who(file), `${at}: file id "${cf.id}" appears twice in domain ${id}`);
      fileIds.add(cf.id);
      return cf;
    });
    return {
      id,
      ...(typeof d.no === 'number' ? { no: d.no } : {}),
      name: str(d.name, file, `domains[${i}].name`),
      ...(typeof d.variantOf === 'string' ? { variantOf: d.variantOf } : {}),
      ...(typeof d.description === 'string' ? { description: d.description } : {}),
      files,
    };
  });
  for (const d of domains) {
    if (d.variantOf !== undefined && !domainIds.has(d.variantOf)) {
      throw new LayoutError(who(file), `domain "${d.id}" is a variant of unknown domain "${d.variantOf}"`);
    }
  }
  return {
    catalogVersion: str(doc.catalogVersion, file, 'catalogVersion'),
    id: str(doc.id, file, 'id'),
    name: str(doc.name, file, 'name'),
    ...(typeof doc['x-source'] === 'object' && doc['x-source'] !== null ? { source: doc['x-source'] as SourceInfo } : {}),
    domains,
    path,
    schemasDir: dir,
  };
}

/** Every layout id the catalog names, in catalog order, without repeats. */
export function catalogLayoutIds(catalog: Catalog): string[] {
  return [...new Set(catalog.domains.flatMap((d) => d.files.map((f) => f.layout)))];
}
