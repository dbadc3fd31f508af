// Where chukan's code is loaded from. An installed package runs the build in dist/. A git
// checkout (a .git beside package.json) runs dist/ only while it is fresh — every source file it
// was built from, listed in dist/build-info.json, still has the content it had then (one SHA-256
// over their paths and bytes; modification times are not looked at) — else the TypeScript sources
// through tsx, a devDependency. CHUKAN_FROM_SOURCE=1 forces the sources. Both run the same code.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const dist = new URL('../dist/', import.meta.url);

/** Hash of the given source files (paths relative to the package root), as the build records it. */
export function sourcesSha256(files) {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(readFileSync(new URL(f, root))).update('\0');
  return h.digest('hex');
}

/** 'dist' or 'src', and why the sources when it is 'src'. */
export function entryDecision() {
  if (process.env.CHUKAN_FROM_SOURCE === '1') return { source: 'src', reason: 'CHUKAN_FROM_SOURCE=1 asks for the sources' };
  let info;
  try {
    info = JSON.parse(readFileSync(new URL('build-info.json', dist), 'utf8'));
  } catch {
    return { source: 'src', reason: 'there is no build in dist/' };
  }
  // Only a checkout is edited: an installed package has nothing newer than its build.
  if (!existsSync(new URL('.git', root))) return { source: 'dist' };
  try {
    if (sourcesSha256(info.sources) === info.sourcesSha256) return { source: 'dist' };
  } catch {
    // A source file the build listed is gone: the build is stale.
  }
  return { source: 'src', reason: 'a source file has changed since dist/ was built' };
}

/** 'dist' when the build is what runs, else 'src'. */
export function entrySource() {
  return entryDecision().source;
}

/** Thrown when the sources must run and tsx is not installed; the CLI prints its message, exit 2. */
export class SourceLoaderMissingError extends Error {
  code = 'E_NO_BUILD';
}

/** Imports `entry` ('chukan' = the CLI, 'index' = the library) from dist/ or its source module. */
export async function loadEntry(entry) {
  const decision = entryDecision();
  if (decision.source === 'dist') return import(new URL(`${entry}.js`, dist).href);
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    throw new SourceLoaderMissingError(`${decision.reason}, and running the TypeScript sources needs tsx (a devDependency): run \`npm ci\`, or \`npm run build\` to rebuild dist/`);
  }
  tsx.register();
  const source = entry === 'chukan' ? '../src/cli/main.ts' : '../src/index.ts';
  return import(new URL(source, import.meta.url).href);
}
