import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

it("`import { convert, peek } from 'chukan'` works from a plain Node program (the README example)", () => {
  const out = execFileSync(process.execPath, ['test/api/fixtures/library-smoke.mjs'], { cwd: ROOT, encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop()!);
  expect(r.exitCode).toBe(1); // the sample holds broken records on purpose
  const [read, written, rejected, duplicates] = r.files[0];
  expect(read).toBe(written + rejected + duplicates);
  expect(duplicates).toBeGreaterThan(0);
  expect(r.records[0]).toEqual([1, 1, 0, 20]); // the header row, as the reader sees it
});
