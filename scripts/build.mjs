#!/usr/bin/env node
/**
 * Builds dist/: the CLI, the library entry and the range worker bundled by esbuild into plain
 * ESM JavaScript (dependencies stay external), plus dist/build-info.json listing every source file
 * that went in and one SHA-256 of their paths and contents. In a git checkout, bin/chukan.js and
 * lib/index.js run the build only while that hash still matches (else the sources through tsx), so
 * a stale build never runs there; an installed package runs its build (lib/load.js).
 *
 * Why a build at all: through tsx every thread pays a loader thread, a transform of ~170 modules
 * and ~1.3 CPU s before the first byte is read — a third of a 1M-record convert's CPU budget.
 * Runs from `npm ci`/`npm install` (the `prepare` script) and `npm run build`.
 */
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourcesSha256 } from '../lib/load.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    chukan: 'src/cli/main.ts',
    index: 'src/index.ts',
    'worker-range': 'src/pipeline/worker-range.ts',
  },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const sources = Object.keys(result.metafile.inputs)
  .filter((f) => !f.startsWith('node_modules/'))
  .sort();
const info = { builtAt: new Date().toISOString(), node: process.version, sourcesSha256: sourcesSha256(sources), sources };
writeFileSync(join(dist, 'build-info.json'), JSON.stringify(info, null, 1) + '\n');
console.log(`chukan: built ${relative(root, dist)}/ from ${sources.length} source files`);
