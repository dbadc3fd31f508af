/**
 * Deterministic generator of realistic vendor exports for the high-volume benchmarks.
 *
 *   node --import tsx bench/generate.ts --records 1000000 --out /tmp/chukan-bench [options]
 *
 * Writes into OUT:
 *   JUMIN30.csv            a 30-column 住民記録 export of a fictional vendor (CP932 by default):
 *                          every field quoted, ~2,000 quoted line breaks per million, ~1% exact
 *                          duplicate rows, ~1,000 records with 外字 in the user-defined area per
 *                          million, a small rate of values the layout rejects and of broken records
 *   JUMIN30.utf8.csv       the same records as UTF-8 (for DuckDB, which reads no CP932)
 *   juki-kojin-30.yaml     the mapping JUMIN30.csv → juki/kojin (code tables of mappings/vendor-a)
 *   JUKI_KOJIN.std.csv     a standard-layout juki/kojin file (UTF-8, header of item names) for
 *                          `chukan validate`, drawn from the layout-driven generator
 *                          (src/layouts/sample-generator.ts) with the same invalid rate
 *
 * Same seed and options → byte-identical files. Rows are built as strings and encoded in ~4 MiB
 * chunks; 1M records (~316 MB CP932) take well under a minute.
 */
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getCharset } from '../src/encoding/index.ts';
import { compileLayout, loadLayout } from '../src/layouts/index.ts';
import { createRng, generateRecord, FAULTS, type Fault } from '../src/layouts/sample-generator.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type BenchCharset = 'cp932' | 'euc-jp' | 'utf-8';

export interface GenerateOptions {
  records: number;
  out: string;
  charset?: BenchCharset;
  seed?: number;
  /** Fraction of records with a value the mapping or the layout rejects (default 0.002). */
  invalidRate?: number;
  /** Fraction of rows that are exact copies of a recent earlier row (default 0.01). */
  duplicateRate?: number;
  /** Records holding a user-defined-area 外字 per million (default 1000). */
  gaijiPerMillion?: number;
  /** Records with a line break inside a quoted value per million (default 2000). */
  newlinesPerMillion?: number;
  /** Structurally broken records (too few / too many fields, invalid bytes) per million (default 50). */
  brokenPerMillion?: number;
  /** Also write the UTF-8 copy (default true). */
  utf8Copy?: boolean;
  /** Also write the standard-layout file for validate (default true), with this many records (default `records`). */
  standard?: boolean;
  standardRecords?: number;
}

export interface GeneratedFiles {
  vendor: string;
  vendorBytes: number;
  utf8?: string;
  utf8Bytes?: number;
  mapping: string;
  standard?: string;
  standardBytes?: number;
  records: number;
  standardRecords: number;
  counts: { duplicates: number; gaiji: number; newlines: number; invalid: number; broken: number };
  seconds: number;
}

export const VENDOR_FILE = 'JUMIN30.csv';
export const UTF8_FILE = 'JUMIN30.utf8.csv';
export const MAPPING_FILE = 'juki-kojin-30.yaml';
export const STANDARD_FILE = 'JUKI_KOJIN.std.csv';

const COLUMNS = [
  '個人コード', '世帯コード', '氏名', '氏名カナ', '生年月日', '性別', '続柄', '住民となった日', '住定日', '郵便番号',
  '都道府県', '市区町村', '町字', '番地', '方書', '住民区分', '住民票コード', '異動事由', '異動日', '備考',
  '旧氏', '旧氏カナ', '通称', '個人番号', '届出日', '消除事由', '消除日', '電話番号', '更新日時', '更新者',
];

