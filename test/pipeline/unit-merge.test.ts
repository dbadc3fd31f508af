import { appendFileSync, copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBenchData } from '../../bench/generate.ts';
import { convert } from '../../src/api/convert.ts';
import { merge } from '../../src/api/merge.ts';
import { getCharset } from '../../src/encoding/index.ts';
import { parseUnit, unitSpans } from '../../src/pipeline/unit-plan.ts';
import type { RunReport } from '../../src/report/run-report.ts';
import { tempDir } from '../helpers/temp.ts';

let dir: string;
let inputs: string[];
let mapping: string;

beforeAll(async () => {
  dir = tempDir('chukan-units-');
  const g = await generateBenchData({ records: 2500, out: join(dir, 'a'), utf8Copy: false, standard: false, invalidRate: 0.03, brokenPerMillion: 4000, newlinesPerMillion: 30000 });
  const g2 = await generateBenchData({ records: 700, out: join(dir, 'b'), seed: 7, utf8Copy: false, standard: false, invalidRate: 0.03 });
  // A quoted line break right where cuts are likely, and an unclosed quote at the very end.
  appendFileSync(g.vendor, Buffer.from(getCharset('cp932').encode('"1","2","改行\r\nを含む","4"\r\n"最後","閉じない\r\n').bytes));
  mapping = g.mapping;
  copyFileSync(g2.vendor, join(dir, 'b', 'SECOND.csv'));
  inputs = [g.vendor, join(dir, 'b', 'SECOND.csv')];
});

const counts = (r: RunReport) => ({
  totals: r.totals,
  status: r.status,
  files: r.files.map((f) => ({ input: f.input, bytes: f.bytes, read: f.read, written: f.written, rejected: f.rejected, duplicates: f.duplicates, pua: f.pua, findings: f.findings, reconciled: f.reconciled })),
  byCode: r.findings.byCode,
  samples: r.findings.samples,
  truncated: r.findings.truncated,
});

function tree(root: string): Map<string, Buffer> {
  const m = new Map<string, Buffer>();
  for (const name of readdirSync(root, { recursive: true }) as string[]) {
    if (name.endsWith('.csv')) m.set(name, readFileSync(join(root, name)));
  }
  return m;
}

describe('convert --unit i/n + merge', () => {
  it('unit spans cover every byte exactly once and give each file start to one unit', () => {
    const sizes = [[100, 0, 57], [3, 900]];
    for (const of of [1, 2, 3, 7]) {
      const owners = new Map<string, number>();
      let covered = 0;
      for (let i = 0; i < of; i++) {
        unitSpans(sizes, { index: i, of }).forEach((u, ui) => u.forEach((s, fi) => {
          if (!s) return;
          covered += s.to - s.from;
          if (s.from === 0) {
            expect(owners.has(`${ui}/${fi}`)).toBe(false);
            owners.set(`${ui}/${fi}`, i);
          }
        }));
      }
      expect(covered).toBe(1060);
      expect(owners.size).toBe(5);
    }
    expect(() => parseUnit('3/3')).toThrow(/--unit/);
    expect(parseUnit('2/5')).toEqual({ index: 2, of: 5 });
  });

  it('merging the units gives the single run\'s outputs and rejects byte for byte and its report counts', async () => {
    const single = await convert({ mapping, inputs, out: join(dir, 'single'), threads: 1 });
    const expected = tree(join(dir, 'single'));
    expect(expected.size).toBe(3);
    for (const of of [2, 3, 5]) {
      const unitDirs: string[] = [];
      for (let i = of - 1; i >= 0; i--) {
        const u = join(dir, `u${of}`, String(i));
        await convert({ mapping, inputs, out: u, unit: { index: i, of }, threads: 2 });
        unitDirs.push(u);
      }
      const out = join(dir, `merged${of}`);
      const m = await merge({ units: unitDirs, out });
      const got = tree(out);
      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [name, bytes] of expected) expect(got.get(name)!.equals(bytes), `${name} with ${of} units`).toBe(true);
      expect(counts(m.report)).toEqual(counts(single.report));
      expect(m.exitCode).toBe(single.exitCode);
    }
  }, 180_000);

  it('refuses an incomplete or mixed set of units', async () => {
    const a = join(dir, 'u3', '0');
    const b = join(dir, 'u3', '1');
    await expect(merge({ units: [a, b], out: join(dir, 'bad') })).rejects.toThrow(/unit 2\/3 is missing/);
    await expect(merge({ units: [a, a, b], out: join(dir, 'bad') })).rejects.toThrow(/given twice/);
    await expect(merge({ units: [a, join(dir, 'u2', '1'), b], out: join(dir, 'bad') })).rejects.toThrow(/of 3|others are of/);
  });
});
