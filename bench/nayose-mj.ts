/**
 * 名寄せ with and without the MJ縮退マップ folds (`dedup --mj`), on a planted set: N synthetic
 * people, of whom P are entered twice — the second time with one kanji of the surname replaced by
 * a variant outside JIS X 0208 that the MJ縮退マップ folds (淸→清 …) and without kana (one system
 * did not hold it), same birth date, sex and address. Prints candidate pairs found before/after,
 * planted pairs found, and the cost of the MJ side (open, fold table, RSS).
 *   node --import tsx bench/nayose-mj.ts [N] [P]
 * Needs the optional @mandel59/mojidata and sql.js (devDependencies here).
 */
import { openMojidata } from '../src/cleanse/mj-database.ts';
import { itaijiFold } from '../src/cleanse/matching-keys.ts';
import { createNayoseCollector, type CandidatePair, type NayosePerson } from '../src/cleanse/nayose.ts';
import { createRng } from '../src/layouts/sample-generator.ts';

const N = Number(process.argv[2] ?? 20000);
const P = Number(process.argv[3] ?? 500);
const rss0 = process.memoryUsage().rss;
const db = await openMojidata('install @mandel59/mojidata and sql.js to run this bench');
const rssOpen = process.memoryUsage().rss;
const t0 = performance.now();
const folds = db.foldMap();
const foldMs = Math.round(performance.now() - t0);
db.close();
// Variant → common, for common surname kanji chukan's own table does not fold.
const byCommon = new Map<string, string>();
for (const [v, c] of folds) if (itaijiFold(v.codePointAt(0)!) === undefined && v.normalize('NFKC') === v && !byCommon.has(c)) byCommon.set(c, v);
const surnames = ['清水', '松本', '橋本', '宮田', '内田', '山本', '中村', '石川', '森田', '原田', '岡田', '藤井', '野口', '長野', '和田'].filter((s) => Array.from(s).some((ch) => byCommon.has(ch)));
const given = ['太郎', '花子', '一郎', '陽子', '健', '美咲', '翔', '優子', '大輔', '恵'];
const rng = createRng(28);
const pick = <T>(a: T[]) => a[Math.floor(rng() * a.length)];
const persons: NayosePerson[] = [];
const plantedKeys = new Set<string>();
for (let i = 0; i < N; i++) {
  const sur = pick(surnames);
  const name = sur + pick(given);
  const birth = `19${String(40 + Math.floor(rng() * 60)).padStart(2, '0')}${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
  const sex = rng() < 0.5 ? '1' : '2';
  const address = `東京都千代田区${1 + Math.floor(rng() * 9)}-${1 + Math.floor(rng() * 30)}-${1 + Math.floor(rng() * 20)}`;
  persons.push({ id: persons.length, kanji: name, kana: 'カナ' + i, birth, sex, address, household: '', key: `A${i}` });
  if (i < P) {
    const chars = Array.from(name);
    const at = chars.findIndex((ch) => byCommon.has(ch));
    chars[at] = byCommon.get(chars[at])!;
    persons.push({ id: persons.length, kanji: chars.join(''), kana: '', birth, sex, address, household: '', key: `B${i}` });
    plantedKeys.add(`A${i}\u0000B${i}`);
  }
}
async function pairs(f?: ReadonlyMap<string, string>): Promise<CandidatePair[]> {
  const c = createNayoseCollector({ ...(f ? { folds: f } : {}) });
  for (const p of persons) c.add(p);
  const out: CandidatePair[] = [];
  await c.finish((ps) => { out.push(...ps); });
  return out;
}
const planted = (ps: CandidatePair[]) => ps.filter((p) => plantedKeys.has(`${p.a.key}\u0000${p.b.key}`) || plantedKeys.has(`${p.b.key}\u0000${p.a.key}`)).length;
const before = await pairs();
const t1 = performance.now();
const after = await pairs(folds);
const withMs = Math.round(performance.now() - t1);
console.log(JSON.stringify({
  persons: persons.length, planted: P, surnames,
  mj: { openRssMiB: Math.round((rssOpen - rss0) / 1048576), folds: folds.size, foldTableMs: foldMs },
  before: { pairs: before.length, planted: planted(before) },
  after: { pairs: after.length, planted: planted(after), ms: withMs },
}, null, 1));
