import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BAD_DIR, writeHugeField, writeManyColumns, type BadCase } from '../../scripts/make-bad-fixtures.ts';
import { listFiles, readCsvRows, runChukan, STACK_LINE, tmp } from './helpers/run.ts';
import { rmSync } from 'node:fs';

/**
 * The bad-input corpus (test/fixtures/bad/expected.json, written by scripts/make-bad-fixtures.ts):
 * each case ends either in findings with the expected codes (the run continues, every record is
 * accounted for) or in a clear error with exit 2 — never a stack trace, never a half-written output.
 */
const cases: BadCase[] = JSON.parse(readFileSync(join(BAD_DIR, 'expected.json'), 'utf8'));
const HUGE_FIELD_BYTES = 100 * 1024 * 1024;
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function inputFor(c: BadCase): Promise<string> {
  if (!c.generated) return join(BAD_DIR, c.input!);
  const dir = tmp();
  dirs.push(dir);
  const p = join(dir, `${c.name}.csv`);
  if (c.generated === 'huge-field') await writeHugeField(p, HUGE_FIELD_BYTES);
  else await writeManyColumns(p, 100_000);
  return p;
}

describe.concurrent('bad-input corpus', () => {
  it('the committed corpus is what the script writes', async () => {
    const dir = tmp();
    dirs.push(dir);
    const { writeCorpus } = await import('../../scripts/make-bad-fixtures.ts');
    writeCorpus(dir);
    for (const f of listFiles(dir)) expect(readFileSync(join(dir, f)), f).toEqual(readFileSync(join(BAD_DIR, f)));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const out = tmp();
    dirs.push(out);
    let args: string[];
    if (c.run === 'convert') args = ['convert', '--mapping', join(BAD_DIR, c.mapping!), '--in', await inputFor(c), '--out', out, ...(c.args ?? [])];
    else if (c.run === 'job') args = ['convert', '--job', join(BAD_DIR, c.job!), '--out', out];
    else args = ['mapping', 'check', join(BAD_DIR, c.mapping!), '--schemas', join(BAD_DIR, c.schemas!)];
    const r = await runChukan(args, { measure: c.generated === 'huge-field' });
    expect(r.stderr, 'no stack trace').not.toMatch(STACK_LINE);
    expect(r.stderr).not.toContain('E_INTERNAL');
    expect(r.code, r.stderr).toBe(c.exit);
    if (c.exit === 2) {
      // One clear message naming the problem and its stable code; nothing written.
      expect(r.stderr).toMatch(new RegExp(`^chukan convert: .*${c.message}[^]*\\[${c.codes[0]}\\]\\n$`));
      expect(listFiles(out)).toEqual([]);
      return;
    }
    if (c.run === 'mapping-check') {
      expect(r.stderr).toContain(c.message!);
      expect(r.stderr.trim().split('\n').length).toBe(1);
      return;
    }
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const file = report.files[0];
    for (const code of c.codes) expect(Object.keys(file.findings), JSON.stringify(file.findings)).toContain(code);
    expect({ read: file.read, written: file.written, rejected: file.rejected }).toEqual(c.counts);
    expect(file.reconciled).toBe(true);
    expect(file.read).toBe(file.written + file.rejected + file.duplicates);
    // Every rejected record is in the rejects file (one row each after the header).
    const rejectsPath = join(out, 'rejects', listFiles(join(out, 'rejects'))[0]);
    const rows = await readCsvRows(rejectsPath);
    expect(rows.length - 1).toBe(file.rejected);
    const rejects = readFileSync(rejectsPath, 'utf8');
    if (c.generated === 'huge-field') {
      // The 100 MB field was skipped by the record cap (4 MiB) without being held: the child's
      // peak RSS stays far below the field size above a small run's.
      const small = await runChukan(['convert', '--mapping', join(BAD_DIR, 'mapping.yaml'), '--in', join(BAD_DIR, 'inputs/mixed-line-endings.csv'), '--out', tmp(), ...(c.args ?? [])], { measure: true });
      // Holding the field would cost ≥ 100 MB of bytes (and twice that decoded); skipping it costs
      // the 1 MiB read buffers the garbage collector has not yet returned — tens of MB at most, and
      // that part varies from run to run, so the bound is the 64 MiB margin, not a tighter guess.
      expect(r.peakRss).toBeGreaterThan(0);
      expect(r.peakRss!).toBeLessThan(small.peakRss! + 64 * 1024 * 1024);
      expect(64 * 1024 * 1024).toBeLessThan(HUGE_FIELD_BYTES);
      expect(rejects.length).toBeLessThan(1024 * 1024);
    }
  }, 120_000);
});
