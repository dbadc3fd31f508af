import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A fresh folder in the temp folder, removed when the test file that made it is done (an
 * `afterAll` of the importing file). The run's globalSetup fails a run that leaves any `chukan-*`
 * entry behind (test/setup/global.ts).
 */
export function tempDir(prefix = 'chukan-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
