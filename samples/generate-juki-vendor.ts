/**
 * Writes the bundled synthetic exports of the fictional "vendor A" 住民記録 system, in CP932 bytes:
 *   samples/vendor-a/JUMIN.csv  residents (→ juki/kojin via mappings/vendor-a/juki-kojin.yaml)
 *   samples/vendor-a/SETAI.csv  households (→ juki/setai via mappings/vendor-a/juki-setai.yaml)
 *
 * Every name, address and number is invented. The output is byte-identical on every run (seeded
 * PRNG, no clock), so the committed files can be regenerated and diffed:
 *   npx tsx samples/generate-juki-vendor.ts [OUT_DIR]
 *
 * What the files exercise: the vendor's own Japanese column names, half-width kana readings
 * (ｶﾀｶﾅ, with ﾞ/ﾟ), 和暦 dates as era digit + YYMMDD, 外字 in the CP932 user-defined area
 * (0xF040–0xF9FC, including the 0xF941–0xF9FC cells iconv-lite loses), quoted fields holding
 * commas, quotes and line breaks, exact duplicate rows, and one broken record of each kind the
 * pipeline must reject with a reason (listed in BROKEN below).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCharset } from '../src/encoding/index.ts';
import { createRng } from '../src/layouts/sample-generator.ts';

/** Output directory: samples/vendor-a, or the first argument (tests regenerate into a temp dir and compare). */
const OUT_DIR = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'vendor-a');
const SEED = 20261123;
const HOUSEHOLDS = 120;

const rand = createRng(SEED);
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const digits = (n: number): string => Array.from({ length: n }, () => String(int(0, 9))).join('');

// [kanji, half-width kana reading]
const SURNAMES: [string, string][] = [
  ['山田', 'ﾔﾏﾀﾞ'], ['佐藤', 'ｻﾄｳ'], ['鈴木', 'ｽｽﾞｷ'], ['高橋', 'ﾀｶﾊｼ'], ['田中', 'ﾀﾅｶ'], ['渡辺', 'ﾜﾀﾅﾍﾞ'],
  ['伊藤', 'ｲﾄｳ'], ['中村', 'ﾅｶﾑﾗ'], ['小林', 'ｺﾊﾞﾔｼ'], ['加藤', 'ｶﾄｳ'], ['吉田', 'ﾖｼﾀﾞ'], ['松本', 'ﾏﾂﾓﾄ'],
  ['井上', 'ｲﾉｳｴ'], ['木村', 'ｷﾑﾗ'], ['清水', 'ｼﾐｽﾞ'], ['山口', 'ﾔﾏｸﾞﾁ'], ['池田', 'ｲｹﾀﾞ'], ['橋本', 'ﾊｼﾓﾄ'],
  ['阿部', 'ｱﾍﾞ'], ['石川', 'ｲｼｶﾜ'], ['前田', 'ﾏｴﾀﾞ'], ['藤田', 'ﾌｼﾞﾀ'], ['小川', 'ｵｶﾞﾜ'], ['岡田', 'ｵｶﾀﾞ'],
  ['長谷川', 'ﾊｾｶﾞﾜ'], ['近藤', 'ｺﾝﾄﾞｳ'], ['坂本', 'ｻｶﾓﾄ'], ['遠藤', 'ｴﾝﾄﾞｳ'], ['別府', 'ﾍﾞｯﾌﾟ'], ['一本松', 'ｲｯﾎﾟﾝﾏﾂ'],
];
const MALE: [string, string][] = [
  ['太郎', 'ﾀﾛｳ'], ['一郎', 'ｲﾁﾛｳ'], ['健太', 'ｹﾝﾀ'], ['大輔', 'ﾀﾞｲｽｹ'], ['翔太', 'ｼｮｳﾀ'], ['拓也', 'ﾀｸﾔ'],
  ['浩二', 'ｺｳｼﾞ'], ['誠', 'ﾏｺﾄ'], ['修', 'ｵｻﾑ'], ['博', 'ﾋﾛｼ'], ['蓮', 'ﾚﾝ'], ['悠真', 'ﾕｳﾏ'],
  ['陽翔', 'ﾊﾙﾄ'], ['源次郎', 'ｹﾞﾝｼﾞﾛｳ'], ['信平', 'ｼﾝﾍﾟｲ'], ['文吾', 'ﾌﾞﾝｺﾞ'],
];
const FEMALE: [string, string][] = [
  ['花子', 'ﾊﾅｺ'], ['洋子', 'ﾖｳｺ'], ['恵子', 'ｹｲｺ'], ['美咲', 'ﾐｻｷ'], ['由美', 'ﾕﾐ'], ['愛', 'ｱｲ'],
  ['結衣', 'ﾕｲ'], ['さくら', 'ｻｸﾗ'], ['葵', 'ｱｵｲ'], ['芽依', 'ﾒｲ'], ['凛', 'ﾘﾝ'], ['静香', 'ｼｽﾞｶ'],
  ['千代', 'ﾁﾖ'], ['ぽぷら', 'ﾎﾟﾌﾟﾗ'],
];
/** 外国人住民: names written in katakana, readings with ｳﾞ, ｧ, ｨ. */
const FOREIGN: { shimei: string; kana: string; sex: '1' | '2' }[] = [
  { shimei: 'スミス　ジョン', kana: 'ｽﾐｽ ｼﾞｮﾝ', sex: '1' },
  { shimei: 'ヴァレンティナ　ロッシ', kana: 'ｳﾞｧﾚﾝﾃｨﾅ ﾛｯｼ', sex: '2' },
  { shimei: 'グエン　ヴァン　アン', kana: 'ｸﾞｴﾝ ｳﾞｧﾝ ｱﾝ', sex: '1' },
  { shimei: 'シルヴァ　マリア', kana: 'ｼﾙｳﾞｧ ﾏﾘｱ', sex: '2' },
];
/** Code points in the CP932 user-defined area (U+E000 ↔ 0xF040 … U+E757 ↔ 0xF9FC) standing in for 外字 kanji. */
const GAIJI = [0xe000, 0xe001, 0xe0bc, 0xe3a2, 0xe6c1, 0xe6fa, 0xe757];

