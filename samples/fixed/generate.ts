/**
 * Deterministic generator of the synthetic fixed-length resident export (layout:
 * samples/fixed/resident.layout.yaml). `node --import tsx samples/fixed/generate.ts` rewrites
 * samples/fixed/resident.dat: 20 residents, with two planted faults the reader must report —
 * record 6 has a name whose last byte is the lead byte of a double-byte character (FIX_SPLIT_DBCS),
 * record 9 has a packed tax field with a bad digit nibble (FIX_BAD_NIBBLE) — and one 外字 in the
 * CP932 user-defined area (0xF040 → U+E000) in record 4. All names are invented.
 *
 * The record builders are exported for the benchmark (bench/fixed-reader.ts).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

export const RECORD_LENGTH = 120;
const CRLF = Buffer.from('\r\n');

/** The project's seeded PRNG (mulberry32), re-exported for the fixed-length benchmark. */
export { createRng as rng } from '../../src/layouts/sample-generator.ts';
import { createRng as rng } from '../../src/layouts/sample-generator.ts';

const sj = (s: string) => iconv.encode(s, 'cp932');
const FAMILY = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'].map((k, i) => ({ k, kana: ['ﾔﾏﾀﾞ', 'ｻﾄｳ', 'ｽｽﾞｷ', 'ﾀｶﾊｼ', 'ﾀﾅｶ', 'ｲﾄｳ', 'ﾜﾀﾅﾍﾞ', 'ﾅｶﾑﾗ', 'ｺﾊﾞﾔｼ', 'ｶﾄｳ'][i]! }));
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健太', '陽菜', '翔', '結衣', '大輔', '七海'].map((k, i) => ({ k, kana: ['ﾀﾛｳ', 'ﾊﾅｺ', 'ｲﾁﾛｳ', 'ﾐｻｷ', 'ｹﾝﾀ', 'ﾋﾅ', 'ｼｮｳ', 'ﾕｲ', 'ﾀﾞｲｽｹ', 'ﾅﾅﾐ'][i]! }));
const TOWNS = ['中央区本町一丁目', '北区緑が丘二丁目', '南区港町三丁目', '東区桜台四丁目', '西区若葉町五丁目'];

function fit(b: Buffer, n: number, padByte = 0x20): Buffer {
  if (b.length > n) throw new Error(`value of ${b.length} bytes does not fit ${n}`);
  return Buffer.concat([b, Buffer.alloc(n - b.length, padByte)]);
}

/** Full-width text padded with U+3000 (0x8140) then a half-width space when the length is odd. */
function fitFull(b: Buffer, n: number): Buffer {
  const parts = [b];
  let len = b.length;
  while (len + 2 <= n) { parts.push(Buffer.from([0x81, 0x40])); len += 2; }
  return fit(Buffer.concat(parts), n);
}

export function packed(v: bigint, bytes: number): Buffer {
  const digits = (v < 0n ? -v : v).toString().padStart(bytes * 2 - 1, '0');
  const nib = [...digits].map(Number).concat(v < 0n ? 0xd : 0xc);
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (nib[2 * i]! << 4) | nib[2 * i + 1]!;
  return out;
}

/** ASCII zoned with EBCDIC-style overpunch in the last byte ({A–I positive, }J–R negative). */
export function zonedAscii(v: bigint, bytes: number): Buffer {
  const digits = (v < 0n ? -v : v).toString().padStart(bytes, '0');
  const last = Number(digits[bytes - 1]);
  const over = v < 0n ? '}JKLMNOPQR'[last]! : '{ABCDEFGHI'[last]!;
  return Buffer.from(digits.slice(0, -1) + over, 'latin1');
}

export function headerRecord(created: string): Buffer {
  const b = Buffer.concat([Buffer.from('1'), Buffer.from('012345'), Buffer.from(created), fitFull(sj('見本システム株式会社'), 20), Buffer.alloc(85, 0x20)]);
  return Buffer.concat([b, CRLF]);
}

