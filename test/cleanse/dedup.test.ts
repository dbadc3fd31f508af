import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dedup } from '../../src/api/dedup.ts';
import { createDeduper } from '../../src/cleanse/dedup.ts';
import { kanaNameKey, kanjiNameKey } from '../../src/cleanse/matching-keys.ts';
import { compileLayout, loadLayout } from '../../src/layouts/index.ts';
import { dedupStage } from '../../src/pipeline/stages/dedup.ts';
import { Fate } from '../../src/pipeline/work.ts';
import { csvLine, kojinRow, randomPerson, rng, type Person } from '../../bench/dedup.ts';
import { convertWith, normaliseFor, tmpDir, writeTmp } from './helpers.ts';

const t = tmpDir();
afterAll(t.done);
const layout = compileLayout(loadLayout('juki/kojin'));
const ids = layout.fields.map((f) => f.id);
const HEADER = csvLine(layout.fields.map((f) => f.title));
const write = (name: string, people: Person[]) => writeTmp(t.dir, name, HEADER + people.map((p) => csvLine(kojinRow(ids, p))).join(''));

/** Distinct people: no two share kana or kanji matching key with the same birth date and sex. */
function distinctPeople(n: number, seed: number): Person[] {
  const rand = rng(seed);
  const seen = new Set<string>();
  const out: Person[] = [];
  for (let i = 0; out.length < n; i++) {
    const p = randomPerson(rand, i);
    const b = `${p.seinengappi}|${p.seibetsu}|`;
    const k1 = 'k' + b + kanaNameKey(p.shimeiKana);
    const k2 = 'j' + b + kanjiNameKey(p.shimei);
    if (seen.has(k1) || seen.has(k2)) continue;
    seen.add(k1);
    seen.add(k2);
    out.push({ ...p, atenaNo: String(100000000 + out.length).padStart(15, '0') });
  }
  return out;
}

const csvRows = (path: string) => readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(','));

