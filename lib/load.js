// Where chukan's code is loaded from: the build in dist/ while it is fresh (every source file it was
// built from unchanged since), else the TypeScript sources through tsx. CHUKAN_FROM_SOURCE=1 forces
// the sources. A build is an optimisation only: both paths run the same code.
import { readFileSync, statSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);

/** 'dist' when the build is there and fresh, else 'src'. */
export function entrySource() {
  return buildIsFresh() ? 'dist' : 'src';
}

function buildIsFresh() {
  if (process.env.CHUKAN_FROM_SOURCE === '1') return false;
  let info;
  try {
    info = JSON.parse(readFileSync(new URL('build-info.json', dist), 'utf8'));
  } catch {
    return false;
  }
  const root = new URL('../', import.meta.url);
  try {
    for (const s of info.sources) if (statSync(new URL(s.file, root)).mtimeMs !== s.mtimeMs) return false;
  } catch {
    return false;
  }
  return true;
}

/** Imports `entry` ('chukan' = the CLI, 'index' = the library) from dist/ or its source module. */
export async function loadEntry(entry) {
  if (buildIsFresh()) return import(new URL(`${entry}.js`, dist).href);
  const { register } = await import('tsx/esm/api');
  register();
  const source = entry === 'chukan' ? '../src/cli/main.ts' : '../src/index.ts';
  return import(new URL(source, import.meta.url).href);
}
