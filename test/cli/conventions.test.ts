import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.ts';
import { longNames } from '../../src/cli/options.ts';
import { compileLayout, loadLayout } from '../../src/layouts/index.ts';
import { csvLine, kojinRow, randomPerson, rng } from '../../bench/dedup.ts';
import { runCli } from '../helpers/cli.ts';

/**
 * One CLI convention across every verb, checked from the outside: what `--help` prints against
 * what the command line really accepts, and what every bad invocation prints.
 */
const verbs = commands.map((c) => c.name);
const repo = resolve(import.meta.dirname, '../..');
const kojinLayout = compileLayout(loadLayout('juki/kojin'));

/** A standard-layout 住基 個人 file of `n` synthetic people (header of item names). */
function kojinFile(name: string, n: number): string {
  const rand = rng(11);
  const ids = kojinLayout.fields.map((f) => f.id);
  const rows = Array.from({ length: n }, (_, i) => csvLine(kojinRow(ids, { ...randomPerson(rand, i), atenaNo: String(100000000 + i).padStart(15, '0') })));
  const path = join(work, name);
  writeFileSync(path, csvLine(kojinLayout.fields.map((f) => f.title)) + rows.join(''));
  return path;
}
const work = mkdtempSync(join(tmpdir(), 'chukan-cli-conv-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Option names on the option lines of a help text (labels and "(alias: …)" lines). */
function documentedOptions(help: string): Set<string> {
  const names = new Set<string>();
  let inOptions = false;
  for (const line of help.split('\n')) {
    if (/^(Common options.*|Options):$/.test(line)) { inOptions = true; continue; }
    if (line.trim() === '') { inOptions = false; continue; }
    if (!inOptions) continue;
    const label = /^ {2}(-[a-z], )?--/.test(line) ? line.trim().split(/ {2,}/)[0]! : '';
    const alias = /^\s+\(alias: (.*)\)$/.exec(line)?.[1] ?? '';
    for (const m of `${label} ${alias}`.matchAll(/--([a-z][a-z0-9-]*)/g)) names.add(m[1]!);
  }
  return names;
}

/** Option names in the Usage lines (prose elsewhere may name other commands' options). */
function usageOptions(help: string): Set<string> {
  const usage = help.split('\n\n')[0]!;
  return new Set([...usage.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1]!));
}

async function help(verb: string): Promise<string> {
  const r = await runCli([...verb.split(' '), '--help'], work);
  expect(r.code, verb).toBe(0);
  return r.stdout;
}

/** Whether the verb's real command line knows `--name` (anything but "unknown option"). */
async function accepts(verb: string, name: string): Promise<boolean> {
  const r = await runCli([...verb.split(' '), `--${name}`, '1'], work);
  return !/unknown option/.test(r.stderr);
}

describe('every verb', () => {
  it('documents in --help exactly the options it accepts', async () => {
    const helps = new Map<string, string>();
    for (const v of verbs) helps.set(v, await help(v));
    // Candidates: every name any help documents or any verb declares, and the names the
    // convention is about, so an option one verb lacks is tried on it too.
    const candidates = new Set<string>(['from', 'charset', 'header', 'no-header', 'json', 'quiet', 'log-level', 'log-file', 'limit', 'help']);
    for (const [, h] of helps) for (const n of documentedOptions(h)) candidates.add(n);
    for (const c of commands) for (const [n, o] of Object.entries(c.options)) for (const l of longNames(n, o)) candidates.add(l);
    const mismatches: string[] = [];
    for (const v of verbs) {
      const documented = documentedOptions(helps.get(v)!);
      const accepted = new Set<string>();
      for (const n of candidates) if (await accepts(v, n)) accepted.add(n);
      for (const n of accepted) if (!documented.has(n)) mismatches.push(`${v}: accepts --${n} but --help does not document it`);
      for (const n of documented) if (!accepted.has(n)) mismatches.push(`${v}: --help documents --${n} but it is refused`);
      for (const n of usageOptions(helps.get(v)!)) if (!accepted.has(n)) mismatches.push(`${v}: usage line names --${n} but it is refused`);
    }
    expect(mismatches).toEqual([]);
    expect(candidates.size).toBeGreaterThan(40);
  }, 120_000);

  it('takes the common options --json, --quiet, --log-level, --log-file and --help', async () => {
    for (const v of verbs) {
      const documented = documentedOptions(await help(v));
      for (const n of ['json', 'quiet', 'log-level', 'log-file', 'help']) expect(documented.has(n), `${v} --${n}`).toBe(true);
    }
  });

  it('answers `chukan help VERB` with exactly `chukan VERB --help`', async () => {
    for (const v of verbs) {
      const r = await runCli(['help', ...v.split(' ')], work);
      expect(r.code, v).toBe(0);
      expect(r.stdout, v).toBe(await help(v));
      expect(r.stdout, v).toMatch(new RegExp(`^Usage: chukan ${v} `));
    }
  });

  it('ends every bad invocation in one chukan line naming the option, exit 2', async () => {
    const nodeText = /To specify a positional|ERR_PARSE_ARGS|TypeError|argument missing|does not take an argument|\n\s+at /;
    const cases: Array<[string[], RegExp]> = [];
    for (const c of commands) {
      const w = c.name.split(' ');
      cases.push([[...w, '--no-such-option'], /unknown option --no-such-option/]);
      cases.push([[...w, '--bogus="x'], /unknown option --bogus/]);
      cases.push([[...w, '-Z'], /unknown option -Z/]);
      cases.push([[...w, '--json=yes'], /--json takes no value/]);
      cases.push([[...w, '--log-level', 'loud'], /--log-level must be one of .*got "loud"/]);
      for (const [n, o] of Object.entries(c.options)) {
        if (o.type === 'flag') continue;
        cases.push([[...w, `--${n}`], new RegExp(`--${n} needs a value`)]);
        if (o.type === 'int' || o.type === 'number') cases.push([[...w, `--${n}`, '12abc'], new RegExp(`--${n} takes a (whole )?number.*got "12abc"`)]);
      }
    }
    for (const [argv, message] of cases) {
      const r = await runCli(argv, work);
      const shown = argv.join(' ');
      expect(r.code, shown).toBe(2);
      expect(r.stdout, shown).toBe('');
      expect(r.stderr.trimEnd().split('\n'), shown).toHaveLength(1);
      expect(r.stderr, shown).toMatch(new RegExp(`^chukan ${argv[0]}.*: .*\\[E_USAGE\\]\\n$`));
      expect(r.stderr, shown).toMatch(message);
      expect(r.stderr, shown).not.toMatch(nodeText);
    }
    expect(cases.length).toBeGreaterThan(100);
  });

  it('says what is wrong with missing arguments and required options', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['peek'], /^chukan peek: takes exactly one FILE, got none/],
      [['peek', 'a', 'b'], /^chukan peek: takes exactly one FILE, got 2: "a" "b"/],
      [['dedup', 'x.csv', '--out', 'o'], /^chukan dedup: --layout L is required/],
      [['validate', '--layout', 'juki/kojin'], /^chukan validate: takes at least one FILE, got none/],
      [['layouts', 'list', 'extra'], /^chukan layouts list: takes no arguments besides options \(got "extra"/],
      [['mapping', 'check'], /^chukan mapping check: takes at least one MAPPING, got none/],
      [['peek', 'x.csv', '--form', 'cp932'], /unknown option --form \(did you mean --from\?\)/],
      [['dedup', '--policy', 'newest'], /--policy must be one of keep-first, .*\(got "newest"\)/],
      [['fixed', 'inspect', 'f', '-l', 'l', '-n', '0'], /-n \(--limit\) takes a whole number ≥ 1 \(got "0"\)/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv, work);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.stderr, argv.join(' ')).toMatch(message);
    }
  });
});