describe('exact and keyed dedup (chukan dedup)', () => {
  it('drops exact duplicates with a pointer to the kept record, across files, and reconciles', async () => {
    const ps = distinctPeople(50, 1);
    const a = write('a.csv', [ps[0], ps[1], ps[0], ps[2], ps[0]]);
    const b = write('b.csv', [ps[1], ps[3]]);
    const out = join(t.dir, 'exact');
    const r = await dedup({ layout: 'juki/kojin', files: [a, b], out, nayose: false });
    expect(r.files.map((f) => [f.read, f.written, f.rejected, f.duplicates])).toEqual([[5, 3, 0, 2], [2, 1, 0, 1]]);
    for (const f of r.files) expect(f.read).toBe(f.written + f.rejected + f.duplicates);
    // record numbers count the header as record 1
    expect(csvRows(join(out, 'duplicates.csv')).map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      [a, '4', a, '2'], [a, '6', a, '2'], [b, '2', a, '3'],
    ]);
    expect(readFileSync(join(out, 'a.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it('key conflicts: keep-first, keep-last-by-date and reject-all (two passes)', async () => {
    const [p, q, s] = distinctPeople(3, 2);
    const p2 = { ...p, jushoBanchi: '９丁目９番９号' };
    const p3 = { ...p, jushoBanchi: '８丁目８番８号' };
    const dated = (x: Person, d: string) => ({ ...x, juteiBi: d }) as Person;
    const f1 = write('k1.csv', [dated(p, '20200101'), q, dated(p2, '20230101')]);
    const f2 = write('k2.csv', [dated(p3, '20210101'), s]);
    const run = (policy: 'keep-first' | 'keep-last-by-date' | 'reject-all') =>
      dedup({ layout: 'juki/kojin', files: [f1, f2], out: join(t.dir, policy), policy, dateField: 'juteiBi', nayose: false });
    const kept = (dir: string) => [readFileSync(join(dir, 'k1.csv'), 'utf8'), readFileSync(join(dir, 'k2.csv'), 'utf8')].join('');

    const first = await run('keep-first');
    expect(first.passes).toBe(1);
    expect(first.files.map((f) => f.rejected)).toEqual([1, 1]);
    expect(kept(join(t.dir, 'keep-first'))).toContain('20200101');
    const c1 = csvRows(join(t.dir, 'keep-first', 'key-conflicts.csv'));
    expect(c1.map((r) => [r[1], r[3], r[4], r[6]])).toEqual([['4', f1, '2', 'rejected'], ['2', f1, '2', 'rejected']]);

    const last = await run('keep-last-by-date');
    expect(last.passes).toBe(2);
    const k = kept(join(t.dir, 'keep-last-by-date'));
    expect(k).toContain('９丁目９番９号');
    expect(k).not.toContain('８丁目８番８号');
    expect(last.files.map((f) => f.rejected)).toEqual([1, 1]);
    const c2 = csvRows(join(t.dir, 'keep-last-by-date', 'key-conflicts.csv'));
    expect(c2.filter((r) => r[6] === 'rejected').map((r) => [r[0], r[1], r[3], r[4]])).toEqual([[f1, '2', f1, '4'], [f2, '2', f1, '4']]);
    expect(c2.filter((r) => r[6] === 'kept').map((r) => [r[0], r[1]])).toEqual([[f1, '4']]);

    const all = await run('reject-all');
    expect(all.files.map((f) => [f.written, f.rejected])).toEqual([[1, 2], [1, 1]]);
    for (const res of [first, last, all]) for (const f of res.files) expect(f.read).toBe(f.written + f.rejected + f.duplicates);
  });

  it('gives the same decisions when its indexes spill to disk', async () => {
    const ps = distinctPeople(3000, 3);
    const rand = rng(9);
    const rows: Person[] = [];
    for (const p of ps) {
      rows.push(p);
      if (rand() < 0.1) rows.push(p);
      if (rand() < 0.05) rows.push({ ...p, jushoBanchi: '７丁目' });
    }
    const f = write('spill.csv', rows);
    const big = await dedup({ layout: 'juki/kojin', files: [f], out: join(t.dir, 'big'), policy: 'reject-all', nayose: false });
    const small = await dedup({ layout: 'juki/kojin', files: [f], out: join(t.dir, 'small'), policy: 'reject-all', nayose: false, memoryBudgetBytes: 4 * 20 * 1024 * 2, tmpDir: t.dir });
    expect(small.files).toEqual(big.files.map((x) => ({ ...x })));
    expect(readFileSync(join(t.dir, 'small', 'spill.csv'))).toEqual(readFileSync(join(t.dir, 'big', 'spill.csv')));
    expect(big.files[0].duplicates).toBeGreaterThan(200);
  });
});

describe('名寄せ candidates', () => {
  it('finds every planted pair (kana variants, 髙/高, 﨑/崎, 邊/辺, spacing) and no false pairs among 3000 distinct people', async () => {
    const people = distinctPeople(3000, 4);
    const plant: [string, (p: Person) => Person][] = [
      ['kana dakuten', (p) => ({ ...p, shimei: '山崎　次郎', shimeiKana: 'ヤマザキ　ジロウ' })],
      ['kana dakuten b', (p) => ({ ...p, shimei: '山崎　次郎', shimeiKana: 'ヤマサキ　ジロウ' })],
      ['髙', (p) => ({ ...p, shimei: '髙橋　一郎', shimeiKana: 'タカハシ　イチロウ' })],
      ['高', (p) => ({ ...p, shimei: '高橋　一郎', shimeiKana: 'タカハシ　イチロウ' })],
      ['﨑', (p) => ({ ...p, shimei: '岩﨑　京子', shimeiKana: 'イワサキ　キョウコ' })],
      ['崎 small kana', (p) => ({ ...p, shimei: '岩崎　京子', shimeiKana: 'イワサキ　キヨウコ' })],
      ['邊', (p) => ({ ...p, shimei: '渡邊　明', shimeiKana: 'ワタナベ　アキラ' })],
      ['辺', (p) => ({ ...p, shimei: '渡辺　明', shimeiKana: 'ワタナベ　アキラ' })],
      ['space', (p) => ({ ...p, shimei: '森　花子', shimeiKana: 'モリ　ハナコ' })],
      ['no space', (p) => ({ ...p, shimei: '森花子', shimeiKana: 'モリハナコ', jushoMachiaza: '全然別町' })],
    ];
    const rows = [...people];
    const expected: string[] = [];
    for (let i = 0; i < plant.length; i += 2) {
      const base = { ...people[i * 100], seinengappi: `19${50 + i}0101`, seibetsu: '1' };
      const a = plant[i][1]({ ...base, atenaNo: String(800000000 + i).padStart(15, '0') });
      const b = plant[i + 1][1]({ ...base, atenaNo: String(900000000 + i).padStart(15, '0') });
      rows.push(a, b);
      expected.push(`${a.atenaNo}|${b.atenaNo}`);
    }
    const f = write('nayose.csv', rows);
    const out = join(t.dir, 'nayose');
    const r = await dedup({ layout: 'juki/kojin', files: [f], out });
    const pairs = csvRows(join(out, 'nayose-candidates.csv'));
    const found = pairs.map((p) => `${p[5].split('+')[1]}|${p[14].split('+')[1]}`).sort();
    expect(found).toEqual(expected.sort());
    expect(r.nayose!.candidates).toBe(expected.length);
    const evidence = pairs.map((p) => p[2]).join('\n');
    expect(evidence).toMatch(/異体字/);
    expect(evidence).toMatch(/濁点・小書き/);
    // nothing was merged or dropped
    expect(r.files[0]).toMatchObject({ read: rows.length, written: rows.length });
  });
});

describe('dedup stage while converting', () => {
  it('marks exact duplicates Fate.Duplicate with duplicateOf, rejects key conflicts (keep-first), and reconciles', async () => {
    const { getCharset } = await import('../../src/encoding/index.ts');
    const head = '宛名番号,氏名,氏名カナ,生年月日,性別,住所,世帯番号\r\n';
    const A = '000000000000001,山田　太郎,ﾔﾏﾀﾞ ﾀﾛｳ,19800101,1,千代田１,100000000000001\r\n';
    const B = '000000000000002,山田　花子,ﾔﾏﾀﾞ ﾊﾅｺ,19800102,2,千代田１,100000000000001\r\n';
    const A2 = '000000000000001,山田　太郎,ﾔﾏﾀﾞ  ﾀﾛｳ ,19800101,1,千代田１,100000000000001\r\n'; // A after normalisation
    const C = '000000000000001,山田　次郎,ﾔﾏﾀﾞ ｼﾞﾛｳ,19800103,1,千代田１,100000000000001\r\n'; // A's key, other content
    const input = writeTmp(t.dir, 'dup.csv', getCharset('cp932').encode(head + A + B + A2 + C + B).bytes);
    const deduper = createDeduper({ keyColumns: [layout.fieldIndex.get('dantaiCode')!, layout.fieldIndex.get('atenaNo')!] });
    const dups: number[][] = [];
    const marked: number[][] = [];
    const r = await convertWith({
      dir: t.dir,
      input,
      beforeValidate: (fields) => [normaliseFor(fields), (batch) => {
        dedupStage(deduper, { locate: (o) => ({ file: input, record: o }), keyFields: ['dantaiCode', 'atenaNo'], onDuplicate: (d) => dups.push([d.record, d.keptRecord]) })(batch);
        for (const rec of batch.records) if (rec.fate === Fate.Duplicate) marked.push([rec.src.record, rec.duplicateOf!]);
      }],
    });
    deduper.close();
    expect(dups).toEqual([[4, 2], [6, 3]]);
    expect(marked).toEqual(dups);
    expect(r.findings.filter((f) => f.code === 'DEDUP_KEY_CONFLICT').map((f) => [f.location.record, f.params?.otherRecord])).toEqual([[5, 2]]);
    expect(r.stats).toMatchObject({ read: 5, written: 2, rejected: 1, duplicates: 2 });
  });
});
