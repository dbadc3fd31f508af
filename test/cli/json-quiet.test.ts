import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.ts';
import { runCli } from '../helpers/cli.ts';

/**
 * `--json` and `--quiet` on real runs of every verb: --json is machine output on stdout (one
 * document, or one JSON object per line where the verb streams records), --quiet leaves stdout
 * empty (peek's records excepted: they are what it is for).
 */
const repo = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'chukan-cli-json-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const W = (p: string) => join(work, p);
const kojinMapping = join(repo, 'mappings/vendor-a/juki-kojin.yaml');
const jumin = join(repo, 'samples/vendor-a/JUMIN.csv');

beforeAll(async () => {
  // Standard-layout files and unit directories the later verbs read.
  const c = await runCli(['convert', '--mapping', kojinMapping, '--in', jumin, '--out', W('conv'), '--quiet'], repo);
  expect([0, 1]).toContain(c.code);
  const u = await runCli(['convert', '--mapping', kojinMapping, '--in', jumin, '--out', W('unit0'), '--unit', '0/1', '--quiet'], repo);
  expect([0, 1]).toContain(u.code);
  const e = await runCli(['layouts', 'export', 'juki/kojin', '--format', 'csv', '--out', W('kojin-book.csv'), '--quiet'], repo);
  expect(e.code).toBe(0);
}, 120_000);

/** Per verb: arguments for a real run; `out` makes a fresh output path per run. */
const runs: Record<string, (out: (name: string) => string) => string[]> = {
  convert: (o) => ['convert', '--mapping', kojinMapping, '--in', jumin, '--out', o('c'), '--limit', '40'],
  validate: () => ['validate', '--layout', 'juki/kojin', W('conv/JUKI_KOJIN.csv')],
  peek: () => ['peek', jumin, '--limit', '2'],
  transcode: (o) => ['transcode', join(repo, 'samples/vendor-a/SETAI.csv'), '--from', 'cp932', '--to', 'utf-8', '--out', o('t.csv')],
  'mapping check': () => ['mapping', 'check', kojinMapping],
  'mapping init': (o) => ['mapping', 'init', '--layout', 'juki/kojin', '--sample', jumin, '--out', o('m.yaml')],
  'fixed inspect': () => ['fixed', 'inspect', join(repo, 'samples/fixed-jutogai/JUTOGAI.dat'), '--layout', join(repo, 'mappings/fixed/jutogai.layout.yaml'), '--limit', '2'],
  'gaiji scan': () => ['gaiji', 'scan', jumin],
  'gaiji table': () => ['gaiji', 'table', join(repo, 'mappings/vendor-a/gaiji.csv')],
  dedup: (o) => ['dedup', '--layout', 'juki/kojin', W('conv/JUKI_KOJIN.csv'), '--out', o('d'), '--no-nayose'],
  manifest: (o) => ['manifest', W('conv'), '--out', o('manifest.json')],
  check: (o) => ['check', W('conv'), '--out', o('chk')],
  merge: (o) => ['merge', W('unit0'), '--out', o('m')],
  'layouts list': () => ['layouts', 'list'],
  'layouts show': () => ['layouts', 'show', 'juki/kojin'],
  'layouts import': (o) => ['layouts', 'import', W('kojin-book.csv'), '--out', o('imp')],
  'layouts export': (o) => ['layouts', 'export', 'juki/kojin', '--format', 'md', '--out', o('k.md')],
};
const streamsLines = new Set(['peek', 'fixed inspect']);

describe('--json and --quiet on every verb', () => {
  it('has a real run for every verb', () => {
    expect(Object.keys(runs).sort()).toEqual(commands.map((c) => c.name).sort());
  });

  let n = 0;
  const fresh = () => {
    const d = W(`run${n++}`);
    mkdirSync(d);
    return (name: string) => join(d, name);
  };

  for (const verb of Object.keys(runs)) {
    it(`${verb}: --json prints JSON on stdout, --quiet prints nothing there`, async () => {
      const json = await runCli([...runs[verb]!(fresh()), '--json'], repo);
      expect([0, 1], `${verb} --json: ${json.stderr}`).toContain(json.code);
      const docs = streamsLines.has(verb) ? json.stdout.trimEnd().split('\n') : [json.stdout];
      for (const d of docs) expect(() => JSON.parse(d), `${verb}: ${d.slice(0, 200)}`).not.toThrow();
      expect(json.stdout.length).toBeGreaterThan(2);

      const quiet = await runCli([...runs[verb]!(fresh()), '--quiet'], repo);
      expect(quiet.code, `${verb} --quiet: ${quiet.stderr}`).toBe(json.code);
      if (verb === 'peek') expect(quiet.stdout).toMatch(/^record 1 /);
      else expect(quiet.stdout, verb).toBe('');
      expect(quiet.stderr, verb).not.toMatch(/\[E_[A-Z_]+\]/);
    }, 60_000);
  }
});
