/**
 * How well `chukan mapping init` does on the onboarding corpus (test/fixtures/onboard): for each
 * export, the items its hand-written mapping.yaml maps from a column, and whether the proposal
 * maps each to the same column — and, above all, whether any proposal marked *confident* is wrong.
 *
 *   node --import tsx scripts/onboard-score.ts [CORPUS_DIR]
 *
 * test/mapping/init-corpus.test.ts runs the same scoring and holds it to ≥ 80 % and no wrong
 * confident match.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCharset } from '../src/encoding/index.ts';
import { compileLayout, loadLayout } from '../src/layouts/index.ts';
import { loadMapping } from '../src/mapping/index.ts';
import { proposeMapping } from '../src/mapping/propose/index.ts';
import { createCsvReader } from '../src/readers/index.ts';

export interface ShapeScore {
  shape: string;
  layout: string;
  header: boolean;
  charset: string;
  /** Items the hand-written mapping takes from a column. */
  handMapped: number;
  /** Of those, mapped by the proposal to the same column. */
  same: number;
  /** Of those, mapped the same and marked confident. */
  confidentSame: number;
  /** Proposed items whose column differs from the hand mapping's (or that it does not map). */
  wrong: string[];
  /** Of the wrong ones, those marked confident (must be none). */
  wrongConfident: string[];
  /** Hand-mapped items the proposal leaves unmapped. */
  missed: string[];
  /** What the proposal detected, against the hand mapping's source. */
  charsetDetected: boolean;
  headerDetected: boolean;
  delimiterDetected: boolean;
}

function firstRecord(bytes: Uint8Array, charset: string, delimiter: string, quote: string): string[] {
  const r = createCsvReader({ file: 'x', charset: getCharset(charset), delimiter, quote });
  return [...r.push(bytes).records, ...r.end().records][0]?.fields ?? [];
}

export async function scoreShape(shape: string, mappingPath: string, exportPath: string): Promise<ShapeScore> {
  const hand = await loadMapping(mappingPath);
  if (hand.source.format !== 'csv') throw new Error(`${shape}: only CSV shapes are scored`);
  const bytes = readFileSync(exportPath);
  const layout = compileLayout(loadLayout(hand.layout));
  const header = hand.source.header ? firstRecord(bytes, hand.source.charset, hand.source.delimiter, hand.source.quote).map((h) => h.replace(/^\ufeff/, '')) : [];
  const handColumn = new Map<string, number>();
  for (const f of hand.fields) {
    if (f.source.kind !== 'columns' || f.source.columns.length !== 1) continue;
    const c = f.source.columns[0]!;
    handColumn.set(f.target, c.index !== undefined ? c.index - 1 : header.indexOf(c.name));
  }
  const p = proposeMapping({ layout, sample: bytes, wholeFile: true, sampleName: shape });
  let same = 0;
  let confidentSame = 0;
  const wrong: string[] = [];
  const wrongConfident: string[] = [];
  for (const f of p.fields) {
    const want = handColumn.get(f.field.id);
    if (want === f.column.index) {
      same++;
      if (f.confidence === 'confident') confidentSame++;
    } else {
      const what = `${f.field.id} ← column ${f.column.index + 1} (hand: ${want === undefined ? 'not mapped' : `column ${want + 1}`})`;
      wrong.push(what);
      if (f.confidence === 'confident') wrongConfident.push(what);
    }
  }
  const proposed = new Set(p.fields.map((f) => f.field.id));
  const missed = [...handColumn.keys()].filter((id) => !proposed.has(id));
  return {
    missed,
    shape, layout: hand.layout, header: hand.source.header, charset: hand.source.charset, handMapped: handColumn.size, same, confidentSame, wrong, wrongConfident,
    charsetDetected: p.dialect.charset.name === hand.source.charset,
    headerDetected: p.header.value === hand.source.header,
    delimiterDetected: p.dialect.delimiter.value === hand.source.delimiter,
  };
}

export const CORPUS_DIR = resolve(fileURLToPath(new URL('../test/fixtures/onboard', import.meta.url)));

const ROOT = resolve(CORPUS_DIR, '../../..');

/** The bundled demo export (another generator, samples/generate-juki-vendor.ts) with its hand-written mappings. */
export const VENDOR_A = [
  { shape: 'vendor-a JUMIN.csv', mapping: join(ROOT, 'mappings/vendor-a/juki-kojin.yaml'), export: join(ROOT, 'samples/vendor-a/JUMIN.csv') },
  { shape: 'vendor-a SETAI.csv', mapping: join(ROOT, 'mappings/vendor-a/juki-setai.yaml'), export: join(ROOT, 'samples/vendor-a/SETAI.csv') },
];

export async function scoreCorpus(dir = CORPUS_DIR): Promise<{ shapes: ShapeScore[]; handMapped: number; same: number; share: number; wrongConfident: number }> {
  const shapes: ShapeScore[] = [];
  for (const s of readdirSync(dir).sort()) if (existsSync(join(dir, s, 'mapping.yaml'))) shapes.push(await scoreShape(s, join(dir, s, 'mapping.yaml'), join(dir, s, 'export.csv')));
  for (const v of VENDOR_A) shapes.push(await scoreShape(v.shape, v.mapping, v.export));
  const handMapped = shapes.reduce((n, s) => n + s.handMapped, 0);
  const same = shapes.reduce((n, s) => n + s.same, 0);
  return { shapes, handMapped, same, share: handMapped === 0 ? 0 : same / handMapped, wrongConfident: shapes.reduce((n, s) => n + s.wrongConfident.length, 0) };
}

export function scoreTable(r: Awaited<ReturnType<typeof scoreCorpus>>): string {
  const lines = ['shape                      layout              charset  header  mapped same  (confident)  wrong  wrong+confident  detected charset/header/delimiter'];
  for (const s of r.shapes) {
    lines.push(`${s.shape.padEnd(26)} ${s.layout.padEnd(19)} ${s.charset.padEnd(8)} ${String(s.header).padEnd(7)} ${String(s.same).padStart(4)}/${String(s.handMapped).padEnd(3)} (${String(s.confidentSame).padStart(2)})        ${String(s.wrong.length).padStart(5)}  ${String(s.wrongConfident.length).padStart(15)}  ${[s.charsetDetected, s.headerDetected, s.delimiterDetected].map((x) => (x ? 'yes' : 'NO')).join('/')}`);
    for (const w of s.wrong) lines.push(`    wrong: ${w}${s.wrongConfident.includes(w) ? '  [CONFIDENT]' : ''}`);
    if (s.missed.length > 0) lines.push(`    not mapped: ${s.missed.join(', ')}`);
  }
  lines.push(`total: ${r.same} of ${r.handMapped} hand-mapped items mapped to the same column (${(r.share * 100).toFixed(1)}%), ${r.wrongConfident} wrong mapping(s) marked confident`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  console.log(scoreTable(await scoreCorpus(process.argv[2] ? resolve(process.argv[2]) : undefined)));
}