export interface ResidentOptions {
  /** Override the 20 name bytes (to plant faults). */
  nameBytes?: Buffer;
  /** Override the 6 tax bytes. */
  taxBytes?: Buffer;
}

export function residentRecord(i: number, r: () => number, o: ResidentOptions = {}): { bytes: Buffer; tax: bigint } {
  const f = FAMILY[Math.floor(r() * FAMILY.length)]!;
  const g = GIVEN[Math.floor(r() * GIVEN.length)]!;
  const year = 1930 + Math.floor(r() * 90);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const ymd = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  // era digit + YY: 昭和 3 (1926–1988), 平成 4 (1989–2018), 令和 5 — January 7/8 edge ignored in a sample.
  const [era, eraYear] = year < 1989 ? [3, year - 1925] : year < 2019 ? [4, year - 1988] : [5, year - 2018];
  const wareki = `${era}${String(eraYear).padStart(2, '0')}${ymd.slice(4)}`;
  const tax = BigInt(Math.floor(r() * 500_000));
  const balance = BigInt(Math.floor(r() * 2_000_000) - 1_000_000);
  const name = o.nameBytes ?? fitFull(sj(`${f.k}　${g.k}`), 20);
  const bytes = Buffer.concat([
    Buffer.from('2'),
    Buffer.from(String(100000 + i).padStart(10, '0')),
    name,
    fit(sj(`${f.kana} ${g.kana}`), 20),
    Buffer.from(r() < 0.5 ? '1' : '2'),
    Buffer.from(ymd),
    Buffer.from(wareki),
    Buffer.from(String(1000000 + Math.floor(r() * 8999999))),
    o.taxBytes ?? packed(tax, 6),
    zonedAscii(balance, 9),
    fitFull(sj(TOWNS[Math.floor(r() * TOWNS.length)]! + `${1 + Math.floor(r() * 30)}番`), 30),
    Buffer.from(' '),
    CRLF,
  ]);
  if (bytes.length !== RECORD_LENGTH + 2) throw new Error(`resident record is ${bytes.length - 2} bytes`);
  return { bytes, tax };
}

export function trailerRecord(count: number, taxTotal: bigint): Buffer {
  return Buffer.concat([Buffer.from('9'), Buffer.from(String(count).padStart(7, '0')), packed(taxTotal, 8), Buffer.alloc(104, 0x20), CRLF]);
}

export function buildSample(): Buffer {
  const r = rng(20240401);
  const parts: Buffer[] = [headerRecord('20240401')];
  let total = 0n;
  for (let i = 1; i <= 20; i++) {
    const o: ResidentOptions = {};
    // Record 4 (resident 3): a 外字 from the CP932 user-defined area (0xF040 → U+E000) in the name.
    if (i === 3) o.nameBytes = fitFull(Buffer.concat([sj('高'), Buffer.from([0xf0, 0x40]), sj('　次郎')]), 20);
    // Record 6 (resident 5): 19 bytes of name, then the lead byte of 様 — cut by the field boundary.
    if (i === 5) o.nameBytes = Buffer.concat([fit(sj('長谷川　健一郎'), 19), sj('様').subarray(0, 1)]);
    // Record 9 (resident 8): a packed tax field with a bad digit nibble (0xB).
    if (i === 8) o.taxBytes = Buffer.from([0x00, 0x01, 0x2b, 0x34, 0x56, 0x7c]);
    const { bytes, tax } = residentRecord(i, r, o);
    if (i !== 8) total += tax;
    parts.push(bytes);
  }
  parts.push(trailerRecord(20, total));
  return Buffer.concat(parts);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = fileURLToPath(new URL('./resident.dat', import.meta.url));
  const b = buildSample();
  writeFileSync(out, b);
  process.stderr.write(`${out}: ${b.length} bytes\n`);
}
