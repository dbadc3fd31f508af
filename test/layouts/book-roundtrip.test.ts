/**
 * export → import round trip: every shipped domain written as a 項目定義書 (xlsx, and CSV for a few)
 * and read back with the default profile gives the same compiled layouts — ids, titles, lengths and
 * units, character classes, required, dates, code lists, patterns, identifiers, personal flags, keys.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog, loadLayout, compileLayout, type CompiledLayout } from '../../src/layouts/index.ts';
import { exportLayouts, importLayouts, openCatalog } from '../../src/api/layouts.ts';
import { tempDir } from '../helpers/temp.ts';

const catalog = loadCatalog();

function shape(l: CompiledLayout) {
  return {
    title: l.title,
    primaryKey: l.primaryKey,
    foreignKeys: l.foreignKeys,
    fields: l.fields.map((f) => ({
      index: f.index, id: f.id, title: f.title, description: f.description, required: f.required,
      lengths: f.rules.lengths, charClasses: f.rules.charClasses, dates: f.rules.dates, codeLists: f.rules.codeLists,
      patterns: f.rules.patterns, enums: f.rules.enums, identifiers: f.rules.identifiers,
      maxLength: f.rules.maxLength, minLength: f.rules.minLength, personal: f.personal, fieldClass: f.fieldClass,
    })),
  };
}

async function roundTrip(domain: string, format: 'xlsx' | 'csv') {
  const dir = tempDir(`chukan-rt-${domain}-`);
  const book = join(dir, `${domain}.${format}`);
  writeFileSync(book, await exportLayouts(domain, format));
  const out = join(dir, 'schemas');
  const report = await importLayouts({ book, out, date: '2026-01-01' });
  return { report, out };
}

describe('export → import round trip (default profile)', () => {
  it.each(catalog.domains.map((d) => d.id))('%s (xlsx)', async (domain) => {
    const { report, out } = await roundTrip(domain, 'xlsx');
    expect(report.unmapped).toEqual([]);
    expect(report.skippedSheets).toEqual([]);
    const d = catalog.domains.find((x) => x.id === domain)!;
    expect(report.layouts.map((l) => l.id)).toEqual(d.files.map((f) => f.layout));
    for (const f of d.files) {
      const original = compileLayout(loadLayout(f.layout));
      const imported = compileLayout(loadLayout(f.layout, { schemasDir: out }));
      expect(shape(imported), f.layout).toEqual(shape(original));
    }
    // The written catalog names the same files with the same Japanese and standard names.
    const cat = openCatalog({ catalogFile: join(out, 'catalog.json') });
    expect(cat.domains).toEqual([{ id: d.id, name: d.name, files: d.files.map((f) => ({ id: f.id, name: f.name, layout: f.layout, fileName: f.fileName })) }]);
  }, 60_000);

  it.each(['juki', 'zaimu', 'kotei'])('%s (csv)', async (domain) => {
    const { report, out } = await roundTrip(domain, 'csv');
    expect(report.unmapped).toEqual([]);
    for (const f of catalog.domains.find((x) => x.id === domain)!.files) {
      expect(shape(compileLayout(loadLayout(f.layout, { schemasDir: out }))), f.layout).toEqual(shape(compileLayout(loadLayout(f.layout))));
    }
  });

  it('imported layouts are standalone and say where they came from', async () => {
    const { out } = await roundTrip('hojinjumin', 'xlsx');
    const doc = JSON.parse(readFileSync(join(out, 'hojinjumin/hojin.schema.json'), 'utf8'));
    expect(JSON.stringify(doc)).not.toContain('$ref');
    expect(doc['x-source']).toEqual({ basis: 'imported from hojinjumin.xlsx by chukan layouts import (profile chukan-default)', date: '2026-01-01' });
    expect(doc.properties.hojinNo['x-identifier']).toBe('houjinNo');
  });
});
