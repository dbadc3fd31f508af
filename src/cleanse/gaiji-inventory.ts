/**
 * 外字 inventory: every distinct private-use code point and every character outside a chosen
 * repertoire, with its bytes in the source charset, its count, the fields it occurs in and its
 * first locations. Pure: the caller feeds raw record text (quotes included) with the record's
 * location; the inventory finds field boundaries itself so each hit has an exact byte offset.
 *
 * Not reported: U+FFFD (the reader already reports undecodable bytes as ENC_ findings) and a
 * byte-order mark.
 */
import type { Charset } from '../encoding/charset.ts';
import { isPua } from '../encoding/pua.ts';
import { findCharset } from '../encoding/registry.ts';
import { formatCodePoint } from '../encoding/code-point.ts';
import type { Repertoire } from './repertoire.ts';

export interface GaijiLocation {
  file: string;
  record: number;
  line: number;
  /** Byte offset of the character itself in the file (0-based). */
  offset: number;
  field: string;
}

export interface GaijiEntry {
  /** `U+E000` form. */
  codePoint: string;
  /** Hex of the character's bytes in the source charset (`F040`); empty if it has none. */
  bytes: string;
  count: number;
  /** First locations, at most `maxLocations`. */
  locations: GaijiLocation[];
  /** 'pua': private use (means nothing without the 外字対応表); 'outside': a real character the repertoire lacks. */
  kind: 'pua' | 'outside';
  /** Occurrences per field name. */
  fields: Record<string, number>;
  /** The character itself, for 'outside' only (a PUA character has no meaning to show). */
  char?: string;
}

export interface RecordWhere {
  file: string;
  record: number;
  line: number;
  offset: number;
}

export interface GaijiInventoryOptions {
  /** Charset of the source bytes (for the `bytes` column and byte offsets). */
  charset: Charset;
  /** Repertoire to test against; without one only PUA code points are listed. */
  repertoire?: Repertoire;
  delimiter?: string;
  quote?: string;
  /** Locations kept per code point (default 10). */
  maxLocations?: number;
}

export interface GaijiInventory {
  /** Scans one record's raw text; `fieldName(i)` names the 0-based column i. Returns the hits found. */
  scanRecord(raw: string, where: RecordWhere, fieldName: (index: number) => string): number;
  /** Entries sorted by code point. */
  entries(): GaijiEntry[];
  readonly totalHits: number;
}

export function sourceBytesHex(charset: Charset, cp: number): string {
  const r = charset.encode(String.fromCodePoint(cp));
  if (r.unrepresentable.length > 0) return '';
  return Buffer.from(r.bytes).toString('hex').toUpperCase();
}

function byteLengthFn(charset: Charset): (s: string) => number {
  const rule = findCharset(charset.name)?.byteLength;
  if (rule) return rule;
  return (s) => charset.encode(s).bytes.length;
}

interface Acc {
  count: number;
  locations: GaijiLocation[];
  fields: Map<string, number>;
  pua: boolean;
}

export function createGaijiInventory(opts: GaijiInventoryOptions): GaijiInventory {
  const maxLoc = opts.maxLocations ?? 10;
  const delim = (opts.delimiter ?? ',').charCodeAt(0);
  const quote = (opts.quote ?? '"').charCodeAt(0);
  const rep = opts.repertoire;
  const byteLen = byteLengthFn(opts.charset);
  const acc = new Map<number, Acc>();
  let totalHits = 0;

  return {
    scanRecord(raw, where, fieldName) {
      let hits = 0;
      let field = 0;
      let inQuotes = false;
      const n = raw.length;
      for (let i = 0; i < n; i++) {
        const c = raw.charCodeAt(i);
        if (c < 0x80) {
          if (c === quote) inQuotes = !inQuotes; // "" inside quotes toggles twice: net unchanged
          else if (c === delim && !inQuotes) field++;
          continue;
        }
        let cp = c;
        let width = 1;
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
          const d = raw.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
            width = 2;
          }
        }
        const pua = isPua(cp);
        if (!pua) {
          if (!rep || cp === 0xfffd || cp === 0xfeff || rep.has(cp)) {
            i += width - 1;
            continue;
          }
          // a variation selector after a character: part of an IVS, not a character of its own
          if ((cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0xfe00 && cp <= 0xfe0f)) {
            i += width - 1;
            continue;
          }
        }
        hits++;
        let a = acc.get(cp);
        if (!a) acc.set(cp, (a = { count: 0, locations: [], fields: new Map(), pua }));
        a.count++;
        const name = fieldName(field);
        a.fields.set(name, (a.fields.get(name) ?? 0) + 1);
        if (a.locations.length < maxLoc) {
          a.locations.push({ file: where.file, record: where.record, line: where.line + countNewlines(raw, i), offset: where.offset + byteLen(raw.slice(0, i)), field: name });
        }
        i += width - 1;
      }
      totalHits += hits;
      return hits;
    },
    entries() {
      return [...acc.entries()]
        .sort((x, y) => x[0] - y[0])
        .map(([cp, a]) => {
          const e: GaijiEntry = {
            codePoint: formatCodePoint(cp),
            bytes: sourceBytesHex(opts.charset, cp),
            count: a.count,
            locations: a.locations,
            kind: a.pua ? 'pua' : 'outside',
            fields: Object.fromEntries(a.fields),
          };
          if (!a.pua) e.char = String.fromCodePoint(cp);
          return e;
        });
    },
    get totalHits() {
      return totalHits;
    },
  };
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a) n++;
    else if (c === 0x0d && s.charCodeAt(i + 1) !== 0x0a) n++;
  }
  return n;
}
