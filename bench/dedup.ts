/**
 * Dedup benchmark and the people generator the cleanse tests share.
 *   node --import tsx bench/dedup.ts [records=10000000] [budgetMiB=1024] [dir=/tmp/chukan-dedup-bench] [--reuse]
 * (--reuse: keep DIR/kojin.csv from an earlier run with the same record count; planted counts are then 0)
 * Writes a juki/kojin standard-layout file (UTF-8) of generated people with ~1% exact duplicates,
 * ~0.1% key conflicts and planted 名寄せ pairs, runs `dedup` (exact + keyed keep-first + 名寄せ)
 * with the given index memory budget, and prints time, peak RSS (VmHWM from /proc/self/status)
 * and counts. No field values are printed.
 */
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { compileLayout, loadLayout } from '../src/layouts/index.ts';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const SURNAMES: [string, string][] = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'], ['佐々木', 'ササキ'],
  ['松本', 'マツモト'], ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'], ['清水', 'シミズ'], ['山口', 'ヤマグチ'],
  ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['阿部', 'アベ'], ['石川', 'イシカワ'], ['前田', 'マエダ'],
  ['藤田', 'フジタ'], ['小川', 'オガワ'], ['岡田', 'オカダ'], ['後藤', 'ゴトウ'], ['長谷川', 'ハセガワ'], ['石井', 'イシイ'],
  ['村上', 'ムラカミ'], ['近藤', 'コンドウ'], ['坂本', 'サカモト'], ['遠藤', 'エンドウ'], ['青木', 'アオキ'], ['藤井', 'フジイ'],
  ['西村', 'ニシムラ'], ['福田', 'フクダ'], ['太田', 'オオタ'], ['三浦', 'ミウラ'], ['藤原', 'フジワラ'], ['岡本', 'オカモト'],
  ['松田', 'マツダ'], ['中川', 'ナカガワ'], ['中野', 'ナカノ'], ['原田', 'ハラダ'], ['小野', 'オノ'], ['田村', 'タムラ'],
];
const GIVEN: [string, string][] = [
  ['太郎', 'タロウ'], ['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['次郎', 'ジロウ'], ['三郎', 'サブロウ'], ['健', 'ケン'],
  ['誠', 'マコト'], ['翔', 'ショウ'], ['大輔', 'ダイスケ'], ['直樹', 'ナオキ'], ['恵子', 'ケイコ'], ['京子', 'キョウコ'],
  ['洋子', 'ヨウコ'], ['裕子', 'ユウコ'], ['美咲', 'ミサキ'], ['陽菜', 'ヒナ'], ['結衣', 'ユイ'], ['拓也', 'タクヤ'],
  ['達也', 'タツヤ'], ['和也', 'カズヤ'], ['修', 'オサム'], ['明', 'アキラ'], ['勇', 'イサム'], ['博', 'ヒロシ'],
  ['茂', 'シゲル'], ['清', 'キヨシ'], ['聡', 'サトシ'], ['学', 'マナブ'], ['涼子', 'リョウコ'], ['由美', 'ユミ'],
];
const TOWNS = ['本町', '栄町', '緑町', '旭町', '若葉', '中央', '東町', '西町', '南町', '北町', '桜台', '青葉台'];
const FW = (n: number) => String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

export interface Person {
  atenaNo: string;
  setaiNo: string;
  shimei: string;
  shimeiKana: string;
  seinengappi: string;
  seibetsu: string;
  jushoMachiaza: string;
  jushoBanchi: string;
}

export function randomPerson(rand: () => number, i: number): Person {
  const [sk, sr] = SURNAMES[Math.floor(rand() * SURNAMES.length)];
  const [gk, gr] = GIVEN[Math.floor(rand() * GIVEN.length)];
  const y = 1930 + Math.floor(rand() * 90);
  const m = 1 + Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  return {
    atenaNo: String(100000000 + i).padStart(15, '0'),
    setaiNo: String(500000000 + Math.floor(i / 3)).padStart(15, '0'),
    shimei: `${sk}　${gk}`,
    shimeiKana: `${sr}　${gr}`,
    seinengappi: `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`,
    seibetsu: rand() < 0.5 ? '1' : '2',
    jushoMachiaza: TOWNS[Math.floor(rand() * TOWNS.length)],
    jushoBanchi: `${FW(1 + Math.floor(rand() * 9))}丁目${FW(1 + Math.floor(rand() * 30))}番${FW(1 + Math.floor(rand() * 20))}号`,
  };
}

/** A full juki/kojin row (layout column order) for a person; other fields get fixed valid values. */
export function kojinRow(fields: readonly string[], p: Person): string[] {
  const fixed: Record<string, string> = {
    dantaiCode: '999997', zokugara: '02', juteiBi: '20200401', jushoTodofuken: '東京都', jushoShikuchoson: '千代田区',
    juminKubun: '1', juminhyoCode: '12345678901', idoJiyu: 'A1', idoBi: '20200401',
  };
  return fields.map((f) => (p as unknown as Record<string, string>)[f] ?? fixed[f] ?? '');
}

export function csvLine(values: readonly string[]): string {
  return values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',') + '\r\n';
}

function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : -1;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 10_000_000);
  const budgetMiB = Number(process.argv[3] ?? 1024);
  const dir = process.argv[4] ?? '/tmp/chukan-dedup-bench';
  const reuse = process.argv.includes('--reuse');
  if (!reuse) rmSync(dir, { recursive: true, force: true });
  rmSync(join(dir, 'out'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const compiled = compileLayout(loadLayout('juki/kojin'));
  const ids = compiled.fields.map((f) => f.id);
  const input = join(dir, 'kojin.csv');
  const t0 = performance.now();
  const planted = { exact: 0, conflict: 0, nayose: 0 };
  if (!reuse) await generate();
  async function generate(): Promise<void> {
  const out = createWriteStream(input);
  out.write(csvLine(compiled.fields.map((f) => f.title)));
  const rand = rng(42);
  let buf = '';
  let prev: Person | undefined;
  for (let i = 0; i < n; i++) {
    let p = randomPerson(rand, i);
    const r = rand();
    if (prev && r < 0.01) {
      p = prev; // exact duplicate of the previous record
      planted.exact++;
    } else if (prev && r < 0.011) {
      p = { ...prev, jushoBanchi: '９丁目９番９号' }; // same key, different content
      planted.conflict++;
    } else if (prev && r < 0.012) {
      p = { ...prev, atenaNo: String(900000000 + i).padStart(15, '0'), shimei: prev.shimei.replace('　', '') }; // same person, new number
      planted.nayose++;
    }
    buf += csvLine(kojinRow(ids, p));
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
    prev = p;
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
  }
  const tGen = (performance.now() - t0) / 1000;
  const { dedup } = await import('../src/api/dedup.ts');
  const t1 = performance.now();
  const res = await dedup({ layout: 'juki/kojin', files: [input], out: join(dir, 'out'), memoryBudgetBytes: budgetMiB * 1048576, tmpDir: dir });
  const tDedup = (performance.now() - t1) / 1000;
  console.log(JSON.stringify({
    records: n, budgetMiB, generateSec: +tGen.toFixed(1), dedupSec: +tDedup.toFixed(1), recordsPerSec: Math.round(n / tDedup),
    peakRssMiB: peakRssMiB(), planted, files: res.files, keyConflicts: res.keyConflicts,
    nayose: res.nayose && { candidates: res.nayose.candidates, comparisons: res.nayose.comparisons, oversizedBlocks: res.nayose.oversizedBlocks.length },
  }, null, 1));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
