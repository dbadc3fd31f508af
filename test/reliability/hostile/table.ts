/**
 * The hostile-case table: every case is one row of docs/RELIABILITY.md (rendered by
 * `npm run docs:hostile`, checked by test/reliability/hostile.test.ts) and one test. A case builds
 * its inputs in a fresh directory, runs one chukan command, and must end exactly in `expect`: an
 * exit code, the error code of the one-line message (exit 2), and finding codes in what it wrote.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../helpers/run.ts';

/** The repository (not imported from helpers/run.ts: the doc script loads this table outside vitest). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export type Area =
  | 'own input' | 'workbook' | 'crash' | 'stale output' | 'delivery' | 'job fence' | 'message'
  | 'euc-jp' | 'fixed-length' | 'unit' | 'gaiji scan';

export interface Expect {
  exit: 0 | 1 | 2 | 130;
  /** The ChukanError code ending the one stderr line (exit 2). */
  error?: string;
  /** Finding codes that must be in `findingsIn` (a file the run wrote, relative to the case directory) or stdout. */
  findings?: string[];
  findingsIn?: string;
}

export interface CaseRun {
  /** Arguments after `chukan`. */
  args: string[];
  /** Working directory (default: the case directory). */
  cwd?: string;
  /** Run as a child process (bin/chukan.js); default in-process through main(). */
  child?: boolean;
  /** Measure the child's peak RSS (implies child). */
  measure?: boolean;
}

export interface HostileCase {
  id: string;
  area: Area;
  /** What the case does, for the table. */
  about: string;
  expect: Expect;
  /** Builds the inputs in `dir` and says how to run. */
  setup(dir: string): CaseRun | Promise<CaseRun>;
  /** Further checks once the run ended as expected (inputs unchanged, memory, files left…). */
  verify?(r: RunResult, dir: string): void | Promise<void>;
}

export function outcome(e: Expect): string {
  const parts = [`exit ${e.exit}`];
  if (e.error) parts.push(e.error);
  if (e.findings?.length) parts.push(`finding ${e.findings.join(', ')}`);
  return parts.join(' · ');
}

// ---- small helpers for setups ------------------------------------------------------------------

export const SAMPLE = (p: string) => join(ROOT, p);
export function write(dir: string, rel: string, data: string | Uint8Array): string {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, data);
  return p;
}
export function copy(dir: string, from: string, rel: string): string {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  cpSync(SAMPLE(from), p, { recursive: true });
  return p;
}
export const read = (p: string) => readFileSync(p);
