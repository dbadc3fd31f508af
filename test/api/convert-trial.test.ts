import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/api/convert.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const MAPPING = 'mappings/vendor-a/juki-kojin.yaml';
const INPUT = 'samples/vendor-a/JUMIN.csv';

describe('convert --limit N', () => {
  it('converts only the first N data records of each input, reconciles, and says so in report.json', async () => {
    const out = tempDir('chukan-limit-');
    const r = await runCli(['convert', '--mapping', MAPPING, '--in', INPUT, '--out', out, '--limit', '25'], ROOT);
    expect(r.code).toBeLessThanOrEqual(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.limit).toBe(25);
    expect(report.dryRun).toBeUndefined();
    const f = report.files[0];
    expect(f.read).toBe(25);
    expect(f.read).toBe(f.written + f.rejected + f.duplicates);
    // Stopped before the end of the file: not a complete unit, so --resume never takes it over.
    expect(f.limitReached).toBe(true);
    expect(f.complete).toBe(false);
    const rows = readFileSync(join(out, 'JUKI_KOJIN.csv'), 'utf8').split('\r\n').filter(Boolean);
    expect(rows.length - 1).toBe(f.written);
    expect(r.stdout).toMatch(/JUMIN\.csv: read 25, .*\(first 25 records: --limit\)/);
  });

  it('a limit beyond the file reads it all and marks nothing', async () => {
    const out = tempDir('chukan-limit-');
    const { report } = await convert({ mapping: join(ROOT, MAPPING), inputs: [join(ROOT, INPUT)], out, limit: 1_000_000 });
    expect(report.files[0].read).toBeGreaterThan(300);
    expect(report.files[0].limitReached).toBeUndefined();
    expect(report.files[0].complete).toBe(true);
  });

  it('refuses --limit with --unit, and a limit that is not a whole number ≥ 1', async () => {
    const a = await runCli(['convert', '--mapping', MAPPING, '--in', INPUT, '--out', tmpdir(), '--limit', '5', '--unit', '0/2'], ROOT);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--limit.*--unit.*\[E_USAGE\]/);
    const b = await runCli(['convert', '--mapping', MAPPING, '--in', INPUT, '--out', tmpdir(), '--limit', '0'], ROOT);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--limit takes a whole number ≥ 1/);
  });
});

describe('convert --dry-run', () => {
  it('reads, maps and checks every record but writes no output and no rejects, only report.json marked dryRun', async () => {
    const out = tempDir('chukan-dry-');
    const wet = tempDir('chukan-wet-');
    const dry = await runCli(['convert', '--mapping', MAPPING, '--in', INPUT, '--out', out, '--dry-run'], ROOT);
    await runCli(['convert', '--mapping', MAPPING, '--in', INPUT, '--out', wet], ROOT);
    expect(readdirSync(out)).toEqual(['report.json']);
    const d = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const w = JSON.parse(readFileSync(join(wet, 'report.json'), 'utf8'));
    expect(d.dryRun).toBe(true);
    expect(d.files[0].output).toBeUndefined();
    expect(d.files[0].rejects).toBeUndefined();
    // The same findings a real convert gives, record for record.
    for (const k of ['read', 'written', 'rejected', 'duplicates']) expect(d.files[0][k]).toBe(w.files[0][k]);
    expect(d.files[0].findings).toEqual(w.files[0].findings);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/dry run: no output or rejects written/);
  });

  it('without --out writes nothing at all', async () => {
    const cwd = tempDir('chukan-dry-cwd-');
    const r = await runCli(['convert', '--mapping', join(ROOT, MAPPING), '--in', join(ROOT, INPUT), '--dry-run', '--limit', '10'], cwd);
    expect(r.code).toBeLessThanOrEqual(1);
    expect(readdirSync(cwd)).toEqual([]);
    expect(r.stdout).toMatch(/read 10,/);
    expect(r.stdout).not.toMatch(/^report:/m);
    expect(existsSync(join(cwd, 'report.json'))).toBe(false);
  });
});
