import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../helpers/temp.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'bin/chukan.js');
export const PEAK_RSS = fileURLToPath(new URL('./peak-rss.mjs', import.meta.url));

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak RSS of the child in bytes (when `measure` was set). */
  peakRss?: number;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Extra node flags (e.g. --import a preload). */
  nodeArgs?: string[];
  /** Run under this command prefix (e.g. ['unshare', '-n']). */
  prefix?: string[];
  measure?: boolean;
  /** Called once the child is spawned (to kill or signal it). */
  onSpawn?: (child: ChildProcess) => void;
}

export function tmp(prefix = 'chukan-rel-'): string {
  return tempDir(prefix);
}

/** Runs `node bin/chukan.js …args` as a child process and collects its output. */
export function runChukan(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const hwmFile = opts.measure ? join(tmp('chukan-hwm-'), 'hwm') : undefined;
  const nodeArgs = [...(opts.nodeArgs ?? []), ...(hwmFile ? ['--import', PEAK_RSS] : [])];
  const argv = [...(opts.prefix ?? []), process.execPath, ...nodeArgs, BIN, ...args];
  const child = spawn(argv[0], argv.slice(1), {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...(hwmFile ? { CHUKAN_TEST_HWM_FILE: hwmFile } : {}), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d) => { stdout += d; });
  child.stderr!.setEncoding('utf8').on('data', (d) => { stderr += d; });
  opts.onSpawn?.(child);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const r: RunResult = { code, signal, stdout, stderr };
      if (hwmFile) {
        try { r.peakRss = Number(readFileSync(hwmFile, 'utf8')) * 1024; } catch { /* killed: no reading */ }
        rmSync(join(hwmFile, '..'), { recursive: true, force: true });
      }
      resolve(r);
    });
  });
}

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** A stack trace line as Node prints them. */
export const STACK_LINE = /^\s+at .+[(:]\d+/m;

/** Rows of a CSV file chukan wrote (UTF-8, optional BOM), parsed with chukan's own reader. */
export async function readCsvRows(path: string): Promise<string[][]> {
  const { createCsvReader } = await import('../../../src/readers/index.ts');
  const { getCharset } = await import('../../../src/encoding/index.ts');
  const r = createCsvReader({ file: path, charset: getCharset('utf-8') });
  const rows: string[][] = [];
  for (const b of [r.push(readFileSync(path)), r.end()]) for (const rec of b.records) rows.push(rec.fields);
  return rows;
}
