import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { renderCliReference } from '../../src/cli/reference.ts';

it('docs/CLI.md is what the option declarations render (run npm run docs:cli after changing an option)', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'CLI.md'), 'utf8');
  expect(doc).toBe(renderCliReference());
});
