/**
 * Decode and encode throughput of chukan's charsets against raw Node and iconv-lite.
 *   node --import tsx bench/encoding-decode.ts [MB=50] [runs=3]
 * Generates a CP932 CSV-like buffer in memory (Japanese names and addresses, ｶﾅ, digits, NEC/IBM
 * characters, ~1 in 1,000 fields with user-defined-area 外字), converts it to EUC-JP and UTF-8 with
 * chukan's own encoders, then times each decoder over 1 MiB pieces cut on line ends (as the readers
 * hand them) and each encoder over the decoded text. Medians of `runs`; MB/s of input bytes.
 * No values are printed.
 */
import iconv from 'iconv-lite';
import { getCharset } from '../src/encoding/index.ts';

const targetMB = Number(process.argv[2] ?? 50);
const runs = Number(process.argv[3] ?? 3);
const CHUNK = 1 << 20;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function generateText(bytesWanted: number): string {
  const rand = rng(4242);
  const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)];
  const sei = ['山田', '田中', '佐藤', '鈴木', '高橋', '渡辺', '伊藤', '中村', '齋藤', '髙橋', '﨑山'];
  const mei = ['太郎', '花子', '一郎', '美咲', '翔太', '陽菜', '大輔', '由美', '健', '直子'];
  const kana = ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ﾀﾅｶ ﾊﾅｺ', 'ｻﾄｳ ｲﾁﾛｳ', 'ｽｽﾞｷ ﾐｻｷ'];
  const addr = ['東京都千代田区霞が関１丁目', '大阪府大阪市北区梅田３－１', '北海道札幌市中央区北１条西２丁目', '福岡県福岡市博多区①番地～'];
  const rows: string[] = [];
  let size = 0;
  for (let id = 1; size < bytesWanted; id++) {
    const gaiji = rand() < 0.001 ? String.fromCharCode(0xe000 + Math.floor(rand() * 1880)) : '';
    const row = `${id},${pick(sei)}${gaiji}${pick(mei)},${pick(kana)},${pick(addr)},${19000101 + id % 1000000},"備考 ${id % 97}"\r\n`;
    rows.push(row);
    size += row.length * 1.6;
  }
  return rows.join('');
}

/** 1 MiB pieces ending on a line end, as a reader would hand them. */
function pieces(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + CHUNK, bytes.length);
    if (end < bytes.length) end = bytes.lastIndexOf(0x0a, end - 1) + 1;
    out.push(bytes.subarray(start, end));
    start = end;
  }
  return out;
}

function time(label: string, bytes: number, fn: () => unknown): void {
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const med = ms[Math.floor(ms.length / 2)];
  console.log(`${label.padEnd(52)} ${(med / 1000).toFixed(3).padStart(7)} s ${((bytes / 2 ** 20) / (med / 1000)).toFixed(0).padStart(6)} MB/s`);
}

const cp = getCharset('cp932');
const euc = getCharset('euc-jp');
const u8 = getCharset('utf-8');
const text = generateText(targetMB * 2 ** 20);
const sjis = cp.encode(text);
if (sjis.unrepresentable.length) throw new Error('generator produced a character CP932 cannot hold');
const cpBytes = sjis.bytes;
const eucBytes = euc.encode(text).bytes;
const utfBytes = u8.encode(text).bytes;
const cpPieces = pieces(cpBytes);
const eucPieces = pieces(eucBytes);
const utfPieces = pieces(utfBytes);
console.log(`input: CP932 ${(cpBytes.length / 2 ** 20).toFixed(1)} MB, EUC-JP ${(eucBytes.length / 2 ** 20).toFixed(1)} MB, UTF-8 ${(utfBytes.length / 2 ** 20).toFixed(1)} MB; ${text.length} UTF-16 units; node ${process.version}; median of ${runs}`);

const raw = new TextDecoder('shift_jis');
let check = 0;
const sum = (s: string) => (check += s.length);
console.log('-- decode (MB/s of CP932 / EUC-JP / UTF-8 input)');
time('raw TextDecoder(shift_jis), 1 MiB pieces', cpBytes.length, () => cpPieces.forEach((p) => sum(raw.decode(p))));
time('chukan cp932.decode, 1 MiB pieces', cpBytes.length, () => cpPieces.forEach((p) => sum(cp.decode(p))));
time('chukan cp932 stream decoder, 1 MiB chunks', cpBytes.length, () => {
  const d = cp.createStreamDecoder();
  for (let o = 0; o < cpBytes.length; o += CHUNK) sum(d.write(cpBytes.subarray(o, o + CHUNK)).text);
  sum(d.end().text);
});
time('iconv-lite decode(cp932), 1 MiB pieces', cpBytes.length, () => cpPieces.forEach((p) => sum(iconv.decode(Buffer.from(p.buffer, p.byteOffset, p.length), 'cp932'))));
time('chukan cp932.findInvalid (full validation scan)', cpBytes.length, () => cpPieces.forEach((p) => (check += cp.findInvalid(p).length)));
time('chukan euc-jp.decode (own tables), 1 MiB pieces', eucBytes.length, () => eucPieces.forEach((p) => sum(euc.decode(p))));
time('iconv-lite decode(euc-jp), 1 MiB pieces', eucBytes.length, () => eucPieces.forEach((p) => sum(iconv.decode(Buffer.from(p.buffer, p.byteOffset, p.length), 'euc-jp'))));
time('chukan utf-8.decode, 1 MiB pieces', utfBytes.length, () => utfPieces.forEach((p) => sum(u8.decode(p))));

const texts = cpPieces.map((p) => cp.decode(p));
console.log('-- encode (MB/s of the text as CP932 bytes)');
time('chukan cp932.encode', cpBytes.length, () => texts.forEach((t) => (check += cp.encode(t).bytes.length)));
time('iconv-lite encode(cp932) (writes "?" for PUA)', cpBytes.length, () => texts.forEach((t) => (check += iconv.encode(t, 'cp932').length)));
time('chukan euc-jp.encode', cpBytes.length, () => texts.forEach((t) => (check += euc.encode(t).bytes.length)));
time('chukan utf-8.encode', cpBytes.length, () => texts.forEach((t) => (check += u8.encode(t).bytes.length)));
console.log(`(checksum ${check})`);