const SURNAMES: [string, string][] = [
  ['山田', 'ﾔﾏﾀﾞ'], ['佐藤', 'ｻﾄｳ'], ['鈴木', 'ｽｽﾞｷ'], ['高橋', 'ﾀｶﾊｼ'], ['田中', 'ﾀﾅｶ'], ['渡辺', 'ﾜﾀﾅﾍﾞ'],
  ['伊藤', 'ｲﾄｳ'], ['中村', 'ﾅｶﾑﾗ'], ['小林', 'ｺﾊﾞﾔｼ'], ['加藤', 'ｶﾄｳ'], ['吉田', 'ﾖｼﾀﾞ'], ['松本', 'ﾏﾂﾓﾄ'],
  ['井上', 'ｲﾉｳｴ'], ['木村', 'ｷﾑﾗ'], ['清水', 'ｼﾐｽﾞ'], ['山口', 'ﾔﾏｸﾞﾁ'], ['池田', 'ｲｹﾀﾞ'], ['橋本', 'ﾊｼﾓﾄ'],
  ['阿部', 'ｱﾍﾞ'], ['石川', 'ｲｼｶﾜ'], ['前田', 'ﾏｴﾀﾞ'], ['藤田', 'ﾌｼﾞﾀ'], ['小川', 'ｵｶﾞﾜ'], ['岡田', 'ｵｶﾀﾞ'],
  ['長谷川', 'ﾊｾｶﾞﾜ'], ['近藤', 'ｺﾝﾄﾞｳ'], ['坂本', 'ｻｶﾓﾄ'], ['遠藤', 'ｴﾝﾄﾞｳ'], ['別府', 'ﾍﾞｯﾌﾟ'], ['一本松', 'ｲｯﾎﾟﾝﾏﾂ'],
];
const MALE: [string, string][] = [
  ['太郎', 'ﾀﾛｳ'], ['一郎', 'ｲﾁﾛｳ'], ['健太', 'ｹﾝﾀ'], ['大輔', 'ﾀﾞｲｽｹ'], ['翔太', 'ｼｮｳﾀ'], ['拓也', 'ﾀｸﾔ'],
  ['浩二', 'ｺｳｼﾞ'], ['誠', 'ﾏｺﾄ'], ['修', 'ｵｻﾑ'], ['博', 'ﾋﾛｼ'], ['蓮', 'ﾚﾝ'], ['悠真', 'ﾕｳﾏ'], ['陽翔', 'ﾊﾙﾄ'],
];
const FEMALE: [string, string][] = [
  ['花子', 'ﾊﾅｺ'], ['洋子', 'ﾖｳｺ'], ['恵子', 'ｹｲｺ'], ['美咲', 'ﾐｻｷ'], ['由美', 'ﾕﾐ'], ['愛', 'ｱｲ'],
  ['結衣', 'ﾕｲ'], ['さくら', 'ｻｸﾗ'], ['葵', 'ｱｵｲ'], ['芽依', 'ﾒｲ'], ['凛', 'ﾘﾝ'], ['静香', 'ｼｽﾞｶ'],
];
const PREFS = ['架空県', '北架空県', '南架空府'];
const CITIES = ['架空市', '緑川町', '東山村', '西架空市中央区', '港架空市'];
const MACHI = ['緑町一丁目', '緑町二丁目', '桜台三丁目', '本町', '大字東山', '若葉町', '港南四丁目', '字西原', '中央通り五丁目'];
const KATAGAKI = ['', '', '', 'コーポ架空 101号室', 'ハイツみどり 203', 'メゾン本町,B棟 305', '"さくら"荘 2F', 'グランドパレス架空 1203'];
const BIKO = ['', '', '', '転入前住所：架空県架空市,旧住所あり', '郵便物は"方書"宛て', '要確認：届出書類の追完待ち', '前住所地の市町村から転出証明書の写しを受領済み', '住民票の写しの交付制限あり（支援措置の対象外）'];
const ZOKUGARA = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'];
const IDO = ['10', '11', '20', '30'];
const UPDATERS = ['市民課窓口端末０３', '夜間一括処理', '支所窓口端末１２', '住民記録システム連携'];
/** User-defined-area code points (U+E000 ↔ 0xF040 … U+E757 ↔ 0xF9FC), both ends of the area. */
const GAIJI = [0xe000, 0xe001, 0xe0bc, 0xe3a2, 0xe6c1, 0xe6fa, 0xe757];
const ERA_STARTS: [number, number][] = [[5, 20190501], [4, 19890108], [3, 19261225], [2, 19120730], [1, 18680125]];

