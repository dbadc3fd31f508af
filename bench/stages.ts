/**
 * Where a convert's CPU goes, stage by stage, on one thread and warm:
 *   node --import tsx bench/stages.ts MAPPING FILE [rounds=5]
 * Reads FILE batch by batch (256 KiB, as the pipeline does) and times each stage over every
 * batch — read + split, work records, map, the mapping's cleanse stages (外字), validate, format +
 * join, encode — then prints the fastest round per stage in µs per record. Timing the stages
 * separately lets each change be measured on its own; the profile grouping in
 * docs/PERFORMANCE.md is the end-to-end view. Prints no field values.
 */
import { readFileSync } from 'node:fs';
import { getCharset, indexOfPuaCandidate } from '../src/encoding/index.ts';
import { compileLayout, loadLayout } from '../src/layouts/index.ts';
import { compileMapping, loadMapping } from '../src/mapping/index.ts';
import { createCsvReader } from '../src/readers/index.ts';
import { cleanseStagesFor } from '../src/pipeline/cleanse-for-mapping.ts';
import { formatCsvRow, plainRowFormatter } from '../src/pipeline/csv-format.ts';
import { Fate, type WorkBatch } from '../src/pipeline/work.ts';
import type { FieldIssue } from '../src/pipeline/contracts.ts';

const [mappingPath, path, roundsArg] = process.argv.slice(2);
if (!mappingPath || !path) {
  console.error('usage: node --import tsx bench/stages.ts MAPPING FILE [rounds]');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 5);
const bytes = readFileSync(path);
const CHUNK = 256 * 1024;
const mapping = await loadMapping(mappingPath);
if (mapping.source.format !== 'csv') throw new Error('bench/stages.ts reads CSV sources only');
const charset = getCharset(mapping.source.charset);
const layout = compileLayout(loadLayout(mapping.layout));
const cleanse = await cleanseStagesFor(mapping, layout, { file: path, stateless: true });
const formatValidated = plainRowFormatter(layout.fields.length, layout.csvPlain);
const utf8 = getCharset('utf-8');

const best: Record<string, number> = {};
let records = 0;
for (let r = 0; r < rounds; r++) {
  const spent: Record<string, number> = {};
  const time = (stage: string, fn: () => void) => {
    const t = process.hrtime.bigint();
    fn();
    spent[stage] = (spent[stage] ?? 0) + Number(process.hrtime.bigint() - t) / 1e3;
  };
  const reader = createCsvReader({ file: path, charset, delimiter: mapping.source.delimiter, quote: mapping.source.quote, columns: 'first' });
  let mapper: ReturnType<typeof compileMapping> | undefined;
  const issues: FieldIssue[] = [];
  const layoutIssues: Parameters<typeof layout.validateRecord>[1] = [];
  records = 0;
  for (let p = 0; p <= bytes.length; p += CHUNK) {
    let read!: ReturnType<typeof reader.push>;
    time('read + split', () => { read = p < bytes.length ? reader.push(bytes.subarray(p, Math.min(bytes.length, p + CHUNK))) : reader.end(); });
    let src = read.records;
    if (!mapper && src.length > 0) {
      mapper = compileMapping(mapping, { layoutFields: layout.fields.map((f) => f.id), sourceHeader: mapping.source.header ? src[0].fields : undefined });
      if (mapping.source.header) src = src.slice(1);
    }
    const m = mapper;
    if (!m) continue;
    let batch!: WorkBatch;
    time('work records + PUA scan', () => {
      batch = { file: path, text: read.text, firstPuaCandidate: indexOfPuaCandidate(read.text, 0), records: src.map((s) => ({ src: s, values: s.fields, findings: s.findings?.slice(), fate: s.findings?.some((f) => f.severity === 'error') ? Fate.Rejected : Fate.Written })) };
    });
    records += batch.records.length;
    time('map', () => {
      for (const rec of batch.records) {
        if (rec.fate !== Fate.Written) continue;
        issues.length = 0;
        const out = new Array<string>(layout.fields.length);
        m.apply(rec.src.fields, out, issues);
        rec.values = out;
        if (issues.length > 0) rec.fate = Fate.Rejected;
      }
    });
    time('cleanse (外字)', () => { for (const stage of cleanse.beforeValidate) stage(batch); });
    time('validate', () => {
      for (const rec of batch.records) {
        if (rec.fate !== Fate.Written) continue;
        layoutIssues.length = 0;
        if (!layout.validateRecord(rec.values, layoutIssues)) rec.fate = Fate.Rejected;
      }
    });
    let text = '';
    time('format + join', () => {
      const rows: string[] = [];
      for (const rec of batch.records) if (rec.fate === Fate.Written) rows.push(rec.findings === undefined ? formatValidated(rec.values) : formatCsvRow(rec.values));
      text = rows.join('');
    });
    time('encode (UTF-8)', () => { utf8.encode(text); });
  }
  for (const [k, v] of Object.entries(spent)) best[k] = Math.min(best[k] ?? Infinity, v);
}
let total = 0;
for (const [stage, us] of Object.entries(best)) {
  total += us;
  console.log(`${stage.padEnd(26)} ${(us / records).toFixed(2).padStart(6)} µs/record`);
}
console.log(`${'total'.padEnd(26)} ${(total / records).toFixed(2).padStart(6)} µs/record  (${records.toLocaleString('en')} records, fastest of ${rounds} rounds per stage)`);
cleanse.close();
