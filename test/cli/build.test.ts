/**
 * The build in dist/ (scripts/build.mjs) and its use by bin/chukan.js: a fresh build is what runs;
 * in a git checkout a source file whose content changed sends the CLI back to the sources (its
 * modification time alone does not); an installed package always runs dist/; both give the same
 * bytes. Done in a copy of the package so the working tree's own dist/ is left alone.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let pkg: string;

/** Runs the copy's bin/chukan.js; returns exit code and stderr. */
function run(args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [join(pkg, 'bin/chukan.js'), ...args], { cwd: pkg, encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

function chukan(args: string[], env: Record<string, string> = {}): void {
  try {
    execFileSync(process.execPath, [join(pkg, 'bin/chukan.js'), ...args], { cwd: pkg, env: { ...process.env, ...env }, stdio: 'pipe' });
  } catch (err) {
    // convert exits 1 on the demo's planted rejects; anything else is a failure.
    if ((err as { status?: number }).status !== 1) throw err;
  }
}

async function entrySource(): Promise<string> {
  const mod = (await import(`${pathToFileURL(join(pkg, 'lib/load.js')).href}?t=${Date.now()}`)) as { entrySource(): string };
  return mod.entrySource();
}

/** Every output file of a run except report.json (timings) by relative path. */
function outputs(dir: string): Map<string, Buffer> {
  const m = new Map<string, Buffer>();
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (f.endsWith('report.json') || !statSync(join(dir, f)).isFile()) continue;
    m.set(f, readFileSync(join(dir, f)));
  }
  return m;
}

beforeAll(() => {
  pkg = tempDir('chukan-build-');
  for (const d of ['bin', 'lib', 'scripts', 'src', 'schemas', 'tables', 'mappings', 'samples', 'package.json']) {
    cpSync(join(ROOT, d), join(pkg, d), { recursive: true, preserveTimestamps: true });
  }
  // Its own node_modules of links into the real one, so that one package (tsx) can be taken away.
  mkdirSync(join(pkg, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules', name), join(pkg, 'node_modules', name));
  execFileSync(process.execPath, [join(pkg, 'scripts/build.mjs')], { cwd: pkg, stdio: 'pipe' });
}, 120_000);

describe('the build in dist/', () => {
  it('is what bin/chukan.js runs while fresh, and gives the same bytes as the sources', async () => {
    expect(await entrySource()).toBe('dist');
    chukan(['convert', '--job', 'samples/demo.job.yaml', '--out', join(pkg, 'out-dist')]);
    chukan(['convert', '--job', 'samples/demo.job.yaml', '--out', join(pkg, 'out-src')], { CHUKAN_FROM_SOURCE: '1' });
    const a = outputs(join(pkg, 'out-dist'));
    const b = outputs(join(pkg, 'out-src'));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect(a.size).toBeGreaterThan(2);
    for (const [f, bytes] of a) expect(bytes.equals(b.get(f)!), f).toBe(true);
    const report = JSON.parse(readFileSync(join(pkg, 'out-dist', 'report.json'), 'utf8')) as { files: { read: number; reconciled: boolean }[] };
    expect(report.files.every((f) => f.reconciled && f.read > 0)).toBe(true);
  });

  it('in a git checkout, is set aside as soon as the content of a source file changes, and not for its modification time', async () => {
    mkdirSync(join(pkg, '.git'));
    const f = join(pkg, 'src/mapping/compile.ts');
    const text = readFileSync(f, 'utf8');
    try {
      expect(await entrySource()).toBe('dist');
      const later = new Date(statSync(f).mtimeMs + 5000);
      utimesSync(f, later, later);
      expect(await entrySource()).toBe('dist');
      appendFileSync(f, '\n// changed\n');
      expect(await entrySource()).toBe('src');
      execFileSync(process.execPath, [join(pkg, 'scripts/build.mjs')], { cwd: pkg, stdio: 'pipe' });
      expect(await entrySource()).toBe('dist');
      writeFileSync(f, text);
      expect(await entrySource()).toBe('src');
      execFileSync(process.execPath, [join(pkg, 'scripts/build.mjs')], { cwd: pkg, stdio: 'pipe' });
      expect(await entrySource()).toBe('dist');
      // A source file the build was made from is gone.
      rmSync(join(pkg, 'src/core/mask.ts'));
      expect(await entrySource()).toBe('src');
    } finally {
      writeFileSync(f, text);
      cpSync(join(ROOT, 'src/core/mask.ts'), join(pkg, 'src/core/mask.ts'));
    }
    expect(await entrySource()).toBe('dist');
    rmSync(join(pkg, '.git'), { recursive: true });
  });

  it('in an installed package (no .git), runs dist/ whatever happens to src/, and needs no tsx', async () => {
    const f = join(pkg, 'src/mapping/compile.ts');
    const text = readFileSync(f, 'utf8');
    rmSync(join(pkg, 'node_modules/tsx'));
    try {
      appendFileSync(f, '\n// changed\n');
      expect(await entrySource()).toBe('dist');
      const r = run(['--help']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('convert');
    } finally {
      writeFileSync(f, text);
      symlinkSync(join(ROOT, 'node_modules/tsx'), join(pkg, 'node_modules/tsx'));
    }
  });

  it('in a checkout with changed sources and no tsx: one line saying so, exit 2', async () => {
    mkdirSync(join(pkg, '.git'));
    const f = join(pkg, 'src/mapping/compile.ts');
    const text = readFileSync(f, 'utf8');
    rmSync(join(pkg, 'node_modules/tsx'));
    try {
      appendFileSync(f, '\n// changed\n');
      const r = run(['--help']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('chukan: a source file has changed since dist/ was built, and running the TypeScript sources needs tsx (a devDependency): run `npm ci`, or `npm run build` to rebuild dist/ [E_NO_BUILD]\n');
    } finally {
      writeFileSync(f, text);
      symlinkSync(join(ROOT, 'node_modules/tsx'), join(pkg, 'node_modules/tsx'));
      rmSync(join(pkg, '.git'), { recursive: true });
    }
  });

  it('has a range worker that runs on its own, without the TypeScript loader', async () => {
    const input = join(pkg, 'samples/vendor-a/JUMIN.csv');
    const w = new Worker(pathToFileURL(join(pkg, 'dist/worker-range.js')));
    const messages: { type: string; stats?: { read: number; written: number; rejected: number } }[] = [];
    const done = new Promise<void>((res, rej) => {
      w.on('message', (m: { type: string; message?: string }) => {
        messages.push(m);
        if (m.type === 'done') res();
        if (m.type === 'error') rej(new Error(m.message));
      });
      w.on('error', rej);
    });
    w.postMessage({
      id: 0, path: input, file: input, readerFile: input, start: { offset: 0, recordsBefore: 0, line: 1 }, end: statSync(input).size,
      csv: { charset: 'cp932', columns: 'first' }, header: true, job: { kind: 'convert', mappingPath: join(pkg, 'mappings/vendor-a/juki-kojin.yaml') },
      output: { charset: 'utf-8', newline: '\r\n' }, rejects: true, rejectsHeader: true,
    });
    try {
      await done;
    } finally {
      await w.terminate();
    }
    const stats = messages.at(-1)!.stats!;
    expect(stats.read).toBeGreaterThan(10);
    expect(stats.written + stats.rejected).toBe(stats.read);
    expect(messages.some((m) => m.type === 'part')).toBe(true);
  });
});
