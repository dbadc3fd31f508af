/**
 * EBCDIC charsets by name, built from the table files in tables/ (loaded lazily, cached), and
 * vendor charsets from user-supplied tables with configurable shift bytes.
 */
import { join, sep } from 'node:path';
import { packagePath } from '../../core/package-root.ts';
import { loadCodeTable, parseCodeTable, type CodeTable } from './code-table.ts';
import { createTableCharset, type TableCharset } from './table-charset.ts';
import { makeCharset, type CharsetCodec, type CharsetDefinition } from '../codec.ts';
import { withKanaWidth, type KanaWidth } from './kana-width.ts';

export { parseCodeTable, loadCodeTable, type CodeTable } from './code-table.ts';
export { createTableCharset, type TableCharset, type TableCharsetOptions, type FieldDecodeResult } from './table-charset.ts';
export { KANA_WIDTHS, type KanaWidth } from './kana-width.ts';

/** Where the shipped tables live; CHUKAN_TABLES_DIR overrides (e.g. a packaged install). */
export function tablesDir(): string {
  return process.env.CHUKAN_TABLES_DIR ?? packagePath('tables') + sep;
}

interface Builtin {
  sbcs: string;
  dbcs?: string;
  /** Names accepted besides the canonical one and its `cpNNN`, `ibm-NNN`, `ccsidNNN` forms. */
  aliases?: string[];
}

const IBM_SO = [0x0e];
const IBM_SI = [0x0f];

/** The shipped pages (tables/README.md; generated and checked by scripts/ebcdic-tables.ts). */
const BUILTINS: Record<string, Builtin> = {
  ibm037: { sbcs: 'ibm037.sbcs.txt', aliases: ['ibm-37', 'ccsid37', 'ibm37', 'cp37'] },
  ibm500: { sbcs: 'ibm500.sbcs.txt' },
  ibm1047: { sbcs: 'ibm1047.sbcs.txt' },
  ibm1140: { sbcs: 'ibm1140.sbcs.txt', aliases: ['ibm01140', 'cp01140', 'ccsid01140'] },
  ibm273: { sbcs: 'ibm273.sbcs.txt' },
  ibm1026: { sbcs: 'ibm1026.sbcs.txt' },
  ibm875: { sbcs: 'ibm875.sbcs.txt' },
  ibm290: { sbcs: 'ibm290.sbcs.txt', aliases: ['ebcdic-jp-kana', 'ebcdik'] },
  ibm930: { sbcs: 'ibm930.sbcs.txt', dbcs: 'ibm930.dbcs.txt' },
  ibm939: { sbcs: 'ibm939.sbcs.txt', dbcs: 'ibm939.dbcs.txt' },
  ibm1390: { sbcs: 'ibm1390.sbcs.txt', dbcs: 'ibm1390.dbcs.txt' },
  ibm1399: { sbcs: 'ibm1399.sbcs.txt', dbcs: 'ibm1399.dbcs.txt' },
};

const ALIASES: Record<string, string> = {};
for (const [name, b] of Object.entries(BUILTINS)) {
  const n = name.slice(3);
  for (const alias of [`cp${n}`, `ibm-${n}`, `ccsid${n}`, ...(b.aliases ?? [])]) ALIASES[alias] = name;
}

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

export interface EbcdicCharsetOptions {
  /** Single-byte katakana as half-width (default, as IBM, ICU and Java) or full-width (kana-width.ts). */
  kana?: KanaWidth;
}

/** The built-in EBCDIC charset, or undefined for names that are not EBCDIC (caller falls back). */
export function getEbcdicCharset(name: string, options: EbcdicCharsetOptions = {}): TableCharset | undefined {
  const canonical = ebcdicCanonicalName(name.trim());
  if (!canonical) return undefined;
  const kana = options.kana ?? 'half';
  const key = `${canonical}/${kana}`;
  let cs = cache.get(key);
  if (cs) return cs;
  const b = BUILTINS[canonical]!;
  const dir = tablesDir();
  const sb = table(join(dir, b.sbcs));
  const db = b.dbcs ? table(join(dir, b.dbcs)) : undefined;
  const merged: CodeTable = { ...sb, single: withKanaWidth(sb.single, kana), double: db?.double ?? [], doubleCount: db?.doubleCount ?? 0 };
  cs = createTableCharset({ name: canonical, table: merged, shiftOut: db ? IBM_SO : [], shiftIn: db ? IBM_SI : [] });
  cache.set(key, cs);
  return cs;
}

