/**
 * Deterministic generator of the fictional "vendor M" mainframe 住登外者 export: CP932, 220-byte
 * records with no terminator (layout: mappings/fixed/jutogai.layout.yaml), header / data / trailer.
 * Invented people (src/layouts/sample-generator.ts), realistic field encodings: 宛名番号 as ASCII
 * zoned digits, 生年月日 as 和暦 (era digit + YYMMDD) zoned, 登録日 as a packed date, 消除日 as
 * packed 和暦, kanji names padded with U+3000, half-width kana readings, 外字 in the CP932
 * user-defined area for the surnames CP932 cannot hold (𠮷 → F040, 辻󠄀 → F041).
 *
 *   node --import tsx samples/fixed-jutogai/generate.ts            rewrites the two committed files
 *   node --import tsx samples/fixed-jutogai/generate.ts --records 1000000 --out /tmp/J.dat [--seed N]
 *
 * Planted faults (data record numbers, 1-based, present whenever the file is that long) — each
 * must reach the rejects with its code; see PLANTED:
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getCharset } from '../../src/encoding/index.ts';
import { createRng, randomMunicipality, randomPersona, toHankakuKana, type Rng } from '../../src/layouts/sample-generator.ts';
import { KATAGAKI, MACHIAZA, MUNICIPALITIES } from '../../src/layouts/sample-words.ts';

export const RECORD_LENGTH = 220;
export const SEED = 20261124;
/** The committed samples: the main delivery and a small additional one whose trailer is wrong. */
export const MAIN_RECORDS = 300;
export const EXTRA_RECORDS = 12;
export const EXTRA_SEED = 20261125;

/** Data record number → the fault planted there and the finding that must reject it. */
export const PLANTED = {
  23: { fault: 'a double-byte character cut by the end of the name field', code: 'FIX_SPLIT_DBCS', field: 'shimei' },
  58: { fault: 'a bad digit nibble (0xA) in the packed 消除日', code: 'FIX_BAD_NIBBLE', field: 'shojo_bi' },
  111: { fault: '昭和55年2月30日 as 生年月日', code: 'TX_WAREKI_INVALID_DATE', field: 'birth' },
  150: { fault: '平成31年5月1日 (the first day of 令和) as 生年月日', code: 'TX_WAREKI_OUTSIDE_ERA', field: 'birth' },
} as const;

const cp932 = getCharset('cp932');
/** Characters CP932 cannot hold, as the vendor registered them in its 外字 area (E000 = F040, …). */
const GAIJI: [string, string][] = [['𠮷', '\uE000'], ['辻\u{E0100}', '\uE001']];
const encoded = new Map<string, Buffer>();
function sj(text: string): Buffer {
  let b = encoded.get(text);
  if (b) return b;
  let t = text;
  for (const [from, to] of GAIJI) t = t.replaceAll(from, to);
  const r = cp932.encode(t);
  if (r.unrepresentable.length > 0) throw new Error(`not representable in CP932: U+${r.unrepresentable[0]!.codePoint.toString(16)}`);
  b = Buffer.from(r.bytes);
  if (encoded.size < 10_000) encoded.set(text, b);
  return b;
}

/** Writes `b` at `at`, padded with half-width spaces to `n` bytes. */
function put(rec: Buffer, at: number, n: number, b: Buffer | string): void {
  const bytes = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
  if (bytes.length > n) throw new Error(`value of ${bytes.length} bytes does not fit ${n} at offset ${at}`);
  bytes.copy(rec, at);
  rec.fill(0x20, at + bytes.length, at + n);
}

/** Full-width text padded with U+3000 (0x8140), then one half-width space if the length is odd. */
function putFull(rec: Buffer, at: number, n: number, b: Buffer): void {
  if (b.length > n) throw new Error(`value of ${b.length} bytes does not fit ${n} at offset ${at}`);
  b.copy(rec, at);
  let i = at + b.length;
  for (; i + 2 <= at + n; i += 2) { rec[i] = 0x81; rec[i + 1] = 0x40; }
  rec.fill(0x20, i, at + n);
}

