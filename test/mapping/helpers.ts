import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TRANSFORMS } from '../../src/mapping/transforms/index.ts';
import type { TransformContext, TransformResult } from '../../src/mapping/transforms/types.ts';
import { tempDir } from '../helpers/temp.ts';

export function tmp(): string {
  return tempDir('chukan-mapping-');
}

export function write(dir: string, rel: string, text: string): string {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const ctx: TransformContext = {
  file: 'test.yaml',
  dir: '.',
  readFile: () => {
    throw new Error('no files in unit tests');
  },
};

/** Builds a value transform straight from the registry (arguments as the loader would pass them). */
export function tx(name: string, args: Record<string, unknown> = {}): (v: string) => TransformResult {
  const def = TRANSFORMS.get(name);
  if (!def || def.kind !== 'value') throw new Error(`no value transform ${name}`);
  return def.create(args, ctx);
}
