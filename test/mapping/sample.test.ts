import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCharset } from '../../src/encoding/index.ts';
import { compileLayout, loadLayout } from '../../src/layouts/index.ts';
import { compileMapping, loadJob, loadMapping, type CompiledMapping, type MappingIssue } from '../../src/mapping/index.ts';
import { readCsvFile } from '../../src/readers/index.ts';
import { tmp } from './helpers.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Reads a bundled export, maps and validates every record; tallies why records fail. */
async function run(mappingRel: string, inputRel: string) {
  const mapping = await loadMapping(join(ROOT, mappingRel));
  const layout = compileLayout(loadLayout(mapping.layout));
  const ids = layout.fields.map((f) => f.id);
  let mapper: CompiledMapping | undefined;
  const out: string[] = [];
  const reasons = new Map<string, number>();
  const bump = (k: string) => reasons.set(k, (reasons.get(k) ?? 0) + 1);
  let passed = 0;
  const rows: string[][] = [];
  for await (const batch of readCsvFile(join(ROOT, inputRel), { file: inputRel, charset: getCharset(mapping.source.charset), columns: 'first' })) {
    for (const r of batch.records) {
      if (!mapper) {
        mapper = compileMapping(mapping, { layoutFields: ids, sourceHeader: r.fields });
        continue;
      }
      if (r.findings?.length) {
        for (const f of r.findings) bump(`read ${f.code}`);
        continue;
      }
      const issues: MappingIssue[] = [];
      if (!mapper.apply(r.fields, out, issues)) {
        for (const i of issues) bump(`map ${i.code} ${i.field}`);
        continue;
      }
      const vi: { code: string; field?: string }[] = [];
      if (!layout.validateRecord(out, vi as never)) {
        for (const i of vi) bump(`validate ${i.code} ${i.field}`);
        continue;
      }
      passed++;
      rows.push([...out]);
    }
  }
  return { passed, reasons: Object.fromEntries(reasons), rows, ids };
}

describe('bundled vendor-A sample', () => {
  it('the committed files are exactly what the generator writes (deterministic)', () => {
    const dir = tmp();
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'samples/generate-juki-vendor.ts'), dir], { stdio: 'pipe' });
    for (const f of ['JUMIN.csv', 'SETAI.csv']) {
      expect(readFileSync(join(dir, f)).equals(readFileSync(join(ROOT, 'samples/vendor-a', f))), f).toBe(true);
    }
  });

  it('JUMIN.csv → juki/kojin: every good record passes, each broken record fails for its own reason', async () => {
    const { passed, reasons, rows, ids } = await run('mappings/vendor-a/juki-kojin.yaml', 'samples/vendor-a/JUMIN.csv');
    expect(reasons).toEqual({
      'read ENC_INVALID_BYTES': 2, // one record, two bad sequences
      'read CSV_TOO_FEW_FIELDS': 1,
      'read CSV_TOO_MANY_FIELDS': 1,
      'read CSV_UNCLOSED_QUOTE': 1,
      'map TX_WAREKI_OUTSIDE_ERA seinengappi': 1, // 平成31年5月1日
      'map TX_WAREKI_OUTSIDE_ERA juteiBi': 1, // 昭和64年1月8日
      'map TX_CODE_UNKNOWN zokugara': 1,
      'validate LAYOUT_TOO_LONG shimei': 1,
    });
    expect(passed).toBeGreaterThan(250);
    const col = (id: string) => ids.indexOf(id);
    // The transforms really ran: full-width kana readings, 西暦 dates, standard codes, 外字 kept as PUA.
    for (const r of rows) {
      expect(r[col('shimeiKana')]).toMatch(/^[\u30a1-\u30fc\u3000]+$/);
      expect(r[col('seinengappi')]).toMatch(/^(18|19|20)\d{6}$/);
      expect(r[col('yubinNo')]).toMatch(/^\d{7}$/);
      expect(r[col('idoJiyu')]).toMatch(/^(A1|A2|C1)$/);
    }
    expect(rows.some((r) => /[\ue000-\ue757]/.test(r[col('shimei')]!))).toBe(true);
    expect(rows.some((r) => /[\ue69d-\ue757]/.test(r[col('shimei')]!))).toBe(true); // 0xF941–0xF9FC cells survive
    expect(rows.some((r) => r[col('biko')]!.includes('\n'))).toBe(true);
    const keys = rows.map((r) => r.join('\u0001'));
    expect(keys.length - new Set(keys).size).toBe(3); // the exact duplicates, left for dedup
  });

  it('SETAI.csv → juki/setai', async () => {
    const { passed, reasons } = await run('mappings/vendor-a/juki-setai.yaml', 'samples/vendor-a/SETAI.csv');
    expect(reasons).toEqual({ 'map TX_WAREKI_OUTSIDE_ERA setaiKeiseiBi': 1, 'map TX_CODE_UNKNOWN idoJiyu': 1 });
    expect(passed).toBe(118);
  });

  it('the demo job loads, and stays inside the repository', async () => {
    const job = await loadJob(join(ROOT, 'samples/demo.job.yaml'));
    expect(job.root).toBe(ROOT);
    expect(job.out).toBe(join(ROOT, 'out/demo'));
    expect(job.units.map((u) => u.inputs.map((i) => i.slice(ROOT.length)))).toEqual([['/samples/vendor-a/JUMIN.csv'], ['/samples/vendor-a/SETAI.csv']]);
  });
});
