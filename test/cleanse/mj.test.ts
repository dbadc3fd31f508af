/**
 * MJ文字情報 through the optional package @mandel59/mojidata (a devDependency here, so the tests run
 * it; users install it themselves): a planted 外字対応表 resolves MJ文字図形名, 戸籍統一文字番号 and
 * 住基ネット統一文字コード to the right UCS + IVS and catches a 変換先UCS that names another glyph; the
 * gaiji scan template gets candidates and 縮退 suggestions; 名寄せ finds the planted pairs that
 * differ by an 異体字 outside JIS X 0208 only with the MJ縮退マップ folds. Without the package the same
 * commands say how to install it and exit 2.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import { openMojidata, inJisX0208, type MjDatabase } from '../../src/cleanse/mj-database.ts';
import { createNayoseCollector, type CandidatePair, type NayosePerson } from '../../src/cleanse/nayose.ts';
import { tempDir } from '../helpers/temp.ts';

async function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (d) => (o += d));
  err.on('data', (d) => (e += d));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await main(args, { stdout: out as never, stderr: err as never, cwd, isTTY: false, env: {} } as never);
    return { code, out: o, err: e };
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
  }
}

const tmp = () => tempDir('chukan-mj-');
const cps = (s: string) => Array.from(s, (c) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')).join(' ');

/** A vendor's 外字対応表: codes of several kinds, one row whose 変換先UCS is another glyph. */
const TABLE = [
  '外字コード,変換先UCS,MJ文字図形名,戸籍統一文字番号,住基ネット統一文字コード,字形の説明',
  'F040,,MJ025760,,,',
  'F041,,,513280,,',
  'F042,,,,J+BC2F,',
  'F043,U+9AD8,MJ028902,,,はしごだか',
  'F044,U+9AD9,MJ028902,,,',
].join('\r\n') + '\r\n';

