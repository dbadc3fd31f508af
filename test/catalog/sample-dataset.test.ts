import { describe, it, expect } from 'vitest';
import { loadCatalog, loadLayout, compileLayout, type CompiledLayout } from '../../src/layouts/index.ts';
import { createRng } from '../../src/layouts/sample-generator.ts';
import { createKeyPool, generateDataset } from '../../src/layouts/sample-dataset.ts';

const catalog = loadCatalog();
const domainLayouts = (...domains: string[]): CompiledLayout[] =>
  catalog.domains.filter((d) => domains.includes(d.id)).flatMap((d) => d.files.map((f) => compileLayout(loadLayout(f.layout))));

function keyOf(l: CompiledLayout, values: readonly string[], fields: readonly string[]): string {
  return fields.map((f) => values[l.fieldIndex.get(f)!]).join('\u0000');
}

describe('generateDataset', () => {
  it('builds 住基 + 国保 + 介護 + 収滞納 files whose keys are unique and whose foreign keys resolve', () => {
    const rng = createRng(2026);
    const pool = createKeyPool(rng, { persons: 60 });
    const layouts = domainLayouts('juki', 'kokuho', 'kaigo', 'shutai');
    const data = generateDataset(layouts, rng, { pool, recordsPerFile: 30 });
    const byId = new Map(layouts.map((l) => [l.id, l]));

    expect(data.get('juki/kojin')!.length).toBe(60);
    let fkChecked = 0;
    for (const l of layouts) {
      const rows = data.get(l.id)!;
      expect(rows.length, l.id).toBeGreaterThan(0);
      const pks = rows.map((r) => keyOf(l, r, l.primaryKey));
      expect(new Set(pks).size, `${l.id} primary keys`).toBe(pks.length);
      for (const r of rows) expect(l.validateRecord(r, []), l.id).toBe(true);
      for (const fk of l.foreignKeys) {
        const target = byId.get(fk.references.layout);
        if (!target) continue;
        const parentKeys = new Set(data.get(target.id)!.map((r) => keyOf(target, r, fk.references.fields)));
        for (const r of rows) {
          expect(parentKeys.has(keyOf(l, r, fk.fields)), `${l.id} → ${target.id}`).toBe(true);
          fkChecked++;
        }
      }
    }
    expect(fkChecked).toBeGreaterThan(300);
  });

  it('carries the pooled person into dependent files (same 宛名番号, same name and birth date)', () => {
    const rng = createRng(5);
    const pool = createKeyPool(rng, { persons: 20 });
    const [hiho] = domainLayouts('kokuho').filter((l) => l.id === 'kokuho/hihokensha');
    const data = generateDataset([hiho], rng, { pool, recordsPerFile: 10 });
    const byAtena = new Map(pool.persons.map((p) => [p.atenaNo, p]));
    for (const r of data.get('kokuho/hihokensha')!) {
      const p = byAtena.get(r[hiho.fieldIndex.get('atenaNo')!]);
      expect(p).toBeDefined();
      expect(r[hiho.fieldIndex.get('shimei')!]).toBe(p!.shimei);
      expect(r[hiho.fieldIndex.get('seinengappi')!]).toBe(p!.seinengappi);
      expect(r[hiho.fieldIndex.get('dantaiCode')!]).toBe(pool.municipality.dantaiCode);
    }
  });

  it('is deterministic for a seed', () => {
    const layouts = domainLayouts('zaimu');
    const run = () => {
      const rng = createRng(77);
      return generateDataset(layouts, rng, { pool: createKeyPool(rng, { persons: 5 }), recordsPerFile: 5 });
    };
    expect([...run()]).toEqual([...run()]);
  });
});
