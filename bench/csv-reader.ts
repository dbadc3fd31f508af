/**
 * CSV reader speed against the decode floor and against fast-csv.
 *   node --import tsx bench/csv-reader.ts [MB=100] [runs=3]
 * Generates a CP932 CSV in memory (30 columns, quoted values, embedded newlines, Japanese names
 * and addresses, some 外字), then times:
 *   1. TextDecoder('shift_jis') over the whole buffer, and streaming in 1 MiB pieces (the floor);
 *   2. createCsvReader fed 1 MiB chunks, fields split (records/s, MB/s, ratio to the floor), and
 *      its first half alone: record boundaries on bytes + one checked decode per batch;
 *   3. fast-csv parseString on the decoded text (the naive parser; run once, it is slow).
 * No field values are printed.
 */
import iconv from 'iconv-lite';
import { parseString } from 'fast-csv';
import { createCsvReader, resolveCsvOptions } from '../src/readers/index.ts';
import { CsvScanner, type ScannedRecord } from '../src/readers/csv-scanner.ts';
import { getCharset } from '../src/encoding/index.ts';

const targetMB = Number(process.argv[2] ?? 100);
const runs = Number(process.argv[3] ?? 3);
const CHUNK = 1024 * 1024;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function generate(bytesWanted: number): { bytes: Buffer; rows: number } {
  const rand = rng(12345);
  const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)];
  const enc = (s: string) => iconv.encode(s, 'cp932');
  const sei = ['山田', '田中', '佐藤', '鈴木', '高橋', '渡辺', '伊藤', '中村', '小林', '加藤', '齋藤', '髙橋'].map(enc);
  const mei = ['太郎', '花子', '一郎', '美咲', '翔太', '陽菜', '大輔', '由美', '健', '直子'].map(enc);
  const kana = ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ﾀﾅｶ ﾊﾅｺ', 'ｻﾄｳ ｲﾁﾛｳ', 'ｽｽﾞｷ ﾐｻｷ'].map(enc);
  const addr = ['東京都千代田区霞が関二丁目１番２号', '大阪府大阪市北区中之島一丁目３番２０号', '北海道札幌市中央区北一条西二丁目', '福岡県福岡市中央区天神一丁目８番１号'].map(enc);
  const gaiji = Buffer.from([0xf0, 0x40]); // user-defined area → U+E000
  const q = Buffer.from('"');
  const comma = Buffer.from(',');
  const crlf = Buffer.from('\r\n');
  const quoted = (b: Buffer) => Buffer.concat([q, b, q]);
  const parts: Buffer[] = [];
  const header = Array.from({ length: 30 }, (_, i) => `項目${i + 1}`).join(',');
  parts.push(enc(header), crlf);
  let total = 0;
  let rows = 0;
  while (total < bytesWanted) {
    rows++;
    const f: Buffer[] = [];
    f.push(Buffer.from(String(100000000 + rows)));
    const name = Buffer.concat([pick(sei), rand() < 0.001 ? gaiji : Buffer.alloc(0), pick(mei)]);
    f.push(quoted(name), quoted(pick(kana)));
    f.push(Buffer.from(`${1940 + Math.floor(rand() * 80)}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}01`));
    f.push(Buffer.from(rand() < 0.5 ? '1' : '2'));
    const a = pick(addr);
    f.push(rand() < 0.002 ? quoted(Buffer.concat([a, Buffer.from('\r\n'), enc('ﾏﾝｼｮﾝ101号室')])) : quoted(a));
    f.push(rand() < 0.02 ? quoted(enc('備考"" 引用符入り, 区切り入り')) : quoted(enc('備考なし')));
    while (f.length < 30) f.push(Buffer.from(rand() < 0.3 ? '' : String(Math.floor(rand() * 1e6))));
    for (let i = 0; i < f.length; i++) {
      if (i > 0) parts.push(comma);
      parts.push(f[i]);
      total += f[i].length + 1;
    }
    parts.push(crlf);
    total += 2;
  }
  return { bytes: Buffer.concat(parts), rows: rows + 1 };
}