const codecs = new Map<string, CharsetCodec>();

/**
 * A built-in EBCDIC page as a CharsetCodec, the shape the encoding module's `getCharset` hands to
 * whole-file tools (transcode; the CSV reader refuses it: its bytes for LF, comma and quote are
 * not ASCII's). Undefined for names that are not EBCDIC.
 */
export function getEbcdicCodec(name: string): CharsetCodec | undefined {
  const cs = getEbcdicCharset(name);
  if (!cs) return undefined;
  let c = codecs.get(cs.name);
  if (!c) {
    c = makeCharset({
      name: cs.name,
      asciiTransparent: false,
      decode: cs.decode,
      findInvalid: cs.findInvalid,
      decodeChecked: (bytes) => cs.decodeField(bytes),
      completeLength: cs.completeLength,
      byteOffsets: cs.byteOffsets,
      encode: cs.encode,
    });
    codecs.set(cs.name, c);
  }
  return c;
}

/** Names getEbcdicCharset accepts (case-insensitive), grouped by canonical name. */
export function ebcdicCharsetNames(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(BUILTINS)) out[name] = [name];
  for (const [alias, name] of Object.entries(ALIASES)) out[name]!.push(alias);
  return out;
}

/**
 * The shipped pages as the charset registry (../registry.ts) lists them: the canonical name, then
 * its `cpNNN`, `ibm-NNN`, `ccsidNNN` forms and the aliases BUILTINS names.
 */
export function ebcdicDefinitions(): CharsetDefinition[] {
  const names = ebcdicCharsetNames();
  return Object.keys(BUILTINS).map((name) => ({
    name,
    label: name.toUpperCase(),
    aliases: names[name]!.slice(1),
    ebcdic: true,
    codec: () => getEbcdicCodec(name)!,
  }));
}

export interface VendorCharsetSpec {
  name: string;
  /** Path of the single-byte table, or a built-in EBCDIC name whose single-byte table to use. */
  sbcs: string;
  /** Path of the double-byte table (may also hold the single-byte lines). */
  dbcs?: string;
  shiftOut?: number[];
  shiftIn?: number[];
  /** Width of single-byte katakana (default half). */
  kana?: KanaWidth;
}

/**
 * A vendor charset from table files, e.g. Fujitsu JEF:
 * `{ name: 'jef', sbcs: 'ebcdic-jp-kana', dbcs: 'jef.dbcs.txt', shiftOut: [0x28, 0x38], shiftIn: [0x29] }`.
 */
export function createVendorCharset(spec: VendorCharsetSpec): TableCharset {
  const builtin = ebcdicCanonicalName(spec.sbcs);
  const sb = builtin ? table(join(tablesDir(), BUILTINS[builtin]!.sbcs)) : table(spec.sbcs);
  const db = spec.dbcs ? table(spec.dbcs) : undefined;
  const merged = sb.single.slice();
  if (db) db.single.forEach((v, i) => { if (v !== undefined) merged[i] = v; });
  const single = withKanaWidth(merged, spec.kana ?? 'half');
  return createTableCharset({
    name: spec.name,
    table: { single, singleCount: sb.singleCount, double: db?.double ?? [], doubleCount: db?.doubleCount ?? 0 },
    shiftOut: spec.shiftOut ?? IBM_SO,
    shiftIn: spec.shiftIn ?? IBM_SI,
  });
}

export const EBCDIC_CHARSET_NAMES: readonly string[] = Object.keys(BUILTINS);