/** COMP-3: two digits a byte, sign nibble C last. */
function putPacked(rec: Buffer, at: number, n: number, digits: string): void {
  const d = digits.padStart(2 * n - 1, '0');
  const nib = [...d].map(Number).concat(0xc);
  for (let i = 0; i < n; i++) rec[at + i] = (nib[2 * i]! << 4) | nib[2 * i + 1]!;
}

const p2 = (n: number) => String(n).padStart(2, '0');
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const ZEN = '〇一二三四五六七八九';

/** 西暦 YYYYMMDD → era digit (昭和3 平成4 令和5) + YYMMDD, with the real first days of each era. */
export function toWareki(ymd: string): string {
  const era = ymd < '19261225' ? 2 : ymd < '19890108' ? 3 : ymd < '20190501' ? 4 : 5;
  const base = [0, 1867, 1911, 1925, 1988, 2018][era]!;
  return `${era}${p2(Number(ymd.slice(0, 4)) - base)}${ymd.slice(4)}`;
}

function randomYmd(rng: Rng, from: number, to: number): string {
  const y = int(rng, from, to);
  const m = int(rng, 1, 12);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}${p2(m)}${p2(int(rng, 1, days))}`;
}

function header(dantai: string, created: string): Buffer {
  const rec = Buffer.alloc(RECORD_LENGTH, 0x20);
  put(rec, 0, 1, '1');
  put(rec, 1, 6, dantai);
  put(rec, 7, 8, created);
  putFull(rec, 15, 20, sj('住登外管理システム'));
  return rec;
}

function trailer(count: number): Buffer {
  const rec = Buffer.alloc(RECORD_LENGTH, 0x20);
  put(rec, 0, 1, '9');
  put(rec, 1, 9, String(count).padStart(9, '0'));
  return rec;
}

const KUBUN = ['1', '1', '1', '2', '2', '3', '3', '3', '4', '5', '6', '7', '9'];
/** 登録事由 most likely for each 住登外区分. */
const JIYU: Record<string, string> = { '1': '03', '2': '03', '3': '01', '4': '05', '5': '06', '6': '04', '7': '01', '9': '99' };

/** One data record (number `n`, 1-based). */
function dataRecord(rng: Rng, n: number, dantai: string): Buffer {
  const rec = Buffer.alloc(RECORD_LENGTH, 0x20);
  const p = randomPersona(rng);
  const [, todofuken, shikuchoson] = pick(rng, MUNICIPALITIES);
  const kubun = pick(rng, KUBUN);
  put(rec, 0, 1, '2');
  put(rec, 1, 6, dantai);
  put(rec, 7, 10, String(100_000_000 + n * 7).padStart(10, '0'));
  put(rec, 17, 1, kubun);
  if (n in PLANTED && PLANTED[n as keyof typeof PLANTED].code === 'FIX_SPLIT_DBCS') {
    // 29 bytes of name, then the lead byte of 様 in the field's last byte: half a character.
    const name = sj('長谷川　健一郎');
    putFull(rec, 18, 29, name);
    rec[18 + 29] = sj('様')[0]!;
  } else {
    putFull(rec, 18, 30, sj(p.shimei));
  }
  put(rec, 48, 30, sj(toHankakuKana(p.shimeiKana)));
  put(rec, 78, 1, p.seibetsu);
  const code = n in PLANTED ? PLANTED[n as keyof typeof PLANTED].code : '';
  put(rec, 79, 7, code === 'TX_WAREKI_INVALID_DATE' ? '3550230' : code === 'TX_WAREKI_OUTSIDE_ERA' ? '4310501' : toWareki(p.seinengappi));
  put(rec, 86, 7, String(int(rng, 100, 999)) + String(int(rng, 0, 9999)).padStart(4, '0'));
  putFull(rec, 93, 10, sj(todofuken));
  putFull(rec, 103, 20, sj(shikuchoson));
  putFull(rec, 123, 24, sj(`${pick(rng, MACHIAZA)}${ZEN[int(rng, 1, 9)]}丁目`));
  put(rec, 147, 12, `${int(rng, 1, 40)}-${int(rng, 1, 30)}${rng() < 0.6 ? `-${int(rng, 1, 20)}` : ''}`);
  if (rng() < 0.3) putFull(rec, 159, 30, sj(`${pick(rng, KATAGAKI)}${int(rng, 1, 9)}0${int(rng, 1, 9)}号室`.replace(/[0-9]/g, (d) => '０１２３４５６７８９'[+d]!)));
  if (rng() < 0.5) put(rec, 189, 13, `0${int(rng, 70, 90)}-${String(int(rng, 0, 9999)).padStart(4, '0')}-${String(int(rng, 0, 9999)).padStart(4, '0')}`);
  const toroku = randomYmd(rng, 2005, 2024);
  putPacked(rec, 202, 5, toroku);
  put(rec, 207, 2, JIYU[kubun]!);
  if (code === 'FIX_BAD_NIBBLE' || rng() < 0.1) {
    const shojo = randomYmd(rng, Number(toroku.slice(0, 4)) + 1, 2025);
    putPacked(rec, 209, 4, toWareki(shojo));
    if (code === 'FIX_BAD_NIBBLE') rec[210] = (rec[210]! & 0xf0) | 0x0a;
    put(rec, 213, 2, pick(rng, ['01', '02', '03', '04']));
  }
  return rec;
}

export interface GenerateOptions {
  records: number;
  seed?: number;
  /** The count the trailer declares (default: `records`). */
  declaredCount?: number;
  created?: string;
}

/** Yields the file in chunks of about 1 MiB: header, `records` data records, trailer. */
export function* generateJutogai(o: GenerateOptions): Generator<Buffer> {
  const rng = createRng(o.seed ?? SEED);
  const dantai = randomMunicipality(rng).dantaiCode;
  const parts: Buffer[] = [header(dantai, o.created ?? '20261124')];
  for (let n = 1; n <= o.records; n++) {
    parts.push(dataRecord(rng, n, dantai));
    if (parts.length >= 4096) yield Buffer.concat(parts.splice(0));
  }
  parts.push(trailer(o.declaredCount ?? o.records));
  yield Buffer.concat(parts);
}

export function buildJutogai(o: GenerateOptions): Buffer {
  return Buffer.concat([...generateJutogai(o)]);
}

/** The committed samples, by file name. */
export function committedSamples(): Record<string, Buffer> {
  return {
    'JUTOGAI.dat': buildJutogai({ records: MAIN_RECORDS }),
    // An additional delivery whose trailer declares one record more than the file holds.
    'JUTOGAI-ADD.dat': buildJutogai({ records: EXTRA_RECORDS, seed: EXTRA_SEED, declaredCount: EXTRA_RECORDS + 1, created: '20261125' }),
  };
}

export function writeJutogaiFile(path: string, o: GenerateOptions): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    for (const chunk of generateJutogai(o)) bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { records: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } } });
  if (values.records || values.out) {
    if (!values.records || !values.out) throw new Error('--records N and --out FILE go together');
    const bytes = writeJutogaiFile(values.out, { records: Number(values.records), seed: values.seed ? Number(values.seed) : undefined });
    process.stderr.write(`${values.out}: ${bytes} bytes\n`);
  } else {
    const dir = dirname(fileURLToPath(import.meta.url));
    for (const [name, b] of Object.entries(committedSamples())) {
      writeFileSync(join(dir, name), b);
      process.stderr.write(`${join(dir, name)}: ${b.length} bytes\n`);
    }
  }
}
