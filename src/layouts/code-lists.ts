/**
 * Code lists (`schemas/codes/<id>.json`): `{ id, name, source, date, description?, x-source?, codes: [{ code, name }] }`.
 * A field names its list with `x-codeList: "<id>"`; a value is valid when it equals one of the
 * codes exactly (no trimming or padding here — that is the mapping's job).
 *
 * Provenance matters more for code lists than anywhere else: a starter list that looks official
 * would have a delivery rejected (or accepted) on codes nobody published. `x-source.authority`
 * says which kind a list is — `standard` (values from a published text, section named),
 * `starter` (chukan's own, non-authoritative), `imported` (read from the user's コード一覧) — and
 * `codeListLabel` is the one sentence `layouts show`, the check report and the docs print.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LayoutError } from '../core/errors.ts';

export interface CodeEntry {
  code: string;
  name: string;
}

export const CODE_LIST_AUTHORITIES = ['standard', 'starter', 'imported'] as const;
export type CodeListAuthority = (typeof CODE_LIST_AUTHORITIES)[number] | 'unspecified';

export interface CodeListSource {
  authority: CodeListAuthority;
  /** The text or book the list comes from. */
  basis: string;
  /** Section of that text (e.g. 住民記録システム標準仕様書 第1.0版 1.2.2). */
  section?: string;
  url?: string;
}

export interface CodeList {
  id: string;
  name: string;
  source: string;
  date: string;
  description?: string;
  /** Where the list comes from (from `x-source`, else inferred from `source`). */
  provenance: CodeListSource;
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
    provenance: parseProvenance(d['x-source'], d.source as string, where),
    codes,
    set,
  };
}

function parseProvenance(v: unknown, source: string, where: string): CodeListSource {
  if (v === undefined) return { authority: /chukan starter/i.test(source) ? 'starter' : 'unspecified', basis: source };
  const o = v as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new LayoutError(where, 'x-source must be { authority, basis, section?, url? }');
  for (const k of Object.keys(o)) if (!['authority', 'basis', 'section', 'url'].includes(k)) throw new LayoutError(where, `x-source: unknown key "${k}"`);
  if (!(CODE_LIST_AUTHORITIES as readonly unknown[]).includes(o.authority)) throw new LayoutError(where, `x-source.authority must be one of ${CODE_LIST_AUTHORITIES.join(', ')}`);
  if (typeof o.basis !== 'string' || o.basis === '') throw new LayoutError(where, 'x-source.basis must be a non-empty string');
  for (const k of ['section', 'url'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') throw new LayoutError(where, `x-source.${k} must be a string`);
  return {
    authority: o.authority as CodeListAuthority,
    basis: o.basis,
    ...(typeof o.section === 'string' ? { section: o.section } : {}),
    ...(typeof o.url === 'string' ? { url: o.url } : {}),
  };
}

/** The provenance sentence shown with a code list (layouts show, check report, export 出典). */
export function codeListLabel(list: Pick<CodeList, 'provenance'>, lang: 'ja' | 'en' = 'ja'): string {
  const p = list.provenance;
  const where = [p.basis, p.section].filter(Boolean).join(' ');
  switch (p.authority) {
    case 'standard':
      return lang === 'ja' ? `公表資料: ${where}` : `published text: ${where}`;
    case 'starter':
      return lang === 'ja'
        ? `chukan 暫定コード表(非公式。公式のコード一覧に置き換えてください)${p.section ? `: 名称は${p.section}による` : ''}`
        : `chukan starter, non-authoritative: replace with the official コード一覧${p.section ? ` (names after ${p.section})` : ''}`;
    case 'imported':
      return lang === 'ja' ? `取込: ${where}` : `imported: ${where}`;
    default:
      return lang === 'ja' ? `出典の種別の記載なし: ${p.basis}` : `provenance kind not stated: ${p.basis}`;
  }
}
