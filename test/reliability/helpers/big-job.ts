import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCharset } from '../../../src/encoding/index.ts';
import { formatCsvRow } from '../../../src/pipeline/csv-format.ts';
import { createCsvReader } from '../../../src/readers/index.ts';
import { ROOT } from './run.ts';

/**
 * A two-unit job big enough to interrupt: vendor A's SETAI.csv (small, first unit) and two copies
 * of JUMIN.csv grown to `records` records each from its clean rows (個人コード renumbered), written
 * in CP932 with chukan's own encoder, with the bundled mappings copied next to them.
 */
export function makeBigJob(dir: string, records: number): string {
  const cp932 = getCharset('cp932');
  const src = readFileSync(join(ROOT, 'samples/vendor-a/JUMIN.csv'));
  const reader = createCsvReader({ file: 'JUMIN.csv', charset: cp932, columns: 'first' });
  const rows: string[][] = [];
  for (const b of [reader.push(src), reader.end()]) for (const r of b.records) if (!r.findings) rows.push(r.fields);
  const [header, ...good] = rows;
  for (const n of [1, 2]) {
    let text = formatCsvRow(header);
    for (let i = 0; i < records; i++) {
      const row = good[i % good.length].slice();
      row[0] = String(n * 10_000_000 + i);
      text += formatCsvRow(row);
    }
    const enc = cp932.encode(text);
    if (enc.unrepresentable.length) throw new Error('sample not CP932');
    writeFileSync(join(dir, `JUMIN${n}.csv`), enc.bytes);
  }
  cpSync(join(ROOT, 'samples/vendor-a/SETAI.csv'), join(dir, 'SETAI.csv'));
  mkdirSync(join(dir, 'mappings'));
  cpSync(join(ROOT, 'mappings/vendor-a'), join(dir, 'mappings'), { recursive: true });
  const job = join(dir, 'job.yaml');
  writeFileSync(job, [
    'out: out',
    'units:',
    '  - mapping: mappings/juki-setai.yaml',
    '    inputs: [SETAI.csv]',
    '  - mapping: mappings/juki-kojin.yaml',
    '    inputs: [JUMIN1.csv, JUMIN2.csv]',
    '',
  ].join('\n'));
  chmodSync(dir, 0o755);
  return job;
}
