/**
 * Code lists (`schemas/codes/<id>.json`): `{ id, name, source, date, description?, codes: [{ code, name }] }`.
 * A field names its list with `x-codeList: "<id>"`; a value is valid when it equals one of the
 * codes exactly (no trimming or padding here — that is the mapping's job).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LayoutError } from '../core/errors.ts';

export interface CodeEntry {
  code: string;
  name: string;
}

export interface CodeList {
  id: string;
  name: string;
  source: string;
  date: string;
  description?: string;
  codes: readonly CodeEntry[];
  /** The codes, for O(1) membership checks. */
  set: ReadonlySet<string>;
}

export function loadCodeLists(codesDir: string): Map<string, CodeList> {
  const lists = new Map<string, CodeList>();
  let names: string[];
  try {
    names = readdirSync(codesDir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return lists;
  }
  for (const name of names) {
    const path = join(codesDir, name);
    const where = `codes/${name}`;
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new LayoutError(where, `code list is not valid JSON: ${(e as Error).message}`);
    }
    lists.set(name.slice(0, -5), parseCodeList(doc, name.slice(0, -5), where));
  }
  return lists;
}

function parseCodeList(doc: unknown, expectedId: string, where: string): CodeList {
  if (typeof doc !== 'object' || doc === null) throw new LayoutError(where, 'code list must be an object');
  const d = doc as Record<string, unknown>;
  for (const k of ['id', 'name', 'source', 'date'] as const) {
    if (typeof d[k] !== 'string' || d[k] === '') throw new LayoutError(where, `code list needs a non-empty string "${k}"`);
  }
  if (d.id !== expectedId) throw new LayoutError(where, `code list id "${String(d.id)}" must match its file name "${expectedId}"`);
  if (!Array.isArray(d.codes) || d.codes.length === 0) throw new LayoutError(where, 'code list needs a non-empty "codes" array');
  const set = new Set<string>();
  const codes: CodeEntry[] = [];
  for (const [i, e] of d.codes.entries()) {
    const entry = e as Record<string, unknown>;
    if (typeof entry?.code !== 'string' || entry.code === '' || typeof entry.name !== 'string') {
      throw new LayoutError(where, `codes[${i}] must be { "code": non-empty string, "name": string }`);
    }
    if (set.has(entry.code)) throw new LayoutError(where, `code "${entry.code}" appears twice`);
    set.add(entry.code);
    codes.push({ code: entry.code, name: entry.name });
  }
  return {
    id: d.id as string,
    name: d.name as string,
    source: d.source as string,
    date: d.date as string,
    ...(typeof d.description === 'string' ? { description: d.description } : {}),
    codes,
    set,
  };
}
