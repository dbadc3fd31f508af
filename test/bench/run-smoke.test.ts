import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../../bench/run.ts';
import { tempDir } from '../helpers/temp.ts';

const ROOT = resolve(import.meta.dirname, '../..');

// Smoke test only: the benchmark runs end to end on a tiny file. No timing is asserted.
describe('npm run bench (tiny size)', () => {
  it('generates data, runs every step as a child process and writes the results and table', () => {
    const dir = tempDir('chukan-bench-smoke-');
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--records', '1500', '--data', join(dir, 'data'), '--results', join(dir, 'results'), '--no-single'], { cwd: ROOT, encoding: 'utf8' });
    const latest = join(dir, 'results', 'latest.json');
    expect(existsSync(latest)).toBe(true);
    expect(readdirSync(join(dir, 'results')).length).toBe(2);
    const r = JSON.parse(readFileSync(latest, 'utf8')) as BenchResult;
    const size = r.sizes[0];
    expect(size.records).toBe(1500);
    const steps = size.steps.map((s) => s.step);
    expect(steps).toEqual(expect.arrayContaining(['read', 'decode', 'convert', 'validate']));
    for (const s of size.steps) {
      expect(s.seconds).toBeGreaterThan(0);
      expect(s.peakRssMB).toBeGreaterThan(0);
    }
    const convert = size.steps.find((s) => s.step === 'convert')!;
    expect((convert.detail as { totals: { read: number } }).totals.read).toBe(1500);
    expect(size.targets.map((t) => t.name)).toContain('convert records/s');
    expect(r.machine.cpus).toBeGreaterThan(0);
    expect(stdout).toContain('| step | seconds | records/s |');
  }, 120_000);
});