const MACHI = ['緑町一丁目', '緑町二丁目', '桜台三丁目', '本町', '大字東山', '若葉町', '港南四丁目', '字西原'];
const KATAGAKI = ['', '', '', '', 'コーポ架空 101号室', 'ハイツみどり 203', 'メゾン本町,B棟 305', '"さくら"荘 2F'];

// Vendor A's own code tables (mappings/vendor-a/codes/*.csv translate them to the standard's).
const Z = { head: '01', wife: '02', husband: '03', child: '04', son: '05', daughter: '06', father: '07', mother: '08', grandchild: '09', lodger: '10' };
const IDO = { tennyu: '10', shussei: '11', tenkyo: '20', nushiHenko: '30' };

interface Person {
  kojin: string; setai: string; shimei: string; kana: string; birth: Date; sex: '1' | '2';
  zokugara: string; nattaBi: string; juteiBi: string; kubun: '1' | '2'; juminhyo: string;
  idoJiyu: string; idoBi: string; biko: string;
}
interface Household {
  setai: string; head: Person; members: Person[]; pref: string; city: string; machi: string;
  banchi: string; katagaki: string; yubin: string; keiseiBi: string;
}

// ---- dates ----------------------------------------------------------------------------------
const ERA_STARTS: [number, number][] = [[5, 20190501], [4, 19890108], [3, 19261225], [2, 19120730], [1, 18680125]];
function ymd(d: Date): number {
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}
/** 和暦 as vendor A stores it: era digit + YYMMDD. */
function wareki(d: Date): string {
  const n = ymd(d);
  const [code, start] = ERA_STARTS.find(([, s]) => n >= s)!;
  const yy = d.getUTCFullYear() - Math.floor(start / 10000) + 1;
  return `${code}${String(yy).padStart(2, '0')}${String(n % 10000).padStart(4, '0')}`;
}
function day(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}
function randomDay(from: Date, to: Date): Date {
  const a = from.getTime() / 86400000;
  const b = to.getTime() / 86400000;
  return new Date(int(a, b) * 86400000);
}
const LATEST = day(2026, 3, 31);

