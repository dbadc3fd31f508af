/**
 * Character repertoires for the 外字 inventory: which code points a target character set can hold.
 * Every repertoire includes ASCII and JIS X 0201 half-width katakana (the single-byte half of the
 * files); PUA code points are never in a repertoire (they are reported as 外字 on their own).
 *
 * - jisx0208: the JIS X 0208 cells (rows 1–84) as Node's CP932 decoder maps them (SJIS lead
 *   bytes 0x81–0x86, 0x88–0x9F, 0xE0–0xEA), plus the JIS-table forms of the few cells CP932 maps
 *   differently (U+301C WAVE DASH for 0x8160, U+2212 MINUS for 0x817C, …). NEC row 13 (①, Ⅰ, ㈱)
 *   and the IBM extensions (髙, 﨑, ⅰ) are outside: they are 機種依存文字.
 * - cp932: every assigned CP932 cell outside the user-defined area (JIS X 0208 + NEC row 13 +
 *   NEC-selected IBM + IBM extensions).
 * - jisx0213: JIS X 0213:2004, both planes, from data/jisx0213.json (generated from glibc iconv
 *   EUC-JISX0213 by data/generate-jisx0213.ts; 11,233 cells, 11,209 code points).
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.ts';
import { cp932Cells, CP932_WINDOWS_EQUIVALENTS } from '../encoding/cp932.ts';

export const REPERTOIRES = ['jisx0208', 'jisx0213', 'cp932'] as const;
export type RepertoireName = (typeof REPERTOIRES)[number];

export interface Repertoire {
  readonly name: RepertoireName;
  has(codePoint: number): boolean;
}

const cache = new Map<RepertoireName, Repertoire>();

function baseBmp(): Uint8Array {
  const bmp = new Uint8Array(0x10000);
  for (let c = 0; c < 0x80; c++) bmp[c] = 1;
  for (let c = 0xff61; c <= 0xff9f; c++) bmp[c] = 1;
  return bmp;
}

function fromCp932(include: (lead: number) => boolean): Repertoire['has'] {
  const bmp = baseBmp();
  const cells = cp932Cells();
  for (let code = 0x8140; code < 0x10000; code++) {
    const u = cells[code];
    if (u === 0 || !include(code >> 8)) continue;
    if (u >= 0xe000 && u <= 0xf8ff) continue;
    bmp[u] = 1;
  }
  return (cp) => cp < 0x10000 && bmp[cp] === 1;
}

function loadJisx0213(): Repertoire['has'] {
  const data = JSON.parse(readFileSync(packagePath('src', 'cleanse', 'data', 'jisx0213.json'), 'utf8')) as { ranges: string[] };
  const bmp = baseBmp();
  const astral = new Set<number>();
  for (const r of data.ranges) {
    const [a, b] = r.split('-');
    const from = parseInt(a, 16);
    const to = b === undefined ? from : parseInt(b, 16);
    for (let cp = from; cp <= to; cp++) {
      if (cp < 0x10000) bmp[cp] = 1;
      else astral.add(cp);
    }
  }
  return (cp) => (cp < 0x10000 ? bmp[cp] === 1 : astral.has(cp));
}

export function getRepertoire(name: RepertoireName): Repertoire {
  let r = cache.get(name);
  if (r) return r;
  let has: Repertoire['has'];
  if (name === 'jisx0208') {
    const inner = fromCp932((lead) => (lead >= 0x81 && lead <= 0x86) || (lead >= 0x88 && lead <= 0x9f) || (lead >= 0xe0 && lead <= 0xea));
    const jisForms = new Set(CP932_WINDOWS_EQUIVALENTS.keys());
    // ¦ (0xFA55) is an IBM extension, not JIS X 0208: leave its JIS-style form out.
    jisForms.delete(0x00a6);
    has = (cp) => inner(cp) || jisForms.has(cp);
  } else if (name === 'cp932') {
    has = fromCp932((lead) => lead < 0xf0 || lead > 0xf9);
  } else {
    has = loadJisx0213();
  }
  r = { name, has };
  cache.set(name, r);
  return r;
}

export function isRepertoireName(s: string): s is RepertoireName {
  return (REPERTOIRES as readonly string[]).includes(s);
}
