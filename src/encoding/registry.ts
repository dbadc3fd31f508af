/**
 * The one charset registry: every name chukan accepts for a charset, in every verb and loader
 * (mapping source/output, fixed layouts, check profiles, layouts' byte-length rules, transcode,
 * peek, gaiji, dedup, validate, 項目定義書 CSV import). A charset is one module exporting a
 * CharsetDefinition (codec.ts) and one line in DEFINITIONS below; nothing else lists names.
 */
import { UnknownCharsetError } from '../core/errors.ts';
import type { CharsetCodec, CharsetDefinition } from './codec.ts';
import { cp932Definition } from './cp932.ts';
import { ebcdicDefinitions } from './ebcdic/index.ts';
import { eucJpDefinition } from './euc-jp.ts';
import { utf8Definition } from './utf-8.ts';

export type { CharsetDefinition } from './codec.ts';

/** In the order `chukan transcode --help` lists them: the ASCII-based charsets, then the EBCDIC pages. */
const DEFINITIONS: readonly CharsetDefinition[] = [cp932Definition, eucJpDefinition, utf8Definition, ...ebcdicDefinitions()];

const BY_NAME = new Map<string, CharsetDefinition>();
for (const d of DEFINITIONS) {
  for (const n of [d.name, ...d.aliases]) {
    if (BY_NAME.has(n)) throw new Error(`charset name ${n} is declared twice`);
    BY_NAME.set(n, d);
  }
}

/** The definition for a name as a user gives it (case and surrounding blanks ignored), or undefined. */
export function findCharset(name: string): CharsetDefinition | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

/** The canonical name for a user-given name (ms932 → cp932), or undefined when chukan has no such charset. */
export function canonicalCharsetName(name: string): string | undefined {
  return findCharset(name)?.name;
}

/** The charset for a user-given name; throws UnknownCharsetError (exit 2) for anything else. */
export function getCharset(name: string): CharsetCodec {
  const d = findCharset(name);
  if (!d) throw new UnknownCharsetError(name);
  return d.codec();
}

/** Every definition, in DEFINITIONS order. */
export function charsetDefinitions(): readonly CharsetDefinition[] {
  return DEFINITIONS;
}

/** Names accepted by getCharset (case-insensitive), grouped by canonical name: cp932, euc-jp, utf-8, then the EBCDIC pages. */
export function charsetNames(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of DEFINITIONS) out[d.name] = [d.name, ...d.aliases];
  return out;
}

/** The charset's name as a person writes it (UTF-8, CP932, EUC-JP); the name itself for one chukan does not know. */
export function charsetLabel(name: string): string {
  return findCharset(name)?.label ?? name;
}
