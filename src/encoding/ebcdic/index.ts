/**
 * EBCDIC charsets by name, built from the table files in tables/ (loaded lazily, cached), and
 * vendor charsets from user-supplied tables with configurable shift bytes.
 */
import { join, sep } from 'node:path';
import { packagePath } from '../../core/package-root.ts';
import { loadCodeTable, parseCodeTable, type CodeTable } from './code-table.ts';
import { createTableCharset, type TableCharset } from './table-charset.ts';

export { parseCodeTable, loadCodeTable, type CodeTable } from './code-table.ts';
export { createTableCharset, type TableCharset, type TableCharsetOptions, type FieldDecodeResult } from './table-charset.ts';

/** Where the shipped tables live; CHUKAN_TABLES_DIR overrides (e.g. a packaged install). */
export function tablesDir(): string {
  return process.env.CHUKAN_TABLES_DIR ?? packagePath('tables') + sep;
}

interface Builtin {
  sbcs: string;
  dbcs?: string;
}

const IBM_SO = [0x0e];
const IBM_SI = [0x0f];

const BUILTINS: Record<string, Builtin> = {
  ibm037: { sbcs: 'ibm037.sbcs.txt' },
  ibm290: { sbcs: 'ibm290.sbcs.txt' },
  'ebcdic-jp-kana': { sbcs: 'ebcdic-jp-kana.sbcs.txt' },
  ibm930: { sbcs: 'ibm930.sbcs.txt', dbcs: 'ibm930.dbcs.txt' },
  ibm939: { sbcs: 'ibm939.sbcs.txt', dbcs: 'ibm939.dbcs.txt' },
};

const ALIASES: Record<string, string> = {
  cp037: 'ibm037', 'ibm-037': 'ibm037', ccsid037: 'ibm037', 'ibm-37': 'ibm037', ccsid37: 'ibm037',
  cp290: 'ibm290', 'ibm-290': 'ibm290', ccsid290: 'ibm290',
  ebcdik: 'ebcdic-jp-kana',
  cp930: 'ibm930', 'ibm-930': 'ibm930', ccsid930: 'ibm930',
  cp939: 'ibm939', 'ibm-939': 'ibm939', ccsid939: 'ibm939',
};

const cache = new Map<string, TableCharset>();
const tableCache = new Map<string, CodeTable>();

function table(path: string): CodeTable {
  let t = tableCache.get(path);
  if (!t) { t = loadCodeTable(path); tableCache.set(path, t); }
  return t;
}

/** Canonical EBCDIC name for `name`, or undefined when it is not one of ours. */
export function ebcdicCanonicalName(name: string): string | undefined {
  const n = name.toLowerCase();
  if (BUILTINS[n]) return n;
  return ALIASES[n];
}

/** The built-in EBCDIC charset, or undefined for names that are not EBCDIC (caller falls back). */
export function getEbcdicCharset(name: string): TableCharset | undefined {
  const canonical = ebcdicCanonicalName(name);
  if (!canonical) return undefined;
  let cs = cache.get(canonical);
  if (cs) return cs;
  const b = BUILTINS[canonical]!;
  const dir = tablesDir();
  const sb = table(join(dir, b.sbcs));
  const merged: CodeTable = b.dbcs
    ? { ...sb, double: table(join(dir, b.dbcs)).double, doubleCount: table(join(dir, b.dbcs)).doubleCount }
    : sb;
  cs = createTableCharset({ name: canonical, table: merged, shiftOut: b.dbcs ? IBM_SO : [], shiftIn: b.dbcs ? IBM_SI : [] });
  cache.set(canonical, cs);
  return cs;
}

export interface VendorCharsetSpec {
  name: string;
  /** Path of the single-byte table, or a built-in EBCDIC name whose single-byte table to use. */
  sbcs: string;
  /** Path of the double-byte table (may also hold the single-byte lines). */
  dbcs?: string;
  shiftOut?: number[];
  shiftIn?: number[];
}

/**
 * A vendor charset from table files, e.g. Fujitsu JEF:
 * `{ name: 'jef', sbcs: 'ebcdic-jp-kana', dbcs: 'jef.dbcs.txt', shiftOut: [0x28, 0x38], shiftIn: [0x29] }`.
 */
export function createVendorCharset(spec: VendorCharsetSpec): TableCharset {
  const builtin = ebcdicCanonicalName(spec.sbcs);
  const sb = builtin ? table(join(tablesDir(), BUILTINS[builtin]!.sbcs)) : table(spec.sbcs);
  const db = spec.dbcs ? table(spec.dbcs) : undefined;
  const single = sb.single.slice();
  if (db) db.single.forEach((v, i) => { if (v !== undefined) single[i] = v; });
  return createTableCharset({
    name: spec.name,
    table: { single, singleCount: sb.singleCount, double: db?.double ?? [], doubleCount: db?.doubleCount ?? 0 },
    shiftOut: spec.shiftOut ?? IBM_SO,
    shiftIn: spec.shiftIn ?? IBM_SI,
  });
}

export const EBCDIC_CHARSET_NAMES: readonly string[] = Object.keys(BUILTINS);
