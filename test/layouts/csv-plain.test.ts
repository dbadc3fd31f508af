/**
 * csvPlain (src/layouts/csv-plain.ts): a column marked plain must never let a quote, comma, CR or
 * LF through validation, and the row writer that trusts it must write exactly what formatCsvRow
 * writes. Checked on every layout of the catalog, on records from the layout-driven generator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLayout, listLayoutIds, loadLayout, type FieldIssue } from '../../src/layouts/index.ts';
import { createRng, generateRecord } from '../../src/layouts/sample-generator.ts';
import { formatCsvRow, plainRowFormatter } from '../../src/pipeline/csv-format.ts';

const layouts = listLayoutIds().map((id) => compileLayout(loadLayout(id)));
const special = fc.constantFrom('"', ',', '\r', '\n', '""', '\r\n');

describe('csvPlain', () => {
  it('marks free text as needing the test and constrained columns as plain', () => {
    const l = compileLayout(loadLayout('juki/kojin'));
    const plain = Object.fromEntries(l.fields.map((f, i) => [f.id, l.csvPlain[i]]));
    expect(plain.biko).toBe(false);
    for (const id of ['atenaNo', 'shimei', 'shimeiKana', 'seinengappi', 'seinengappiWareki', 'seibetsu', 'zokugara', 'jushoBanchi']) expect(plain[id], id).toBe(true);
    expect(layouts.every((x) => x.csvPlain.length === x.fields.length)).toBe(true);
  });

  it('never lets a quote, comma, CR or LF pass validation in a plain column (every layout)', () => {
    const rng = createRng(11);
    for (const l of layouts) {
      const base = generateRecord(l, rng);
      expect(l.validateRecord(base, []), l.id).toBe(true);
      l.csvPlain.forEach((isPlain, i) => {
        if (!isPlain) return;
        fc.assert(fc.property(fc.string({ maxLength: 12 }), special, fc.string({ maxLength: 12 }), (a, s, b) => {
          const values = [...base];
          values[i] = base[i].slice(0, 3) + a + s + b + base[i].slice(3);
          const issues: FieldIssue[] = [];
          expect(l.validateRecord(values, issues)).toBe(false);
          expect(issues.some((x) => x.field === l.fields[i].id)).toBe(true);
        }), { numRuns: 20, seed: i });
      });
    }
  });

  it('gives formatCsvRow\'s bytes for every validated record, quotes and commas in free text included', () => {
    const rng = createRng(5);
    let withSpecials = 0;
    for (const l of layouts) {
      const fmt = plainRowFormatter(l.fields.length, l.csvPlain);
      fc.assert(fc.property(fc.array(special, { minLength: l.fields.length, maxLength: l.fields.length }), (specials) => {
        const values = generateRecord(l, rng);
        // Put a special character into each free-text column; keep the record only if still valid.
        const mutated = values.map((v, i) => (l.csvPlain[i] || v === '' ? v : v.slice(0, 1) + specials[i] + v.slice(1)));
        for (const rec of [values, mutated]) {
          if (!l.validateRecord(rec, [])) continue;
          if (rec === mutated && mutated.some((v, i) => v !== values[i])) withSpecials++;
          expect(fmt(rec)).toBe(formatCsvRow(rec));
        }
      }), { numRuns: 20, seed: 3 });
    }
    expect(withSpecials).toBeGreaterThan(20);
    // Other widths never take the trusting path.
    const l = compileLayout(loadLayout('juki/kojin'));
    expect(plainRowFormatter(l.fields.length, l.csvPlain)(['a,b', '"'])).toBe(formatCsvRow(['a,b', '"']));
  });
});
