import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.ts';
import { makeManifest } from '../../src/api/manifest.ts';
import { buildRunReport, FindingCollector } from '../../src/report/run-report.ts';
import { FILES, SMALL, generateDelivery, makeTestSchemas, tempRoot, writeDelivery } from '../check/delivery.ts';
import { ROOT, runChukan, tmp } from '../reliability/helpers/run.ts';

/**
 * Every report.json chukan writes against the JSON Schema documented for it (docs/schemas/):
 * convert, validate and merge (chukan-run-report/1) and check (chukan-check-report/2). The two
 * shapes agree: samples are one list of the same objects, and `ok` stands beside the verdict.
 */
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'docs/schemas', name), 'utf8'));
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addSchema(schema('finding-sample.schema.json'));
const runReport = ajv.compile(schema('run-report.schema.json'));
const checkReport = ajv.compile(schema('check-report.schema.json'));

function valid(v: ValidateFunction, doc: unknown): void {
  const ok = v(doc);
  expect(ok ? [] : v.errors!.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
}

let dir: string;
let root: string;
const json = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

beforeAll(() => { dir = tmp('chukan-schemas-'); root = tempRoot(); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); rmSync(root, { recursive: true, force: true }); });

describe('report.json against its JSON Schema', () => {
  it('convert (the demo, with rejects, 外字 and duplicates), then check of its output', async () => {
    const c = await runChukan(['convert', '--job', 'samples/demo.job.yaml', '--out', join(dir, 'demo'), '--quiet']);
    expect(c.code, c.stderr).toBe(1);
    const conv = json(join(dir, 'demo/report.json'));
    valid(runReport, conv);
    expect(conv.findings.samples.length).toBeGreaterThan(5);
    expect(conv.ok).toBe(false);
    const m = await runChukan(['manifest', join(dir, 'demo'), '--vendor', '架空システム株式会社', '--delivered-on', '2026-12-07']);
    expect(m.code, m.stderr).toBe(0);
    const k = await runChukan(['check', join(dir, 'demo'), '--out', join(dir, 'demo-check')]);
    expect(k.code, k.stderr).toBe(1);
    const chk = json(join(dir, 'demo-check/report.json'));
    valid(checkReport, chk);
    expect(chk.delivery.manifest).toMatchObject({ vendor: '架空システム株式会社', deliveredOn: '2026-12-07' });
    // One shape for samples: the same keys, a list in both.
    expect(Array.isArray(chk.findings.samples) && Array.isArray(conv.findings.samples)).toBe(true);
    expect(Object.keys(chk.findings.samples[0]).sort()).toEqual(expect.arrayContaining(['code', 'file', 'message', 'severity']));
    expect([typeof conv.ok, typeof chk.ok]).toEqual(['boolean', 'boolean']);
  }, 120_000);

  it('validate --out, and merge of two units', async () => {
    const v = await runChukan(['validate', '--layout', 'juki/kojin', join(dir, 'demo/JUKI_KOJIN.csv'), '--out', join(dir, 'val')]);
    expect(v.code, v.stderr).toBe(0);
    const vr = json(join(dir, 'val/report.json'));
    valid(runReport, vr);
    expect(vr.ok).toBe(true);
    // A mapping without dedup (which keeps a file in one unit), one bad record among good ones.
    const input = join(dir, 'units.csv');
    writeFileSync(input, '番号,氏名,備考\r\n' + Array.from({ length: 40 }, (_, i) => `${i === 7 ? 'x' : 1000 + i},山田　太郎,\r\n`).join(''));
    for (const i of [0, 1]) {
      const u = await runChukan(['convert', '--mapping', 'test/fixtures/bad/mapping.yaml', '--in', input, '--unit', `${i}/2`, '--out', join(dir, `u${i}`), '--quiet', '--rejects-xlsx']);
      expect([0, 1], u.stderr).toContain(u.code);
      valid(runReport, json(join(dir, `u${i}/report.json`)));
    }
    const mg = await runChukan(['merge', join(dir, 'u0'), join(dir, 'u1'), '--out', join(dir, 'merged'), '--rejects-xlsx']);
    expect(mg.code, mg.stderr).toBe(1);
    const merged = json(join(dir, 'merged/report.json'));
    valid(runReport, merged);
    // The merged workbook is the merged rejects', not a unit's.
    expect(merged.files[0].rejectsXlsx).toBe(join(dir, 'merged/rejects/units.csv.rejects.xlsx'));
    expect(existsSync(merged.files[0].rejectsXlsx)).toBe(true);
  }, 120_000);

  it('a failed run report carries its error', () => {
    const r = buildRunReport({ command: 'convert', started: new Date(), files: [], collector: new FindingCollector(), status: 'failed', error: { code: 'E_WRITE_FAILED', message: 'disk full' } });
    valid(runReport, JSON.parse(JSON.stringify(r)));
    expect(r.ok).toBe(false);
  });

  it('check: a clean delivery (accept, ok) and a faulty one with 外字, duplicate keys and a missing file', async () => {
    const schemasDir = makeTestSchemas(root);
    const gen = generateDelivery(schemasDir, SMALL, 3);
    const clean = writeDelivery(gen, join(root, 'clean'));
    await makeManifest({ dir: clean.dir, schemasDir });
    const a = await check({ dir: clean.dir, schemasDir, out: false });
    valid(checkReport, JSON.parse(JSON.stringify(a.report)));
    expect(a.report.ok).toBe(true);
    const rows = new Map([...gen.rows].map(([k, v]) => [k, v.map((r) => [...r])]));
    const L = gen.layouts.get('juki/kojin')!;
    rows.get('juki/kojin')![2][L.fieldIndex.get('shimei')!] = '山\uE001太郎';
    rows.get('juki/setai')!.push([...rows.get('juki/setai')![0]]);
    const f = writeDelivery({ ...gen, rows }, join(root, 'faulty'));
    rmSync(join(f.dir, FILES['kokuho/kyufu']));
    const b = await check({ dir: f.dir, schemasDir, out: false, maxSamples: 2, timeZone: 'America/New_York' });
    const doc = JSON.parse(JSON.stringify(b.report));
    valid(checkReport, doc);
    expect(doc.ok).toBe(false);
    expect(doc.characters.list.length).toBeGreaterThan(0);
    expect(doc.finishedAt).toMatch(/-0[45]:00$/);
    // Samples are grouped by code in one list, at most maxSamples of each.
    const codes = doc.findings.samples.map((s: { code: string }) => s.code);
    expect(codes).toEqual([...codes].sort());
    for (const [code, t] of Object.entries(doc.findings.byCode) as [string, { samples: number }][]) expect(codes.filter((c: string) => c === code)).toHaveLength(t.samples);
    // A schema that is not strict would pass anything: an unknown key must fail.
    expect(checkReport({ ...doc, extra: 1 })).toBe(false);
    expect(runReport({ ...doc })).toBe(false);
  }, 120_000);
});