// ---- people ---------------------------------------------------------------------------------
let nextKojin = 100001;
const usedJuminhyo = new Set<string>();
function juminhyoCode(): string {
  for (;;) {
    const c = String(int(1, 9)) + digits(10);
    if (!usedJuminhyo.has(c)) {
      usedJuminhyo.add(c);
      return c;
    }
  }
}

let gaijiTurn = 0;
function withGaiji(surname: string): string {
  // Replace the first kanji with a user-defined-area character, as a vendor's 外字 would appear;
  // taken in turn so that every cell of GAIJI (both ends of the area) shows up.
  return String.fromCodePoint(GAIJI[gaijiTurn++ % GAIJI.length]!) + surname.slice(1);
}

function person(setai: string, surname: [string, string], sex: '1' | '2', birth: Date, zokugara: string, moveIn: Date | undefined): Person {
  const given = pick(sex === '1' ? MALE : FEMALE);
  const born = moveIn === undefined;
  const arrived = moveIn ?? birth;
  const biko = rand() < 0.06 ? pick(['転入前住所：架空県架空市,旧住所あり', '要確認\r\n電話番号変更の届出あり', '郵便物は"方書"宛て', '']) : '';
  return {
    kojin: String(nextKojin++).padStart(10, '0'),
    setai,
    shimei: `${surname[0]}　${given[0]}${rand() < 0.05 ? '　' : ''}`,
    kana: `${surname[1]} ${given[1]}`,
    birth,
    sex,
    zokugara,
    nattaBi: wareki(arrived),
    juteiBi: wareki(arrived),
    kubun: '1',
    juminhyo: juminhyoCode(),
    idoJiyu: born ? IDO.shussei : IDO.tennyu,
    idoBi: wareki(arrived),
    biko,
  };
}

function household(i: number): Household {
  const setai = String(500001 + i).padStart(10, '0');
  const surname = pick(SURNAMES);
  const headSex: '1' | '2' = rand() < 0.7 ? '1' : '2';
  const headBirth = randomDay(day(1925, 1, 1), day(2000, 12, 31));
  const moveIn = randomDay(new Date(Math.max(headBirth.getTime() + 18 * 365.25 * 86400000, day(1960, 1, 1).getTime())), LATEST);
  const members: Person[] = [];
  const foreign = rand() < 0.04;
  const head = person(setai, surname, headSex, headBirth, Z.head, moveIn);
  if (foreign) {
    const f = pick(FOREIGN);
    Object.assign(head, { shimei: f.shimei, kana: f.kana, sex: f.sex, kubun: '2' as const });
  }
  if (rand() < 0.05) head.shimei = withGaiji(head.shimei);
  members.push(head);
  if (!foreign && rand() < 0.65) {
    const spouseBirth = randomDay(new Date(headBirth.getTime() - 5 * 365 * 86400000), new Date(headBirth.getTime() + 5 * 365 * 86400000));
    const spouse = person(setai, surname, headSex === '1' ? '2' : '1', spouseBirth, headSex === '1' ? Z.wife : Z.husband, moveIn);
    if (rand() < 0.04) spouse.shimei = withGaiji(spouse.shimei);
    members.push(spouse);
    const kids = int(0, 3);
    for (let k = 0; k < kids; k++) {
      const sex: '1' | '2' = rand() < 0.5 ? '1' : '2';
      const from = new Date(Math.max(headBirth.getTime() + 20 * 365 * 86400000, moveIn.getTime() - 15 * 365 * 86400000));
      if (from >= LATEST) break;
      const birth = randomDay(from, LATEST);
      const bornHere = birth > moveIn;
      const z = k === 0 ? (sex === '1' ? Z.son : Z.daughter) : Z.child;
      members.push(person(setai, surname, sex, birth, z, bornHere ? undefined : moveIn));
    }
    if (rand() < 0.08 && headBirth > day(1950, 1, 1)) {
      const parentBirth = randomDay(new Date(headBirth.getTime() - 40 * 365 * 86400000), new Date(headBirth.getTime() - 20 * 365 * 86400000));
      members.push(person(setai, surname, rand() < 0.5 ? '1' : '2', parentBirth, rand() < 0.5 ? Z.father : Z.mother, moveIn));
    }
  } else if (rand() < 0.1) {
    members.push(person(setai, pick(SURNAMES), rand() < 0.5 ? '1' : '2', randomDay(day(1950, 1, 1), day(2004, 1, 1)), Z.lodger, moveIn));
  }
  // Some residents moved within the town later (転居): 住定日 and 異動日 move, 住民となった日 stays.
  for (const m of members) {
    if (rand() < 0.1) {
      const later = randomDay(day(2000, 1, 1), LATEST);
      if (ymd(later) > ymd(m.birth) && ymd(later) > ymd(moveIn)) {
        m.juteiBi = wareki(later);
        m.idoBi = wareki(later);
        m.idoJiyu = IDO.tenkyo;
      }
    }
  }
  // A few very old records carry an unknown day of arrival (00) — allowed for 住民となった年月日.
  if (rand() < 0.03 && ymd(moveIn) < 19890101) head.nattaBi = head.nattaBi.slice(0, 5) + '00';
  const banchi = `${int(1, 40)}-${int(1, 30)}${rand() < 0.3 ? `-${int(1, 20)}` : ''}`;
  return {
    setai, head, members,
    pref: '架空県', city: pick(['架空市', '緑川町', '東山村']), machi: pick(MACHI), banchi, katagaki: pick(KATAGAKI),
    yubin: `${int(900, 999)}-${digits(4)}`, keiseiBi: wareki(moveIn),
  };
}