/** Wall and CPU seconds: the machine may be shared, and CPU time is the steadier of the two. */
function time<T>(fn: () => T): { s: number; cpu: number; v: T } {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  const v = fn();
  const d = process.cpuUsage(c);
  return { s: Number(process.hrtime.bigint() - t) / 1e9, cpu: (d.user + d.system) / 1e6, v };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const { bytes, rows } = generate(targetMB * 1e6);
const MB = bytes.length / 1e6;
console.log(`input: ${MB.toFixed(1)} MB CP932, ${rows} records (header included), 30 columns, ${runs} runs, median`);

type Sample = { s: number; cpu: number };
const decodeWhole: Sample[] = [];
const decodeStream: Sample[] = [];
const boundaries: Sample[] = [];
const reader: Sample[] = [];
let text = '';
const cp932 = getCharset('cp932');
for (let r = 0; r < runs; r++) {
  decodeWhole.push(time(() => (text = new TextDecoder('shift_jis').decode(bytes))));
  decodeStream.push(
    time(() => {
      const d = new TextDecoder('shift_jis');
      let n = 0;
      for (let i = 0; i < bytes.length; i += CHUNK) n += d.decode(bytes.subarray(i, i + CHUNK), { stream: true }).length;
      return n + d.decode().length;
    }),
  );
  const b = time(() => {
    const sc = new CsvScanner(resolveCsvOptions({ file: 'bench.csv', charset: cp932 }));
    const out: ScannedRecord[] = [];
    let records = 0;
    let chars = 0;
    const batch = () => {
      if (out.length > 0) chars += cp932.decodeChecked(sc.bytesOf(out[0].start, out[out.length - 1].contentEnd + out[out.length - 1].termLen)).text.length;
      records += out.length;
      out.length = 0;
      sc.release();
    };
    for (let i = 0; i < bytes.length; i += CHUNK) {
      sc.scan(bytes.subarray(i, i + CHUNK), false, out);
      batch();
    }
    sc.scan(new Uint8Array(0), true, out);
    batch();
    return { records, chars };
  });
  if (b.v.records !== rows) throw new Error(`scanner saw ${b.v.records} records`);
  boundaries.push(b);
  const res = time(() => {
    const rd = createCsvReader({ file: 'bench.csv', charset: cp932, columns: 'first' });
    let fields = 0;
    let findings = 0;
    const take = (b: ReturnType<typeof rd.push>) => {
      for (const rec of b.records) {
        fields += rec.fields.length;
        if (rec.findings) findings += rec.findings.length;
      }
    };
    for (let i = 0; i < bytes.length; i += CHUNK) take(rd.push(bytes.subarray(i, i + CHUNK)));
    take(rd.end());
    return { records: rd.counters.records, fields, findings };
  });
  if (res.v.records !== rows || res.v.findings !== 0) throw new Error(`reader saw ${res.v.records} records, ${res.v.findings} findings`);
  reader.push(res);
}

const med = (xs: Sample[]): Sample => ({ s: median(xs.map((x) => x.s)), cpu: median(xs.map((x) => x.cpu)) });
const floor = med(decodeStream);
const row = (what: string, x: Sample, recs: number | undefined) =>
  `| ${what} | ${x.s.toFixed(2)} | ${x.cpu.toFixed(2)} | ${recs ? Math.round(recs / x.s).toLocaleString('en') : '—'} | ${(MB / x.s).toFixed(0)} | ${(x.s / floor.s).toFixed(2)}× | ${(x.cpu / floor.cpu).toFixed(2)}× |`;
console.log('| what | wall s | CPU s | records/s | MB/s (CP932) | wall vs floor | CPU vs floor |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
console.log(row("TextDecoder('shift_jis'), whole buffer", med(decodeWhole), undefined));
console.log(row("TextDecoder('shift_jis'), 1 MiB streaming (**floor**)", floor, undefined));
console.log(row('reader, first half: boundaries on bytes + one decodeChecked per batch', med(boundaries), rows));
console.log(row('**createCsvReader**, 1 MiB chunks, fields split (full reader)', med(reader), rows));

if (process.env.SKIP_FASTCSV !== '1') {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  let n = 0;
  await new Promise<void>((resolve, reject) => {
    parseString(text, { headers: false }).on('data', () => n++).on('error', reject).on('end', () => resolve());
  });
  const d = process.cpuUsage(c);
  if (n !== rows) throw new Error(`fast-csv saw ${n} rows`);
  console.log(row('fast-csv parseString on the decoded text (decode not included), 1 run', { s: Number(process.hrtime.bigint() - t) / 1e9, cpu: (d.user + d.system) / 1e6 }, n));
}