/** 個人番号 check digit (番号法施行令第8条). */
function myNumberCheck(d11: string): string {
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = d11.charCodeAt(11 - n) - 48;
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return String(r <= 1 ? 0 : 11 - r);
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/** 和暦 as the vendor stores it: era digit + YYMMDD. */
function wareki(y: number, m: number, d: number): string {
  const n = y * 10000 + m * 100 + d;
  const [code, start] = ERA_STARTS.find(([, s]) => n >= s)!;
  return `${code}${pad(y - Math.floor(start / 10000) + 1, 2)}${pad(m, 2)}${pad(d, 2)}`;
}

function csvQuoted(v: string): string {
  return '"' + (v.includes('"') ? v.replaceAll('"', '""') : v) + '"';
}

interface ChunkSink {
  add(text: string): void;
  /** Resolves once the stream has room again (call between rows; cheap when it has). */
  room(): Promise<void> | undefined;
  close(): Promise<number>;
}

/** Collects text and writes it encoded in ~4 MiB pieces (one encode per piece). */
function sink(path: string, encode: (text: string) => Uint8Array): ChunkSink {
  const ws: WriteStream = createWriteStream(path, { highWaterMark: 8 << 20 });
  let parts: string[] = [];
  let len = 0;
  let bytes = 0;
  let pending: Promise<void> | undefined;
  const flush = () => {
    if (parts.length === 0) return;
    const buf = encode(parts.join(''));
    parts = [];
    len = 0;
    bytes += buf.length;
    if (!ws.write(buf)) pending = new Promise((r) => ws.once('drain', () => { pending = undefined; r(); }));
  };
  return {
    add(text: string) {
      parts.push(text);
      len += text.length;
      if (len >= 2 << 20) flush();
    },
    room: () => pending,
    async close() {
      flush();
      await pending;
      await new Promise<void>((res, rej) => ws.end((err?: Error | null) => (err ? rej(err) : res())));
      return bytes;
    },
  };
}

function encoderFor(name: BenchCharset): (text: string) => Uint8Array {
  if (name === 'utf-8') return (t) => Buffer.from(t, 'utf8');
  const cs = getCharset(name);
  return (t) => {
    const r = cs.encode(t);
    if (r.unrepresentable.length > 0) throw new Error(`bench generator: U+${r.unrepresentable[0].codePoint.toString(16)} not representable in ${name}`);
    return r.bytes;
  };
}

export async function generateBenchData(o: GenerateOptions): Promise<GeneratedFiles> {
  const t0 = performance.now();
  const charset = o.charset ?? 'cp932';
  const rng = createRng(o.seed ?? 20260401);
  const r = rng;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const digits = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(r() * 10));
    return s;
  };
  const invalidRate = o.invalidRate ?? 0.002;
  const dupRate = o.duplicateRate ?? 0.01;
  const gaijiRate = (o.gaijiPerMillion ?? 1000) / 1e6;
  const nlRate = (o.newlinesPerMillion ?? 2000) / 1e6;
  const brokenRate = (o.brokenPerMillion ?? 50) / 1e6;
  mkdirSync(o.out, { recursive: true });

  const vendorPath = join(o.out, VENDOR_FILE);
  const main = sink(vendorPath, encoderFor(charset));
  const wantUtf8 = (o.utf8Copy ?? true) && charset !== 'utf-8';
  const utf8 = wantUtf8 ? sink(join(o.out, UTF8_FILE), (t) => Buffer.from(t, 'utf8')) : undefined;
  const emit = (text: string) => {
    main.add(text);
    utf8?.add(text);
  };
  emit(COLUMNS.map(csvQuoted).join(',') + '\r\n');

  const counts = { duplicates: 0, gaiji: 0, newlines: 0, invalid: 0, broken: 0 };
  const recent: string[] = new Array(64);
  let household = 500000;
  let householdLeft = 0;
  let hh = { setai: '', pref: '', city: '', machi: '', banchi: '', katagaki: '', yubin: '', sur: SURNAMES[0] };
  for (let i = 0; i < o.records; i++) {
    if ((i & 1023) === 0) {
      const a = main.room();
      if (a) await a;
      const b = utf8?.room();
      if (b) await b;
    }
    if (i > 64 && r() < dupRate) {
      // An exact copy of a recent row (a vendor exporting a record twice).
      emit(recent[int(0, 63)]);
      counts.duplicates++;
      continue;
    }
    if (householdLeft === 0) {
      householdLeft = int(1, 5);
      household++;
      hh = {
        setai: pad(household, 10), pref: pick(PREFS), city: pick(CITIES), machi: pick(MACHI),
        banchi: `${int(1, 40)}-${int(1, 30)}${r() < 0.3 ? `-${int(1, 20)}` : ''}`,
        katagaki: pick(KATAGAKI), yubin: `${int(900, 999)}-${digits(4)}`, sur: pick(SURNAMES),
      };
    }
    householdLeft--;
    const sex = r() < 0.5 ? '1' : '2';
    const given = pick(sex === '1' ? MALE : FEMALE);
    let shimei = `${hh.sur[0]}　${given[0]}`;
    if (r() < gaijiRate) {
      shimei = String.fromCodePoint(GAIJI[counts.gaiji % GAIJI.length]) + shimei.slice(1);
      counts.gaiji++;
    }
    const by = int(1930, 2024), bm = int(1, 12), bd = int(1, 28);
    const my = Math.max(by, int(1990, 2025)), mm = int(1, 12), md = int(1, 28);
    const moved = wareki(my, mm, md);
    let biko = pick(BIKO);
    if (r() < nlRate) {
      biko = '要確認\r\n電話番号変更の届出あり';
      counts.newlines++;
    }
    const kojin11 = String(int(1, 9)) + digits(10);
    const shojo = r() < 0.03;
    const kyuuji = r() < 0.05 ? pick(SURNAMES) : undefined;
    const f: string[] = [
      pad(100000 + i, 10), hh.setai, shimei, `${hh.sur[1]} ${given[1]}`, wareki(by, bm, bd), sex, pick(ZOKUGARA),
      moved, moved, hh.yubin, hh.pref, hh.city, hh.machi, hh.banchi, hh.katagaki, r() < 0.97 ? '1' : '2',
      String(int(1, 9)) + digits(10), pick(IDO), moved, biko,
      kyuuji ? kyuuji[0] : '', kyuuji ? kyuuji[1] : '', r() < 0.01 ? `${given[0]}通称` : '', kojin11 + myNumberCheck(kojin11),
      moved, shojo ? '20' : '', shojo ? wareki(2025, int(1, 12), int(1, 28)) : '',
      `0${int(10, 99)}-${digits(3)}-${digits(4)}`, `2025-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)} ${pad(int(0, 23), 2)}:${pad(int(0, 59), 2)}:${pad(int(0, 59), 2)}`,
      pick(UPDATERS),
    ];
    if (r() < invalidRate) {
      counts.invalid++;
      switch (int(0, 4)) {
        case 0: f[4] = '4310501'; break; // 平成31年5月1日: outside 平成
        case 1: f[6] = 'X9'; break; // 続柄 not in the code table
        case 2: f[2] = `${hh.sur[0]}　${'寿限無'.repeat(20)}`; break; // 氏名 too long
        case 3: f[9] = '92O-1234'; break; // letter O in 郵便番号
        default: f[23] = kojin11 + String((Number(myNumberCheck(kojin11)) + 1) % 10); // bad check digit
      }
    }
    let row = f.map(csvQuoted).join(',') + '\r\n';
    if (r() < brokenRate) {
      counts.broken++;
      const k = int(0, 1);
      row = k === 0 ? f.slice(0, 12).map(csvQuoted).join(',') + '\r\n' : [...f, '余分'].map(csvQuoted).join(',') + '\r\n';
    }
    recent[i & 63] = row;
    emit(row);
  }
  const vendorBytes = await main.close();
  const utf8Bytes = utf8 ? await utf8.close() : undefined;

  const mappingPath = join(o.out, MAPPING_FILE);
  writeFileSync(mappingPath, mappingText(charset));

  let standard: string | undefined;
  let standardBytes: number | undefined;
  const standardRecords = o.standardRecords ?? o.records;
  if (o.standard ?? true) {
    standard = join(o.out, STANDARD_FILE);
    standardBytes = await writeStandard(standard, standardRecords, o.seed ?? 20260401, invalidRate);
  }
  return {
    vendor: vendorPath, vendorBytes, utf8: utf8 ? join(o.out, UTF8_FILE) : undefined, utf8Bytes, mapping: mappingPath,
    standard, standardBytes, records: o.records, standardRecords, counts, seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * A standard-layout juki/kojin file from the layout-driven generator. Drawing every record is
 * slow (it proves each value against the engine), so a pool of distinct records is drawn once
 * and rows cycle through it with a fresh 宛名番号; invalid rows come from the generator's faults.
 */
async function writeStandard(path: string, records: number, seed: number, invalidRate: number): Promise<number> {
  const layout = compileLayout(loadLayout('juki/kojin'));
  const rng = createRng(seed ^ 0x5bd1e995);
  const POOL = Math.min(records, 4000);
  const pool: string[][] = [];
  for (let i = 0; i < POOL; i++) pool.push(generateRecord(layout, rng));
  const atena = layout.fieldIndex.get('atenaNo')!;
  const faults: Fault[] = FAULTS.filter((f) => { try { generateRecord(layout, createRng(1), { variant: 'invalid', fault: f }); return true; } catch { return false; } });
  const badPool: string[][] = [];
  for (let i = 0; i < 200 && faults.length > 0; i++) badPool.push(generateRecord(layout, rng, { variant: 'invalid', fault: faults[i % faults.length] }).values);
  const out = sink(path, (t) => Buffer.from(t, 'utf8'));
  const field = (v: string) => (/[",\r\n]/.test(v) ? csvQuoted(v) : v);
  out.add(layout.fields.map((f) => field(f.title)).join(',') + '\r\n');
  // Each pool row formatted once, split around 宛名番号 (the one value that changes per row).
  const around = (v: string[]) => [v.slice(0, atena).map(field).join(','), v.slice(atena + 1).map(field).join(',')] as const;
  const goodRows = pool.map(around);
  const badRows = badPool.map(around);
  for (let i = 0; i < records; i++) {
    const bad = badRows.length > 0 && rng() < invalidRate;
    const [before, after] = bad ? badRows[i % badRows.length] : goodRows[i % POOL];
    out.add(`${before}${atena > 0 ? ',' : ''}${100000 + i}${after ? ',' : ''}${after}\r\n`);
    if ((i & 1023) === 0) await out.room();
  }
  return out.close();
}

function mappingText(charset: BenchCharset): string {
  const codes = join(ROOT, 'mappings', 'vendor-a', 'codes');
  const q = (p: string) => JSON.stringify(p);
  return `# Generated by bench/generate.ts: the 30-column benchmark export → juki/kojin.
layout: juki/kojin
source:
  format: csv
  charset: ${charset}
  header: true
  delimiter: ","
  quote: '"'
output:
  charset: utf-8
  newline: crlf
fields:
  dantaiCode: { const: "999997" }
  atenaNo: { from: 個人コード, transforms: [trim] }
  setaiNo: { from: 世帯コード, transforms: [trim] }
  shimei: { from: 氏名, transforms: [trim] }
  shimeiKana: { from: 氏名カナ, transforms: [trim, { width: toZenkaku }] }
  kyuuji: { from: 旧氏, transforms: [trim] }
  kyuujiKana: { from: 旧氏カナ, transforms: [trim, { width: toZenkaku }] }
  tsuushou: { from: 通称, transforms: [trim] }
  seinengappi: { from: 生年月日, transforms: [{ wareki: { eraDigits: "1" } }] }
  seinengappiWareki: 生年月日
  seibetsu: { from: 性別, transforms: [{ codeMap: { name: 性別, table: { "1": "1", "2": "2" } } }] }
  zokugara: { from: 続柄, transforms: [{ codeMap: { file: ${q(join(codes, 'zokugara.csv'))}, header: true } }] }
  juminNattaBi: { from: 住民となった日, transforms: [{ wareki: { zeroMonthDay: keep } }] }
  juteiBi: { from: 住定日, transforms: [wareki] }
  jushoTodofuken: { from: 都道府県, transforms: [trim] }
  jushoShikuchoson: { from: 市区町村, transforms: [trim] }
  jushoMachiaza: { from: 町字, transforms: [trim] }
  jushoBanchi: { from: 番地, transforms: [trim, { width: toZenkaku }] }
  jushoKatagaki: { from: 方書, transforms: [trim, { width: toZenkaku }] }
  yubinNo: { from: 郵便番号, transforms: [{ replace: { from: "-", to: "" } }, { digitsOnly: check }] }
  juminKubun: { from: 住民区分 }
  juminhyoCode: { from: 住民票コード, transforms: [trim] }
  kojinNo: { from: 個人番号, transforms: [trim] }
  idoJiyu: { from: 異動事由, transforms: [{ codeMap: { file: ${q(join(codes, 'ido-jiyu.csv'))}, header: true } }] }
  idoBi: { from: 異動日, transforms: [wareki] }
  todokedeBi: { from: 届出日, transforms: [wareki] }
  shojoJiyu: { from: 消除事由, transforms: [{ codeMap: { file: ${q(join(codes, 'ido-jiyu.csv'))}, header: true } }] }
  shojoBi: { from: 消除日, transforms: [wareki] }
  biko: { from: 備考 }
`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '100000' },
      out: { type: 'string', default: '/tmp/chukan-bench' },
      charset: { type: 'string', default: 'cp932' },
      seed: { type: 'string' },
      'invalid-rate': { type: 'string' },
      'duplicate-rate': { type: 'string' },
      'gaiji-per-million': { type: 'string' },
      'newlines-per-million': { type: 'string' },
      'broken-per-million': { type: 'string' },
      'no-utf8': { type: 'boolean' },
      'no-standard': { type: 'boolean' },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const cs = values.charset as BenchCharset;
  if (!['cp932', 'euc-jp', 'utf-8'].includes(cs)) throw new Error('--charset: cp932, euc-jp or utf-8');
  const g = await generateBenchData({
    records: Number(values.records), out: values.out!, charset: cs, seed: num(values.seed),
    invalidRate: num(values['invalid-rate']), duplicateRate: num(values['duplicate-rate']),
    gaijiPerMillion: num(values['gaiji-per-million']), newlinesPerMillion: num(values['newlines-per-million']),
    brokenPerMillion: num(values['broken-per-million']), utf8Copy: !values['no-utf8'], standard: !values['no-standard'],
  });
  console.log(JSON.stringify(g, null, 2));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(2);
  });
}