describe('README and docs', () => {
  /** Every `chukan VERB … --opt` in inline code or a code block of README.md and docs/*.md. */
  function mentions(): Array<{ file: string; text: string; verb: string; options: string[] }> {
    const files = ['README.md', ...readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    const out = [];
    for (const file of files) {
      const text = readFileSync(join(repo, file), 'utf8');
      const spans = [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
      for (const block of text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) spans.push(...block[1]!.split('\n'));
      for (const span of spans) {
        const m = /(?:^|\s)chukan ([a-z]+)(?: ([a-z]+))?(.*)$/.exec(span);
        if (!m) continue;
        const verb = verbs.find((v) => v === `${m[1]} ${m[2]}`) ?? verbs.find((v) => v === m[1]);
        if (!verb) continue;
        // Only what follows `chukan VERB` is its invocation; prose before it may name other options.
        out.push({ file, text: span, verb, options: [...(verb.includes(' ') ? m[3]! : `${m[2] ?? ''}${m[3]}`).matchAll(/--([a-z][a-z0-9-]*)/g)].map((o) => o[1]!) });
      }
    }
    return out;
  }

  it('name only options that their command accepts, and every verb is in the Commands table', async () => {
    const found = mentions();
    expect(found.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const m of found) for (const o of m.options) if (!(await accepts(m.verb, o))) wrong.push(`${m.file}: "${m.text}": chukan ${m.verb} has no --${o}`);
    expect(wrong).toEqual([]);
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Commands'), readme.indexOf('### Exit codes'));
    for (const v of verbs) {
      const [first, second] = v.split(' ');
      const rows = table.split('\n').filter((l) => l.startsWith('| `chukan') && l.includes(`chukan ${first}`));
      expect(rows.some((l) => !second || new RegExp(`\\b${second}\\b`).test(l.split(' | ')[0]!)), v).toBe(true);
    }
  });
});

describe('verb groups', () => {
  for (const group of ['layouts', 'mapping', 'fixed', 'gaiji']) {
    it(`${group}: --help, no subcommand and "help ${group}" print the group's help, exit 0`, async () => {
      const members = verbs.filter((v) => v.startsWith(`${group} `));
      expect(members.length).toBeGreaterThan(0);
      const outputs = [];
      for (const argv of [[group], [group, '--help'], [group, '-h'], ['help', group]]) {
        const r = await runCli(argv, work);
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.stderr).toBe('');
        outputs.push(r.stdout);
      }
      expect(new Set(outputs).size).toBe(1);
      expect(outputs[0]).toMatch(new RegExp(`^Usage: chukan ${group} <subcommand>`));
      for (const m of members) expect(outputs[0]).toContain(m);
      const bad = await runCli([group, 'frobnicate'], work);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(new RegExp(`^chukan ${group}: unknown subcommand "frobnicate" \\(one of .*\\) \\[E_USAGE\\]\\n$`));
    });
  }
});

describe('one name per idea', () => {
  const csv = join(work, 'two.csv');
  writeFileSync(csv, 'a,b\n1,2\n3,4\n');

  it('--from is the charset flag; --charset is its alias everywhere', async () => {
    const viaFrom = await runCli(['peek', csv, '--from', 'utf-8', '--json'], work);
    const viaCharset = await runCli(['peek', csv, '--charset', 'utf-8', '--json'], work);
    expect(viaFrom.code).toBe(0);
    expect(viaCharset.stdout).toBe(viaFrom.stdout);
    expect(viaCharset.stderr).toBe(viaFrom.stderr);
    for (const v of verbs) {
      const h = await help(v);
      if (!documentedOptions(h).has('from')) continue;
      expect(documentedOptions(h).has('charset'), `${v} documents the --charset alias`).toBe(true);
      expect(h, v).toMatch(/\(alias: --charset CHARSET, still accepted\)/);
    }
  });

  it('--header and --no-header are both accepted wherever one is, the last one winning', async () => {
    let verbsWithHeader = 0;
    for (const v of verbs) {
      const d = documentedOptions(await help(v));
      if (!d.has('header') && !d.has('no-header')) continue;
      verbsWithHeader++;
      expect([v, d.has('header'), d.has('no-header')]).toEqual([v, true, true]);
    }
    expect(verbsWithHeader).toBeGreaterThanOrEqual(4);
    // gaiji scan: the header row names columns and is not scanned.
    const pua = join(work, 'pua.csv');
    writeFileSync(pua, Buffer.from([0x41, 0x2c, 0x42, 0x0a, 0xf0, 0x40, 0x2c, 0x43, 0x0a]));
    const withHeader = JSON.parse((await runCli(['gaiji', 'scan', pua, '--no-header', '--header', '--json'], work)).stdout);
    const without = JSON.parse((await runCli(['gaiji', 'scan', pua, '--header', '--no-header', '--json'], work)).stdout);
    expect(withHeader[0].locations[0].field).toBe('A');
    expect(without[0].locations[0].field).toBe('#1');
  });

  it('--limit N reads only N records where records are read', async () => {
    const many = join(work, 'many.csv');
    writeFileSync(many, Array.from({ length: 50 }, (_, i) => `r${i},\uE000`).join('\n') + '\n');
    const r = await runCli(['gaiji', 'scan', many, '--from', 'utf-8', '--limit', '7', '--json'], work);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].count).toBe(7);
    const peek = await runCli(['peek', many, '--limit', '3', '--json'], work);
    expect(peek.stdout.trimEnd().split('\n')).toHaveLength(3);

    const kojin = kojinFile('limit.csv', 9);
    const v = await runCli(['validate', '--layout', 'juki/kojin', kojin, '--limit', '4', '--json'], work);
    const report = JSON.parse(v.stdout);
    expect([report.limit, report.files[0].read, report.files[0].limitReached, report.files[0].complete]).toEqual([4, 4, true, false]);
    const whole = JSON.parse((await runCli(['validate', '--layout', 'juki/kojin', kojin, '--limit', '9', '--json'], work)).stdout);
    expect([whole.files[0].read, whole.files[0].limitReached, whole.files[0].complete]).toEqual([9, undefined, true]);
    const text = await runCli(['validate', '--layout', 'juki/kojin', kojin, '--limit', '4'], work);
    expect(text.stdout).toMatch(/limit\.csv: 4 records, \d+ with errors \(first 4 records: --limit\)/);

    const d = await runCli(['dedup', '--layout', 'juki/kojin', kojin, '--out', join(work, 'dedup-limit'), '--limit', '5', '--no-nayose', '--json'], work);
    const dr = JSON.parse(d.stdout);
    expect([dr.limit, dr.files[0].read, dr.files[0].limitReached]).toEqual([5, 5, true]);
    // The kept file holds the header and the five records read (no duplicates among them).
    expect(readFileSync(join(work, 'dedup-limit', 'limit.csv'), 'utf8').trimEnd().split(/\r?\n/)).toHaveLength(6);
  });
});