const households = Array.from({ length: HOUSEHOLDS }, (_, i) => household(i));

// ---- CSV ------------------------------------------------------------------------------------
function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}
const cp932 = getCharset('cp932');
function encode(text: string): Buffer {
  const r = cp932.encode(text);
  if (r.unrepresentable.length > 0) throw new Error(`not representable in CP932: U+${r.unrepresentable[0]!.codePoint.toString(16)}`);
  return Buffer.from(r.bytes);
}
function row(fields: string[]): Buffer {
  return encode(fields.map(csvField).join(',') + '\r\n');
}

const JUMIN_COLUMNS = [
  '個人コード', '世帯コード', '氏名', '氏名カナ', '生年月日', '性別', '続柄', '住民となった日', '住定日',
  '郵便番号', '都道府県', '市区町村', '町字', '番地', '方書', '住民区分', '住民票コード', '異動事由', '異動日', '備考',
];
function juminFields(p: Person, h: Household): string[] {
  return [
    p.kojin, p.setai, p.shimei, p.kana, wareki(p.birth), p.sex, p.zokugara, p.nattaBi, p.juteiBi,
    h.yubin, h.pref, h.city, h.machi, h.banchi, h.katagaki, p.kubun, p.juminhyo, p.idoJiyu, p.idoBi, p.biko,
  ];
}

/**
 * The broken records, one of each kind (inserted among the good ones; the unclosed quote is last
 * because it swallows the rest of the file). Expected outcome when converting JUMIN.csv:
 *   invalid-bytes   reader: invalid CP932 bytes in 氏名 (ENC_… finding), record rejected
 *   too-few         reader: fewer columns than the header
 *   too-many        reader: more columns than the header
 *   heisei-31-0501  mapping: 生年月日 4310501 = 平成31年5月1日, outside 平成 (TX_WAREKI_OUTSIDE_ERA)
 *   unknown-code    mapping: 続柄 "X9" not in codes/zokugara.csv (TX_CODE_UNKNOWN)
 *   over-long-name  validation: 氏名 longer than 50 characters
 *   showa-64-0108   mapping: 住定日 3640108 = 昭和64年1月8日 (TX_WAREKI_OUTSIDE_ERA)
 *   unclosed-quote  reader: the last record opens a quote that never closes
 * plus DUPLICATES exact copies of earlier rows (dropped as duplicates, pointing at the original).
 */
const BROKEN = ['invalid-bytes', 'too-few', 'too-many', 'heisei-31-0501', 'unknown-code', 'over-long-name', 'showa-64-0108'] as const;
const DUPLICATES = 3;

