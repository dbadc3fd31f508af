/**
 * A check profile: what the municipality and the vendor agreed about a delivery, as a small YAML
 * or JSON file (docs/CHECK.md "Profile"). Every key is optional; the defaults are chukan's output
 * defaults (UTF-8, header row of item names, BOM allowed, Unicode without private use).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../core/errors.ts';
import type { Severity } from '../core/finding.ts';
import { canonicalCharsetName } from '../encoding/registry.ts';

export type BomPolicy = 'allow' | 'forbid' | 'require';
export type RepertoireBase = 'unicode' | 'cp932' | 'jisx0208';
export type SeverityOverride = Severity | 'off';

export interface CheckProfile {
  /** Charset every file must be in: utf-8 (default) or cp932. */
  charset: string;
  bom: BomPolicy;
  /** Files start with a header row (default true). */
  header: boolean;
  /** 業務 (catalog domain ids) in scope; undefined = those with at least one file present (or in the manifest). */
  domains?: string[];
  /** Catalog files of an in-scope 業務 that are absent: error unless the catalog marks them `required: false`. */
  requireAllFiles: boolean;
  repertoire: {
    base: RepertoireBase;
    /** Extra characters allowed on top of the base (e.g. "𠮟剝"). */
    allow: string;
    /** Extra code point ranges allowed, "U+20000-U+2A6DF" or "U+3402". */
    ranges: string[];
  };
  /** Per finding code: error, warning, info or off (not reported). */
  severity: Record<string, SeverityOverride>;
  /** Memory the primary/foreign key indexes may use (MiB, default 1024). */
  keyMemoryMiB: number;
}

export const DEFAULT_PROFILE: CheckProfile = {
  charset: 'utf-8',
  bom: 'allow',
  header: true,
  requireAllFiles: true,
  repertoire: { base: 'unicode', allow: '', ranges: [] },
  severity: {},
  keyMemoryMiB: 1024,
};

const KEYS = new Set(['charset', 'bom', 'header', 'domains', 'requireAllFiles', 'repertoire', 'severity', 'keyMemoryMiB']);

function fail(path: string, detail: string): never {
  throw new UsageError(`profile ${path}: ${detail}`);
}

/** Parses a profile document (already read); `path` is for messages only. */
export function parseProfile(doc: unknown, path = '(profile)'): CheckProfile {
  if (doc === null || doc === undefined) return structuredClone(DEFAULT_PROFILE);
  if (typeof doc !== 'object' || Array.isArray(doc)) fail(path, 'must be a mapping of settings');
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!KEYS.has(k)) fail(path, `unknown setting "${k}" (known: ${[...KEYS].join(', ')})`);
  const p = structuredClone(DEFAULT_PROFILE);
  if (d.charset !== undefined) {
    const c = canonicalCharsetName(String(d.charset));
    if (c === 'utf-8' || c === 'cp932') p.charset = c;
    else fail(path, `charset must be utf-8 or cp932 (got ${JSON.stringify(d.charset)})`);
  }
  if (d.bom !== undefined) {
    if (d.bom !== 'allow' && d.bom !== 'forbid' && d.bom !== 'require') fail(path, 'bom must be allow, forbid or require');
    p.bom = d.bom;
  }
  if (d.header !== undefined) {
    if (typeof d.header !== 'boolean') fail(path, 'header must be true or false');
    p.header = d.header;
  }
  if (d.requireAllFiles !== undefined) {
    if (typeof d.requireAllFiles !== 'boolean') fail(path, 'requireAllFiles must be true or false');
    p.requireAllFiles = d.requireAllFiles;
  }
  if (d.domains !== undefined) {
    if (!Array.isArray(d.domains) || d.domains.some((x) => typeof x !== 'string')) fail(path, 'domains must be a list of 業務 ids (e.g. [juki, kokuho])');
    p.domains = d.domains as string[];
  }
  if (d.repertoire !== undefined) {
    const r = d.repertoire as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) fail(path, 'repertoire must be a mapping (base, allow, ranges)');
    for (const k of Object.keys(r)) if (!['base', 'allow', 'ranges'].includes(k)) fail(path, `unknown repertoire setting "${k}"`);
    if (r.base !== undefined) {
      if (r.base !== 'unicode' && r.base !== 'cp932' && r.base !== 'jisx0208') fail(path, 'repertoire.base must be unicode, cp932 or jisx0208');
      p.repertoire.base = r.base;
    }
    if (r.allow !== undefined) {
      if (typeof r.allow !== 'string') fail(path, 'repertoire.allow must be a string of characters');
      p.repertoire.allow = r.allow;
    }
    if (r.ranges !== undefined) {
      if (!Array.isArray(r.ranges) || r.ranges.some((x) => typeof x !== 'string')) fail(path, 'repertoire.ranges must be a list like ["U+20000-U+2A6DF"]');
      for (const x of r.ranges as string[]) parseRange(x, path);
      p.repertoire.ranges = r.ranges as string[];
    }
  }
  if (d.severity !== undefined) {
    const s = d.severity as Record<string, unknown>;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) fail(path, 'severity must map finding codes to error, warning, info or off');
    for (const [code, v] of Object.entries(s)) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(code)) fail(path, `severity: "${code}" is not a finding code`);
      if (v !== 'error' && v !== 'warning' && v !== 'info' && v !== 'off') fail(path, `severity.${code} must be error, warning, info or off`);
      p.severity[code] = v;
    }
  }
  if (d.keyMemoryMiB !== undefined) {
    if (typeof d.keyMemoryMiB !== 'number' || !(d.keyMemoryMiB >= 16)) fail(path, 'keyMemoryMiB must be a number ≥ 16');
    p.keyMemoryMiB = d.keyMemoryMiB;
  }
  return p;
}

export function loadProfile(path: string): CheckProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read profile ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let doc: unknown;
  try {
    doc = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    fail(path, `not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`);
  }
  return parseProfile(doc, path);
}

/** "U+20000-U+2A6DF" or "U+3402" → [from, to]. */
export function parseRange(s: string, path = '(profile)'): [number, number] {
  const m = /^U\+([0-9A-Fa-f]{4,6})(?:\s*-\s*U\+([0-9A-Fa-f]{4,6}))?$/.exec(s.trim());
  if (!m) fail(path, `range "${s}" must look like U+20000-U+2A6DF or U+3402`);
  const from = parseInt(m[1], 16);
  const to = m[2] ? parseInt(m[2], 16) : from;
  if (to < from || to > 0x10ffff) fail(path, `range "${s}" is empty or beyond U+10FFFF`);
  return [from, to];
}
