import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { ROOT, runChukan, STACK_LINE, tmp, type RunResult } from './helpers/run.ts';
import { HOSTILE_CASES, withTable } from './hostile/index.ts';

/**
 * The hostile table (test/reliability/hostile/): each case must end exactly as its row of
 * docs/RELIABILITY.md says — the exit code, the one stderr line with its error code, the findings —
 * never a stack trace or E_INTERNAL.
 */
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

it('docs/RELIABILITY.md holds the table of every hostile case (npm run docs:hostile)', () => {
  const doc = readFileSync(join(ROOT, 'docs/RELIABILITY.md'), 'utf8');
  expect(doc).toBe(withTable(doc));
  expect(new Set(HOSTILE_CASES.map((c) => c.id)).size, 'ids are unique').toBe(HOSTILE_CASES.length);
});

describe.concurrent('hostile cases', () => {
  it.each(HOSTILE_CASES.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const dir = tmp('chukan-hostile-');
    dirs.push(dir);
    const run = await c.setup(dir);
    const cwd = run.cwd ?? dir;
    const r: RunResult = run.child || run.measure
      ? await runChukan(run.args, { cwd, measure: run.measure })
      : { ...(await runCli(run.args, cwd)), signal: null };
    expect(r.stderr, 'no stack trace').not.toMatch(STACK_LINE);
    expect(r.stderr).not.toContain('E_INTERNAL');
    expect(r.code, r.stderr).toBe(c.expect.exit);
    if (c.expect.error) {
      const last = r.stderr.trimEnd().split('\n').at(-1) ?? '';
      expect(last).toMatch(new RegExp(`^chukan [a-z ]+: .+ \\[${c.expect.error}\\]$`));
    }
    if (c.expect.findings?.length) {
      const text = c.expect.findingsIn ? readFileSync(join(dir, c.expect.findingsIn), 'utf8') : r.stdout;
      for (const code of c.expect.findings) expect(text, code).toContain(code);
    }
    await c.verify?.(r, dir);
  }, 120_000);
});
