/**
 * Once per test run (vitest globalSetup):
 * - a private temp folder for the run (TMPDIR, inherited by every test worker and child process),
 *   so that what this run leaves behind can be told from what a run beside it makes; at the end any
 *   `chukan-*` entry still in it fails the run, naming the entries, and the folder is removed;
 * - the headless browser for the report tests, found (and the npm Chromium unpacked) once. When
 *   there is none, the browser tests fail with the reason; they are never skipped.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findHeadlessBrowser, type BrowserInstall } from '../../src/report/headless-browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The browser the report tests launch, or why there is none. */
    headlessBrowser: { install: BrowserInstall } | { missing: string };
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const runTmp = mkdtempSync(join(tmpdir(), 'chukan-test-run-'));
  // Like /tmp (sticky, world-writable): some tests run chukan as an unprivileged user.
  chmodSync(runTmp, 0o1777);
  process.env.TMPDIR = runTmp;
  try {
    project.provide('headlessBrowser', { install: await findHeadlessBrowser() });
  } catch (err) {
    project.provide('headlessBrowser', { missing: (err as Error).message });
  }
  return () => {
    const left = readdirSync(runTmp).filter((n) => n.startsWith('chukan-'));
    rmSync(runTmp, { recursive: true, force: true });
    if (left.length > 0) {
      // vitest only logs an error thrown here; the exit code is what CI reads.
      console.error(`\nFAIL: the test run left ${left.length} chukan-* entr${left.length === 1 ? 'y' : 'ies'} in the temp folder (each test removes what it makes): ${left.sort().join(', ')}\n`);
      process.exitCode = 1;
    }
  };
}
