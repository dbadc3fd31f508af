/**
 * What `npm pack` puts in the tarball (`npm pack --dry-run --json`, scripts off so the working
 * tree's dist/ is left alone): the built CLI and library, the data chukan reads at run time, the
 * docs, README and LICENSE — and no tests, benchmarks or build scripts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let files: string[];

beforeAll(() => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  files = (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
}, 120_000);

/** Files of the working tree under `dir` that git tracks. */
function tracked(dir: string): string[] {
  return execFileSync('git', ['ls-files', dir], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('the npm tarball', () => {
  it('holds README.md, the MIT LICENSE and package.json', () => {
    for (const f of ['README.md', 'LICENSE', 'package.json']) expect(files).toContain(f);
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n/);
    expect(license).toContain('Permission is hereby granted, free of charge');
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).license).toBe('MIT');
  });

  it('holds the build in dist/ and what bin/ and lib/ load', () => {
    expect(existsSync(join(ROOT, 'dist/build-info.json')), 'dist/ is built by npm ci').toBe(true);
    for (const f of ['bin/chukan.js', 'lib/load.js', 'lib/index.js', 'dist/chukan.js', 'dist/index.js', 'dist/worker-range.js', 'dist/build-info.json']) expect(files).toContain(f);
    // Every chunk the entries import.
    for (const chunk of readFileSync(join(ROOT, 'dist/chukan.js'), 'utf8').matchAll(/from "\.\/(chunk-[\w-]+\.js)"/g)) expect(files).toContain(`dist/${chunk[1]}`);
  });

  it('holds every tracked file of docs/, schemas/, tables/, samples/, mappings/ and src/', () => {
    for (const dir of ['docs', 'schemas', 'tables', 'samples', 'mappings', 'src']) {
      const want = tracked(dir);
      expect(want.length, dir).toBeGreaterThan(0);
      expect(want.filter((f) => !files.includes(f)), dir).toEqual([]);
    }
  });

  it('depends at run time on every package dist/ imports', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = new Set<string>();
    for (const f of files.filter((x) => /^dist\/.*\.js$/.test(x))) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/(?:from |import\()["']([^."'][^"']*)["']/g)) {
        const name = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0];
        if (!name.startsWith('node:')) imported.add(name);
      }
    }
    // tsx: only in the range worker's boot code for the sources (a checkout), never from dist/.
    imported.delete('tsx');
    expect(imported.size).toBeGreaterThan(3);
    expect([...imported].filter((n) => !(n in pkg.dependencies)).sort()).toEqual([]);
  });

  it('holds no tests, benchmarks, build scripts, CI or outputs', () => {
    expect(files.filter((f) => /^(test|bench|scripts|\.ci|out|node_modules|deploy)\//.test(f))).toEqual([]);
  });
});
