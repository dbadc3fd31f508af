import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadAllFindingCodes, renderFindingCodesMarkdown } from '../../src/report/finding-catalog.ts';

it('docs/FINDING-CODES.md lists every declared code (run npm run docs:codes after adding one)', async () => {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'FINDING-CODES.md'), 'utf8');
  expect(doc).toBe(await renderFindingCodesMarkdown());
});

it('every code has ja and en messages that render without throwing and stay on one line', async () => {
  const codes = await loadAllFindingCodes();
  expect(codes.size).toBeGreaterThan(50);
  for (const [code, spec] of codes) {
    expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
    for (const m of [spec.ja({}), spec.en({})]) {
      expect(typeof m).toBe('string');
      expect(m).not.toContain('\n');
    }
  }
});