function brokenJumin(kind: (typeof BROKEN)[number], p: Person, h: Household): Buffer {
  const f = juminFields(p, h);
  switch (kind) {
    case 'invalid-bytes': {
      // 0x85 0x40 is in an unassigned JIS row: no CP932 decoder maps it.
      const marker = '＠＠';
      f[2] = `${p.shimei.split('　')[0]}${marker}`;
      const bytes = row(f);
      const at = bytes.indexOf(encode(marker));
      bytes[at] = 0x85;
      bytes[at + 1] = 0x40;
      bytes[at + 2] = 0x85;
      bytes[at + 3] = 0x40;
      return bytes;
    }
    case 'too-few':
      return row(f.slice(0, 12));
    case 'too-many':
      return row([...f, '余分な列']);
    case 'heisei-31-0501':
      f[4] = '4310501';
      return row(f);
    case 'unknown-code':
      f[6] = 'X9';
      return row(f);
    case 'over-long-name':
      f[2] = `${p.shimei.split('　')[0]}　${'寿限無'.repeat(20)}`;
      return row(f);
    case 'showa-64-0108':
      f[8] = '3640108';
      return row(f);
  }
}

function buildJumin(): Buffer {
  const chunks: Buffer[] = [row(JUMIN_COLUMNS)];
  const pairs = households.flatMap((h) => h.members.map((p) => [p, h] as const));
  const brokenAt = new Map(BROKEN.map((k, i) => [Math.floor(((i + 1) * pairs.length) / (BROKEN.length + 2)), k]));
  const goodRows: Buffer[] = [];
  pairs.forEach(([p, h], i) => {
    const kind = brokenAt.get(i);
    if (kind) {
      chunks.push(brokenJumin(kind, p, h));
      return;
    }
    const r = row(juminFields(p, h));
    goodRows.push(r);
    chunks.push(r);
    // Exact duplicates a little after their original (a vendor exporting a record twice).
    if (goodRows.length % 97 === 0 && goodRows.length / 97 <= DUPLICATES) chunks.push(Buffer.from(r));
  });
  const last = pairs.at(-1)!;
  const unclosed = juminFields(last[0], last[1]).map(csvField);
  unclosed[19] = '"最終行：引用符が閉じていない備考';
  chunks.push(encode(unclosed.join(',') + '\r\n'));
  return Buffer.concat(chunks);
}

const SETAI_COLUMNS = [
  '世帯コード', '世帯主個人コード', '世帯主氏名', '世帯主氏名カナ', '郵便番号', '都道府県', '市区町村', '町字',
  '番地', '方書', '世帯人数', '世帯形成日', '異動事由', '異動日',
];
function buildSetai(): Buffer {
  const chunks: Buffer[] = [row(SETAI_COLUMNS)];
  households.forEach((h, i) => {
    const f = [
      h.setai, h.head.kojin, h.head.shimei, h.head.kana, h.yubin, h.pref, h.city, h.machi, h.banchi, h.katagaki,
      String(h.members.length), h.keiseiBi, IDO.tennyu, h.keiseiBi,
    ];
    if (i === 40) f[11] = '4310501'; // 平成31年5月1日: rejected with TX_WAREKI_OUTSIDE_ERA
    if (i === 80) f[12] = '99'; // not in codes/ido-jiyu.csv: TX_CODE_UNKNOWN
    chunks.push(row(f));
  });
  return Buffer.concat(chunks);
}

mkdirSync(OUT_DIR, { recursive: true });
const jumin = buildJumin();
const setai = buildSetai();
// Self-checks: the user-defined area made it into the bytes, and the broken bytes really are invalid.
const decoded = new TextDecoder('shift_jis').decode(jumin);
const gaiji = [...decoded].filter((c) => c >= '\ue000' && c <= '\ue757');
if (gaiji.length < 3) throw new Error(`only ${gaiji.length} 外字 drawn with this seed`);
if (!decoded.includes('\ufffd')) throw new Error('invalid-bytes record decodes cleanly');
writeFileSync(join(OUT_DIR, 'JUMIN.csv'), jumin);
writeFileSync(join(OUT_DIR, 'SETAI.csv'), setai);
const people = households.reduce((n, h) => n + h.members.length, 0);
console.log(`samples/vendor-a/JUMIN.csv: ${people} residents (${BROKEN.length + 1} of them broken) + ${DUPLICATES} duplicates, ${gaiji.length} 外字 (${[...new Set(gaiji)].map((c) => c.codePointAt(0)!.toString(16)).join(' ')}), ${jumin.length} bytes`);
console.log(`samples/vendor-a/SETAI.csv: ${households.length} households, ${setai.length} bytes`);
