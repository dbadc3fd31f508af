/**
 * Where layouts come from: a schemas directory (default: the `schemas/` shipped with chukan)
 * holding `common/*.schema.json` (shared definitions), `codes/*.json` (code lists),
 * `<domain>/<file>.schema.json` (one layout per standard-layout file) and `catalog.json`.
 * One ajv instance per directory, strict mode, draft 2020-12, chukan keywords registered.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LayoutError } from '../core/errors.ts';
import { packagePath } from '../core/package-root.ts';
import { loadCodeLists, type CodeList } from './code-lists.ts';
import { addChukanKeywords } from './keywords.ts';

export const DEFAULT_SCHEMAS_DIR = packagePath('schemas') + sep;
export const LAYOUT_ID_RE = /^[a-z0-9][a-z0-9_-]*\/[a-z0-9][a-z0-9_-]*$/;
export const ID_PREFIX = 'chukan:';

export interface SourceInfo {
  basis: string;
  version?: string;
  date?: string;
  url?: string;
}

/** A layout as loaded from disk, not yet compiled. */
export interface Layout {
  /** `domain/file`, e.g. `juki/kojin`. */
  id: string;
  title: string;
  description?: string;
  source?: SourceInfo;
  path: string;
  schemasDir: string;
  /** The JSON Schema document as parsed. */
  schema: Record<string, unknown>;
}

export interface SchemaContext {
  dir: string;
  ajv: Ajv2020;
  codeLists: Map<string, CodeList>;
  /** Shared schema documents by `$id` (common/). */
  docs: Map<string, Record<string, unknown>>;
  /** Compiled layouts by id (filled by compileLayout). */
  cache: Map<string, unknown>;
}

const contexts = new Map<string, SchemaContext>();

function readJson(path: string, who: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new LayoutError(who, `cannot read ${path}: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new LayoutError(who, `${path} must hold a JSON object`);
  return doc as Record<string, unknown>;
}

export function schemaContext(schemasDir: string = DEFAULT_SCHEMAS_DIR): SchemaContext {
  const dir = resolve(schemasDir);
  const existing = contexts.get(dir);
  if (existing) return existing;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new LayoutError('(schemas)', `schemas directory ${dir} does not exist`);
  const codeLists = loadCodeLists(join(dir, 'codes'));
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addChukanKeywords(ajv, codeLists);
  const docs = new Map<string, Record<string, unknown>>();
  const commonDir = join(dir, 'common');
  if (existsSync(commonDir)) {
    for (const name of readdirSync(commonDir).filter((n) => n.endsWith('.schema.json')).sort()) {
      const who = `common/${name}`;
      const doc = readJson(join(commonDir, name), who);
      const id = doc.$id;
      if (typeof id !== 'string' || !id.startsWith(ID_PREFIX)) throw new LayoutError(who, `$id must be a string starting with "${ID_PREFIX}"`);
      try {
        ajv.addSchema(doc);
      } catch (e) {
        throw new LayoutError(who, `shared definitions do not compile: ${(e as Error).message}`);
      }
      docs.set(id, doc);
    }
  }
  const ctx: SchemaContext = { dir, ajv, codeLists, docs, cache: new Map() };
  contexts.set(dir, ctx);
  return ctx;
}

/** Forgets the loaded context of a directory whose files changed (an import wrote into it). */
export function dropSchemaContext(schemasDir: string): void {
  contexts.delete(resolve(schemasDir));
}

/** All layout ids under a schemas directory (`<domain>/<file>.schema.json`, `common/` excluded), sorted. */
export function listLayoutIds(schemasDir: string = DEFAULT_SCHEMAS_DIR): string[] {
  const dir = resolve(schemasDir);
  const ids: string[] = [];
  for (const domain of readdirSync(dir).sort()) {
    if (domain === 'common' || domain === 'codes') continue;
    const d = join(dir, domain);
    if (!statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d).sort()) {
      if (f.endsWith('.schema.json')) ids.push(`${domain}/${f.slice(0, -'.schema.json'.length)}`);
    }
  }
  return ids;
}

export function loadLayout(id: string, opts: { schemasDir?: string } = {}): Layout {
  const dir = resolve(opts.schemasDir ?? DEFAULT_SCHEMAS_DIR);
  const path = LAYOUT_ID_RE.test(id) ? join(dir, `${id}.schema.json`) : undefined;
  if (!path || !existsSync(path)) {
    const known = existsSync(dir) ? listLayoutIds(dir) : [];
    const domain = id.split('/')[0];
    const sameDomain = known.filter((k) => k.startsWith(`${domain}/`));
    const hint = known.length === 0
      ? `no layouts in ${dir}`
      : known.length <= 30
        ? `known layouts: ${known.join(', ')}`
        : sameDomain.length > 0
          ? `known layouts: ${sameDomain.join(', ')} (and ${known.length - sameDomain.length} in other domains)`
          : `${known.length} layouts known, in domains ${[...new Set(known.map((k) => k.split('/')[0]))].join(', ')}`;
    const why = LAYOUT_ID_RE.test(id) ? 'unknown layout' : 'a layout id looks like "juki/kojin" (domain/file, lower-case ASCII)';
    throw new LayoutError(id, `${why}; ${hint}`);
  }
  const schema = readJson(path, id);
  if (schema.$id !== ID_PREFIX + id) {
    throw new LayoutError(id, `$id must be "${ID_PREFIX}${id}" (found ${JSON.stringify(schema.$id)})`);
  }
  if (typeof schema.title !== 'string' || schema.title === '') throw new LayoutError(id, 'title (the Japanese file name) is missing');
  return {
    id,
    title: schema.title,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    ...(typeof schema['x-source'] === 'object' && schema['x-source'] !== null ? { source: schema['x-source'] as SourceInfo } : {}),
    path,
    schemasDir: dir,
    schema,
  };
}
