/**
 * Records/s of the generated layout validator vs ajv (strict, compiled once, allErrors) on
 * generated juki/kojin records. `node --import tsx bench/layout-validate.ts [records]`
 * ~1% of records carry one defect, as real exports do after mapping.
 */
import { loadLayout, compileLayout, type FieldIssue } from '../src/layouts/index.ts';

const N = Number(process.argv[2] ?? 200_000);
const l = compileLayout(loadLayout('juki/kojin'));

let seed = 42;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const kanji = '山田川本佐藤鈴木高橋田中渡邉伊藤中村小林加藤吉田山口松本井上木村林清水斎藤';
const kana = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン';
const pick = (s: string, n: number) => Array.from({ length: n }, () => s[rnd(s.length)]).join('');

function record(i: number): string[] {
  const r: Record<string, string> = {
    dantaiCode: '131016',
    atenaNo: pad(i + 1, 12),
    setaiNo: pad((i >> 1) + 1, 12),
    shimei: `${pick(kanji, 2)}\u3000${pick(kanji, 2)}`,
    shimeiKana: `${pick(kana, 4)}\u3000${pick(kana, 3)}`,
    kyuuji: i % 20 === 0 ? pick(kanji, 2) : '',
    kyuujiKana: '',
    tsuushou: '',
    seinengappi: `${1930 + rnd(90)}${pad(1 + rnd(12), 2)}${pad(1 + rnd(28), 2)}`,
    seinengappiWareki: `3${pad(10 + rnd(50), 2)}${pad(1 + rnd(12), 2)}${pad(1 + rnd(28), 2)}`,
    seibetsu: String(1 + rnd(2)),
    zokugara: i % 3 === 0 ? '02' : '11',
    juminNattaBi: '19671001',
    juteiBi: `20${pad(rnd(24), 2)}0401`,
    jushoTodofuken: '東京都',
    jushoShikuchoson: '千代田区',
    jushoMachiaza: '霞が関',
    jushoBanchi: `${'１２３'[rnd(3)]}丁目${'４５６'[rnd(3)]}番${'７８９'[rnd(3)]}号`,
    jushoKatagaki: i % 10 === 0 ? '霞ヶ関ビル１０１号室' : '',
    yubinNo: '1000013',
    juminKubun: '1',
    juminhyoCode: pad(10_000_000_000 + i, 11),
    kojinNo: pad(100_000_000_000 + i, 12),
    idoJiyu: 'A1',
    idoBi: '20150401',
    todokedeBi: '20150410',
    shojoJiyu: '',
    shojoBi: '',
    biko: '',
  };
  if (i % 100 === 7) r.kojinNo = '12345';
  if (i % 100 === 53) r.seinengappiWareki = '3640108';
  return l.fields.map((f) => r[f.id]);
}

// Fields as a reader hands them over: substrings of decoded text, not concatenation trees.
const text = Array.from({ length: N }, (_, i) => record(i).join(',')).join('\n');
const records = text.split('\n').map((line) => line.split(','));

function time(label: string, fn: () => number): void {
  fn(); // warm-up
  // Wall time and this process's CPU time: on a shared, loaded machine the CPU figure is the steadier one.
  const runs: Array<[number, number]> = [];
  let bad = 0;
  for (let k = 0; k < 3; k++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    bad = fn();
    const c = process.cpuUsage(c0);
    runs.push([Number(process.hrtime.bigint() - t0) / 1e9, (c.user + c.system) / 1e6]);
  }
  const wall = runs.map((r) => r[0]).sort((a, b) => a - b)[1];
  const cpu = runs.map((r) => r[1]).sort((a, b) => a - b)[1];
  const k = (t: number) => (N / t / 1000).toFixed(0).padStart(6);
  console.log(`${label.padEnd(34)} ${k(wall)} k records/s wall, ${k(cpu)} k/s per CPU-second  (medians of 3; ${bad} invalid)`);
}

const out: FieldIssue[] = [];
time('fast validator (validateRecord)', () => {
  let bad = 0;
  for (const r of records) {
    out.length = 0;
    if (!l.validateRecord(r, out)) bad++;
  }
  return bad;
});
time('ajv strict (object per record)', () => {
  let bad = 0;
  for (const r of records) if (!l.ajvValidate(l.toAjvObject(r))) bad++;
  return bad;
});
console.log(`juki/kojin: ${l.fields.length} fields, ${N} records, node ${process.version}`);
