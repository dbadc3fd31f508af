import { readFileSync, rmSync, statSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.ts';
import { makeManifest } from '../../src/api/manifest.ts';
import { samplesOf, type CheckReport } from '../../src/report/check-report.ts';
import { createRng, generateRecord } from '../../src/layouts/sample-generator.ts';
import { FILES, SMALL, generateDelivery, makeTestSchemas, recordNo, tempRoot, writeDelivery, csvText, type LayoutId } from './delivery.ts';

interface Expected {
  code: string;
  file: string;
  record?: number;
  field?: string;
}

let root: string;
let schemasDir: string;

beforeAll(() => {
  root = tempRoot();
  schemasDir = makeTestSchemas(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every finding of the report as (code, file, record, field), from samples (the test keeps counts under the cap). */
function found(r: CheckReport): Expected[] {
  const out: Expected[] = [];
  for (const s of r.findings.samples) {
    expect(r.findings.byCode[s.code].truncated).toBe(false);
    out.push({ code: s.code, file: s.file, ...(s.record !== undefined ? { record: s.record } : {}), ...(s.field !== undefined ? { field: s.field } : {}) });
  }
  return out;
}

const key = (e: Expected) => `${e.code} ${e.file} ${e.record ?? '-'} ${e.field ?? '-'}`;

describe('chukan check on a generated delivery (住民基本台帳 + 国民健康保険 + 住登外管理)', () => {
  it('a clean delivery is 受入可: exit 0, no findings, counts and hashes match the manifest', async () => {
    const d = writeDelivery(generateDelivery(schemasDir, SMALL), join(root, 'clean'));
    const m = await makeManifest({ dir: d.dir, schemasDir });
    expect(m.manifest.totals.files).toBe(Object.keys(FILES).length);
    for (const [id, rows] of d.rows) {
      const entry = m.manifest.domains.flatMap((x) => x.files).find((f) => f.layout === id)!;
      expect(entry.records).toBe(rows.length);
      expect(entry.bytes).toBe(statSync(join(d.dir, FILES[id])).size);
    }
    expect(statSync(m.path!).mode & 0o777).toBe(0o600);
    const res = await check({ dir: d.dir, schemasDir, out: join(root, 'clean-check') });
    expect(res.report.findings.byCode).toEqual({});
    expect(res.exitCode).toBe(0);
    expect(res.report.verdict).toBe('accept');
    expect(res.report.verdictLabel.ja).toBe('受入可');
    expect(res.report.delivery.source).toBe('manifest');
    expect(res.report.totals.records).toBe([...d.rows.values()].reduce((n, r) => n + r.length, 0));
    expect(res.report.domains.map((x) => x.id)).toEqual(['juki', 'kokuho', 'jutogai']);
    // 個人 ↔ 世帯 reference each other: one of them is re-read for its back-reference.
    expect(res.report.keys.deferredFiles.length).toBe(1);
    for (const p of Object.values(res.written!)) expect(statSync(p).mode & 0o777).toBe(0o600);
  });

  it('finds every planted fault, and nothing else, with the right codes and locations', async () => {
    const gen = generateDelivery(schemasDir, SMALL);
    const rows = new Map([...gen.rows].map(([k, v]) => [k, v.map((r) => [...r])]));
    const L = (id: LayoutId) => gen.layouts.get(id)!;
    const col = (id: LayoutId, field: string) => L(id).fieldIndex.get(field)!;
    const rng = createRng(7);
    const expected: Expected[] = [];
    const fixedOf = (id: LayoutId, row: string[]) => Object.fromEntries(['dantaiCode', 'atenaNo', 'setaiNo', 'setainushiAtenaNo', 'rirekiRenban', 'idoRenban']
      .filter((f) => L(id).fieldIndex.has(f)).map((f) => [f, row[col(id, f)]]));

    // Layout violations: one broken date in 個人, one unknown code in 被保険者 (key fields untouched).
    const kojin = rows.get('juki/kojin')!;
    const bad1 = generateRecord(L('juki/kojin'), rng, { variant: 'invalid', fault: 'date', field: 'juteiBi', fixed: fixedOf('juki/kojin', kojin[4]) });
    kojin[4] = bad1.values;
    expected.push({ code: bad1.code, file: FILES['juki/kojin'], record: recordNo(4), field: 'juteiBi' });
    const hiho = rows.get('kokuho/hihokensha')!;
    const bad2 = generateRecord(L('kokuho/hihokensha'), rng, { variant: 'invalid', fault: 'code', field: 'futanWariai', fixed: fixedOf('kokuho/hihokensha', hiho[2]) });
    hiho[2] = bad2.values;
    expected.push({ code: bad2.code, file: FILES['kokuho/hihokensha'], record: recordNo(2), field: 'futanWariai' });

    // Duplicate primary key: a 世帯 delivered twice.
    const setai = rows.get('juki/setai')!;
    setai.push([...setai[3]]);
    expected.push({ code: 'CHECK_PK_DUPLICATE', file: FILES['juki/setai'], record: recordNo(setai.length - 1), field: 'dantaiCode' });

    // Dangling 宛名番号: a 国保 被保険者 who is in neither 住民基本台帳 nor 住登外管理.
    const ghost = generateRecord(L('kokuho/hihokensha'), rng, { variant: 'valid', fixed: { ...fixedOf('kokuho/hihokensha', hiho[0]), atenaNo: '0000999999' } });
    hiho.push(ghost);
    expected.push({ code: 'CHECK_FK_DANGLING', file: FILES['kokuho/hihokensha'], record: recordNo(hiho.length - 1), field: 'dantaiCode' });
    // Not dangling: a 住登外者 in 国保 resolves in 住登外管理 (the alternative target).
    const outsider = rows.get('jutogai/kojin')![0][col('jutogai/kojin', 'atenaNo')];
    hiho.push(generateRecord(L('kokuho/hihokensha'), rng, { variant: 'valid', fixed: { ...fixedOf('kokuho/hihokensha', hiho[0]), atenaNo: outsider } }));
    // Dangling 世帯番号 inside the 個人 ↔ 世帯 cycle.
    kojin[7][col('juki/kojin', 'setaiNo')] = '0000999998';
    expected.push({ code: 'CHECK_FK_DANGLING', file: FILES['juki/kojin'], record: recordNo(7), field: 'dantaiCode' });

    // 外字: a private-use character in a 住登外者's name.
    const jutogai = rows.get('jutogai/kojin')!;
    const nameCol = col('jutogai/kojin', 'shimei');
    jutogai[1][nameCol] = jutogai[1][nameCol].slice(0, 1) + '\uE05A' + jutogai[1][nameCol].slice(1);
    expected.push({ code: 'CHECK_PUA_CHAR', file: FILES['jutogai/kojin'], record: recordNo(1), field: 'shimei' });

    const d = writeDelivery({ ...gen, rows }, join(root, 'faulty'));
    const m = await makeManifest({ dir: d.dir, schemasDir });
    // After the manifest: a file goes missing, a count is misstated, a file changes, a stray file appears.
    unlinkSync(join(d.dir, FILES['juki/ido']));
    expected.push({ code: 'DELIVERY_FILE_MISSING', file: FILES['juki/ido'] });
    const manifest = JSON.parse(readFileSync(m.path!, 'utf8'));
    manifest.domains.find((x: { id: string }) => x.id === 'kokuho').files.find((f: { id: string }) => f.id === 'shikaku').records += 1;
    writeFileSync(m.path!, JSON.stringify(manifest));
    expected.push({ code: 'DELIVERY_COUNT_MISMATCH', file: FILES['kokuho/shikaku'] });
    const fuka = join(d.dir, FILES['kokuho/fuka']);
    writeFileSync(fuka, readFileSync(fuka, 'utf8').replace(/\r\n$/, '\n'));
    expected.push({ code: 'DELIVERY_HASH_MISMATCH', file: FILES['kokuho/fuka'] });
    writeFileSync(join(d.dir, 'memo.txt'), 'vendor notes\n');
    expected.push({ code: 'DELIVERY_FILE_UNEXPECTED', file: 'memo.txt' });

    const res = await check({ dir: d.dir, schemasDir, out: join(root, 'faulty-check') });
    expect(found(res.report).map(key).sort()).toEqual(expected.map(key).sort());
    const counts: Record<string, number> = {};
    for (const e of expected) counts[e.code] = (counts[e.code] ?? 0) + 1;
    expect(Object.fromEntries(Object.entries(res.report.findings.byCode).map(([c, t]) => [c, t.count]))).toEqual(counts);
    expect(res.exitCode).toBe(1);
    expect(res.report.verdict).toBe('fix');
    expect(res.report.verdictLabel.ja).toBe('要是正');
    const ido = res.report.domains.find((x) => x.id === 'juki')!.files.find((f) => f.layout === 'juki/ido')!;
    expect(ido.status).toBe('missing');
    // The PUA character is tallied per character, with its first location.
    expect(res.report.characters.list).toEqual([
      { codePoint: 'U+E05A', kind: 'pua', count: 1, files: { [FILES['jutogai/kojin']]: 1 }, first: { file: FILES['jutogai/kojin'], record: recordNo(1), field: 'shimei' } },
    ]);
    // Every error code becomes a request to the vendor; the warning too.
    expect(res.report.vendorRequests.map((q) => q.code).sort()).toEqual(Object.keys(counts).sort());
    // Samples never carry a personal value unmasked.
    const json = readFileSync(res.written!.json, 'utf8');
    expect(json).not.toContain(jutogai[1][nameCol]);
    expect(json).not.toContain('0000999999');
  });

  it('without a manifest, infers the files from the catalog names and says so', async () => {
    const gen = generateDelivery(schemasDir, SMALL, 99);
    const d = writeDelivery(gen, join(root, 'inferred'));
    unlinkSync(join(d.dir, FILES['kokuho/kyufu']));
    const res = await check({ dir: d.dir, schemasDir, out: false });
    expect(existsSync(join(d.dir, 'manifest.json'))).toBe(false);
    expect(res.report.delivery.source).toBe('catalog');
    expect(res.report.delivery.notes[0].ja).toContain('カタログ');
    expect(res.report.delivery.notes[0].en).toContain('inferred');
    expect(Object.fromEntries(Object.entries(res.report.findings.byCode).map(([c, t]) => [c, t.count]))).toEqual({ DELIVERY_FILE_MISSING: 1 });
    expect(samplesOf(res.report, 'DELIVERY_FILE_MISSING')[0].file).toBe(FILES['kokuho/kyufu']);
    expect(res.exitCode).toBe(1);
  });

  it('a profile scopes the 業務, overrides severities and caps samples while totals stay true', async () => {
    const gen = generateDelivery(schemasDir, SMALL, 5);
    const rows = new Map([...gen.rows].map(([k, v]) => [k, v.map((r) => [...r])]));
    const setai = rows.get('juki/setai')!;
    for (let i = 0; i < 6; i++) setai.push([...setai[i]]);
    const d = writeDelivery({ ...gen, rows }, join(root, 'profiled'));
    const res = await check({
      dir: d.dir, schemasDir, out: false, maxSamples: 2,
      profile: { ...structuredClone((await import('../../src/pipeline/delivery-profile.ts')).DEFAULT_PROFILE), domains: ['juki'], severity: { CHECK_PK_DUPLICATE: 'warning' } },
    });
    const pk = res.report.findings.byCode.CHECK_PK_DUPLICATE;
    expect(pk.count).toBe(6);
    expect(pk.samples).toBe(2);
    expect(pk.truncated).toBe(true);
    expect(res.report.findings.truncated).toBe(true);
    expect(pk.severity).toBe('warning');
    expect(pk.defaultSeverity).toBe('error');
    expect(res.report.domains.map((x) => x.id)).toEqual(['juki']);
    expect(res.report.outOfScopeFiles.map((f) => f.fileName).sort()).toEqual(
      Object.entries(FILES).filter(([id]) => !id.startsWith('juki/')).map(([, f]) => f).sort());
    // Out-of-scope files are info, and the 国保 references to 住民基本台帳 are not checked.
    expect(res.exitCode).toBe(0);
    expect(res.report.verdict).toBe('accept');
  });

  it('the header row must be the layout\'s item names', async () => {
    const gen = generateDelivery(schemasDir, { ...SMALL, persons: 6 }, 3);
    const d = writeDelivery(gen, join(root, 'header'));
    const p = join(d.dir, FILES['juki/setai']);
    writeFileSync(p, csvText(gen.layouts.get('juki/setai')!, gen.rows.get('juki/setai')!).replace('世帯番号', '世帯No'));
    const res = await check({ dir: d.dir, schemasDir, out: false });
    expect(Object.keys(res.report.findings.byCode)).toEqual(['HEADER_MISMATCH']);
  });
});