describe('MJ文字情報 (@mandel59/mojidata)', () => {
  let db: MjDatabase;
  beforeAll(async () => {
    db = await openMojidata('not installed');
  });
  afterAll(() => db?.close());

  it('looks up MJ glyphs by MJ文字図形名, 戸籍統一文字番号 and 住基ネット統一文字コード, with their 縮退', () => {
    expect(db.byMj('MJ025760')).toMatchObject({ mj: 'MJ025760', base: '辻', char: '\u{8FBB}\u{E0102}', koseki: '437660' });
    expect(db.byKoseki('513280')).toMatchObject({ mj: 'MJ028902', char: '髙' });
    expect(db.byJuki('J+BC2F')).toMatchObject({ mj: 'MJ025761', char: '\u{8FBB}\u{E0103}' });
    expect(db.shukutai('MJ028902')[0]).toEqual({ char: '高', table: 'JIS包摂規準UCS統合規則', x0208: true });
    expect([inJisX0208('高'), inJisX0208('髙'), inJisX0208('ｱ'), inJisX0208('A')]).toEqual([true, false, false, false]);
  });

  it('gaiji table --mj resolves a planted table to the right UCS + IVS and catches a disagreeing 変換先UCS', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'table.csv'), '\uFEFF' + TABLE);
    const r = await run(['gaiji', 'table', 'table.csv', '--mj', '--json'], dir);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.mappings.map((m: { source: string; targetCodePoints: string; how: string; mj?: string }) => [m.source, m.targetCodePoints, m.how, m.mj])).toEqual([
      ['U+E000', 'U+8FBB U+E0102', 'mj', 'MJ025760'],
      ['U+E001', 'U+9AD9', 'mj', 'MJ028902'],
      ['U+E002', 'U+8FBB U+E0103', 'mj', 'MJ025761'],
      ['U+E004', 'U+9AD9', 'ucs', 'MJ028902'],
    ]);
    expect(j.problems).toEqual([expect.stringMatching(/table\.csv:5: 変換先UCS and MJ028902 disagree \(U\+9AD8 vs U\+9AD9\)/)]);
  });

  it('gaiji scan --mj puts candidates and 縮退 to JIS X 0208 into the template', async () => {
    const dir = tmp();
    // Two 外字 in a CP932 export: F040 (the vendor gave MJ028902) and F045 (a glyph description only).
    writeFileSync(join(dir, 'export.csv'), Buffer.from([0x31, 0x2c, 0xf0, 0x40, 0x0d, 0x0a, 0x32, 0x2c, 0xf0, 0x45, 0x0d, 0x0a]));
    writeFileSync(join(dir, 'vendor.csv'), '外字コード,MJ文字図形名,字形の説明\r\nF040,MJ028902,\r\nF045,,辻(一点しんにょう)\r\n');
    const r = await run(['gaiji', 'scan', join(dir, 'export.csv'), '--template-out', join(dir, 'tpl'), '--mj', '--table', 'vendor.csv'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/MJ suggestions for 2 rows/);
    const lines = readFileSync(join(dir, 'tpl', 'gaiji-table-template.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const head = lines[0].split(',');
    expect(head.slice(-4)).toEqual(['候補MJ文字図形名', '候補UCS', '縮退候補(JIS X 0208)', '縮退の出典']);
    const row = (src: string) => {
      const cells = lines.find((l) => l.startsWith(src))!.split(',');
      return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
    };
    expect(row('F040')).toMatchObject({ MJ文字図形名: 'MJ028902', 候補MJ文字図形名: 'MJ028902', 候補UCS: 'U+9AD9', '縮退候補(JIS X 0208)': '高' });
    const tsuji = row('F045');
    expect(tsuji.字形の説明).toBe('辻(一点しんにょう)');
    expect(tsuji.候補MJ文字図形名.split(' ')).toEqual(expect.arrayContaining(['MJ025760', 'MJ025761']));
    expect(tsuji.候補UCS).toContain('U+8FBB U+E0102');
  });

  it('名寄せ: MJ縮退マップ folds find the planted pairs that differ by an 異体字 outside JIS X 0208', async () => {
    const folds = db.foldMap();
    // Variants outside JIS X 0208 that chukan's own table does not fold, with their MJ 縮退.
    const planted: Array<[string, string]> = [['淸水', '清水'], ['柗本', '松本'], ['槗本', '橋本'], ['宫田', '宮田'], ['內田', '内田']];
    for (const [v, c] of planted) expect(Array.from(v).map((ch) => folds.get(ch) ?? ch).join('')).toBe(c);
    const persons: NayosePerson[] = [];
    let id = 0;
    planted.forEach(([variant, common], i) => {
      const birth = `1970010${i + 1}`;
      // One system kept the kana, the other did not: only kanji + address can pair them.
      persons.push({ id: id++, kanji: `${common}太郎`, kana: 'タロウ', birth, sex: '1', address: `東京都千代田区${i + 1}-1`, household: '', key: `A${i}` });
      persons.push({ id: id++, kanji: `${variant}太郎`, kana: '', birth, sex: '1', address: `東京都千代田区${i + 1}-1`, household: '', key: `B${i}` });
    });
    const pairsWith = async (f?: ReadonlyMap<string, string>) => {
      const c = createNayoseCollector({ partitions: 4, ...(f ? { folds: f } : {}) });
      for (const p of persons) c.add(p);
      const found: CandidatePair[] = [];
      await c.finish((ps) => { found.push(...ps); });
      return found;
    };
    const before = await pairsWith();
    const after = await pairsWith(folds);
    expect(before).toHaveLength(0);
    expect(after).toHaveLength(planted.length);
    expect(after.every((p) => p.evidence.includes('漢字氏名一致(異体字・空白の揺れ)'))).toBe(true);
  });
});

describe('without @mandel59/mojidata', () => {
  it('the MJ commands say how to install it and how to run without it, exit 2', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'table.csv'), TABLE);
    writeFileSync(join(dir, 'export.csv'), '1,a\r\n');
    const env = { CHUKAN_MOJIDATA_DB: join(dir, 'no-such', 'moji.db') };
    for (const args of [['gaiji', 'table', 'table.csv', '--mj'], ['gaiji', 'scan', join(dir, 'export.csv'), '--template-out', join(dir, 't'), '--mj']]) {
      const r = await run(args, dir, env);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/needs the optional package @mandel59\/mojidata with sql\.js .*not bundle.*npm install @mandel59\/mojidata sql\.js — or run without --mj/);
    }
    // Without --mj the table still loads: rows with only MJ/戸籍/住基 codes are listed as needing MJ文字情報.
    const plain = await run(['gaiji', 'table', 'table.csv'], dir, env);
    expect(plain.code).toBe(1);
    expect(plain.out).toMatch(/MJ025760 can only be resolved with MJ文字情報/);
    expect(plain.out).toMatch(/戸籍統一文字番号 513280 can only be resolved with MJ文字情報/);
  });
});
