import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory of chukan's own package.json. Found by walking up from this module rather than by
 * a fixed `../..`, because the same code runs from src/ (through tsx) and from the bundles in dist/
 * (one level deep), and the shipped data (schemas/, tables/, package.json) must resolve from both.
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; ) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'chukan') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`chukan's package.json was not found above ${from}`);
    dir = up;
  }
}

export const PACKAGE_ROOT: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the chukan package (e.g. `packagePath('schemas')`). */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