describe('numbers', () => {
  it('human summaries print thousands separators; --json keeps plain numbers', async () => {
    const kojin = kojinFile('big.csv', 1234);
    const text = await runCli(['validate', '--layout', 'juki/kojin', kojin], work);
    expect(text.stdout).toMatch(/^big\.csv: 1,234 records, [\d,]+ with errors$/m);
    const json = await runCli(['validate', '--layout', 'juki/kojin', kojin, '--json'], work);
    expect(json.stdout).toMatch(/"read": 1234,/);
    expect(json.stdout).not.toMatch(/1,234/);
    const d = await runCli(['dedup', '--layout', 'juki/kojin', kojin, '--out', join(work, 'dedup-big'), '--no-nayose'], work);
    expect(d.stdout).toMatch(/big\.csv: read 1,234 = written [\d,]+ \+ rejected \d+ \+ duplicates \d+/);
    const dj = JSON.parse((await runCli(['dedup', '--layout', 'juki/kojin', kojin, '--out', join(work, 'dedup-big2'), '--no-nayose', '--json'], work)).stdout);
    expect(dj.files[0].read).toBe(1234);
  });
});

describe('logging options', () => {
  const out = join(work, 'dedup-out');
  const input = join(work, 'JUKI_KOJIN.csv');

  it('dedup takes --log-level and --log-file like every verb', async () => {
    mkdirSync(out, { recursive: true });
    writeFileSync(input, readFileSync(kojinFile('dedup-src.csv', 6)));
    const log = join(work, 'dedup.log');
    const r = await runCli(['dedup', '--layout', 'juki/kojin', input, '--out', out, '--log-level', 'info', '--log-file', log, '--quiet'], work);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.some((l) => l.command === 'dedup' && l.msg === 'command finished' && l.exitCode === r.code)).toBe(true);
  });

  it('--log-file DIR is a usage error naming the directory, exit 2, for every verb', async () => {
    for (const v of ['dedup', 'convert', 'check', 'layouts list', 'peek']) {
      const r = await runCli([...v.split(' '), '--log-file', work, ...(v === 'layouts list' ? [] : ['x'])], work);
      if (v === 'dedup') continue; // its required options come first; covered below
      expect(r.code, v).toBe(2);
      expect(r.stderr, v).toBe(`chukan ${v}: --log-file ${work} is a directory; give a file to append the logs to [E_USAGE]\n`);
    }
    const d = await runCli(['dedup', '--layout', 'juki/kojin', input, '--out', out, '--log-file', work], work);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/^chukan dedup: --log-file .* is a directory; give a file to append the logs to \[E_USAGE\]\n$/);
    const missing = await runCli(['peek', 'x', '--log-file', join(work, 'no/such/dir/log')], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^chukan peek: cannot write output .*no\/such\/dir\/log: --log-file: its directory does not exist \[E_OUTPUT_NOT_WRITABLE\]\n$/);
  });
});
