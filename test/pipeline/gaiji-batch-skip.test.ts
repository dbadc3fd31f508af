/**
 * The 外字 stage passes over batches whose source text holds no private-use character, but only
 * when no mapping literal could bring one in (mappingLiterals). Proven three ways: the skipping
 * stage and the value-by-value stage give the same bytes and findings on a file with 外字 in some
 * batches and not others; a constant or a code-table target holding a PUA character still rejects
 * every record it reaches; and a transform that declares no literals turns the skip off.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBenchData } from '../../bench/generate.ts';
import type { Finding } from '../../src/core/finding.ts';
import { getCharset } from '../../src/encoding/index.ts';
import { compileLayout, loadLayout } from '../../src/layouts/index.ts';
import { compileMapping, loadMapping, mappingLiterals } from '../../src/mapping/index.ts';
import { createGaijiResolver } from '../../src/cleanse/gaiji-resolve.ts';
import { AtomicFileWriter } from '../../src/pipeline/atomic-file.ts';
import { runFile } from '../../src/pipeline/file-run.ts';
import { gaijiStage } from '../../src/pipeline/stages/gaiji.ts';
import { cleanseStagesFor } from '../../src/pipeline/cleanse-for-mapping.ts';
import { readCsvFile } from '../../src/readers/index.ts';
import { tempDir } from '../helpers/temp.ts';

let dir: string;
let vendor: string;
let mappingPath: string;

beforeAll(async () => {
  dir = tempDir('chukan-gaiji-skip-');
  // ~800 records a batch, 外字 in ~1 record of 2,000: most batches hold none, some hold one or two.
  const g = await generateBenchData({ records: 20000, out: dir, utf8Copy: false, standard: false, gaijiPerMillion: 500, seed: 7 });
  vendor = g.vendor;
  mappingPath = g.mapping;
  expect(g.counts.gaiji).toBeGreaterThan(3);
});

/** Converts `vendor` with the 外字 stage only, built by `stages` for the run's mapping and layout. */
async function run(mapping: Awaited<ReturnType<typeof loadMapping>>, stages: (layout: ReturnType<typeof compileLayout>) => Promise<ReturnType<typeof gaijiStage>[]>) {
  const layout = compileLayout(loadLayout(mapping.layout));
  const outPath = join(dir, `out-${Math.random().toString(36).slice(2)}.csv`);
  const rejectsPath = `${outPath}.rejects`;
  const writer = await AtomicFileWriter.create(outPath);
  const rejects = await AtomicFileWriter.create(rejectsPath);
  const findings: Finding[] = [];
  const stats = await runFile({
    file: vendor,
    batches: readCsvFile(vendor, { charset: getCharset('cp932') }),
    header: true,
    makeMapper: (header) => compileMapping(mapping, { layoutFields: layout.fields.map((f) => f.id), sourceHeader: header }),
    validator: layout,
    beforeValidate: await stages(layout),
    output: { writer, charset: getCharset('utf-8') },
    rejects,
    onFinding: (f) => findings.push(f),
  });
  await writer.commit();
  await rejects.commit();
  return { stats, findings, out: readFileSync(outPath), rejects: readFileSync(rejectsPath) };
}

const byValue = (layout: ReturnType<typeof compileLayout>) => Promise.resolve([gaijiStage(createGaijiResolver({ unmapped: 'reject', outputCharset: getCharset('utf-8'), sourceCharset: getCharset('cp932') }), layout.fields)]);
const asConvertBuildsIt = (mapping: Awaited<ReturnType<typeof loadMapping>>) => async (layout: ReturnType<typeof compileLayout>) =>
  (await cleanseStagesFor(mapping, layout, { file: vendor, stateless: true })).beforeValidate;

async function mappingWith(edit: (yaml: string) => string) {
  const p = join(dir, `m-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(p, edit(readFileSync(mappingPath, 'utf8')));
  return loadMapping(p);
}

describe('the 外字 stage on whole batches', () => {
  it('gives the same bytes and findings as checking value by value', async () => {
    const mapping = await loadMapping(mappingPath);
    expect(mappingLiterals(mapping)).toBeDefined();
    const skipping = await run(mapping, asConvertBuildsIt(mapping));
    const oracle = await run(mapping, byValue);
    expect(skipping.out.equals(oracle.out)).toBe(true);
    expect(skipping.rejects.equals(oracle.rejects)).toBe(true);
    expect(skipping.findings).toEqual(oracle.findings);
    expect(skipping.stats).toEqual(oracle.stats);
    expect(skipping.findings.filter((f) => f.code === 'GAIJI_UNMAPPED_REJECTED').length).toBeGreaterThan(3);
  });

  it('still checks every value when a constant holds a private-use character', async () => {
    const mapping = await mappingWith((y) => y.replace(/^  biko: .*$/m, '  biko: { const: "\\uE000" }'));
    expect(mappingLiterals(mapping)).toContain('\uE000');
    const r = await run(mapping, asConvertBuildsIt(mapping));
    expect(r.stats.written).toBe(0);
    expect(r.findings.filter((f) => f.code === 'GAIJI_UNMAPPED_REJECTED' && f.field === 'biko').length).toBeGreaterThan(19000);
  });

  it('still checks every value when a code table maps to a private-use character', async () => {
    const mapping = await mappingWith((y) => y.replace('table: { "1": "1", "2": "2" }', 'table: { "1": "\\uE001", "2": "2" }'));
    const r = await run(mapping, asConvertBuildsIt(mapping));
    const hits = r.findings.filter((f) => f.code === 'GAIJI_UNMAPPED_REJECTED' && f.field === 'seibetsu').length;
    expect(hits).toBeGreaterThan(5000);
    expect(r.stats.read).toBe(r.stats.written + r.stats.rejected + r.stats.duplicates);
  });

  it('is off when a transform does not declare what it may insert', async () => {
    const mapping = await loadMapping(mappingPath);
    const undeclared = (v: string) => v;
    mapping.fields[1].transforms.push({ name: 'custom', line: 1, kind: 'value', fn: undeclared });
    expect(mappingLiterals(mapping)).toBeUndefined();
  });
});
