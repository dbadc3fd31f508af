import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A temp file a killed run left: `.NAME.PID.chukan-tmp` (AtomicFileWriter's name for a file being written). */
export interface StaleTemp {
  /** Path of the temp file (as joined from the directory given). */
  file: string;
  /** The output it was going to become. */
  output: string;
  pid: number;
  bytes: number;
}

const TEMP_NAME = /^\.(.+)\.([0-9]+)\.chukan-tmp$/;

/**
 * Whether process `pid` is running. Signal 0 checks without signalling: ESRCH means gone; EPERM
 * means it exists under another user, so it is alive. This process counts as alive (a second run
 * inside one process must never remove the first's files; a dead earlier holder of our own pid is
 * handled by AtomicFileWriter, which replaces its own name).
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes, in `dir` (not below it), the temp files of runs whose process is gone — after a kill -9
 * they would otherwise hold personal data forever under a hidden name — and returns what it
 * removed. A temp file whose process is alive (another run writing into the same directory) is
 * never touched. A directory that does not exist has nothing to sweep.
 */
export async function sweepStaleTemps(dir: string): Promise<StaleTemp[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: StaleTemp[] = [];
  for (const name of names.sort()) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    if (processAlive(pid)) continue;
    const file = join(dir, name);
    const s = await stat(file).catch(() => undefined);
    if (!s?.isFile()) continue;
    try {
      await unlink(file);
    } catch {
      continue; // gone already (another sweeper), or not ours to remove: left as it is
    }
    removed.push({ file, output: m[1], pid, bytes: s.size });
  }
  return removed;
}

/** `removed 2 temp files of killed runs (pid 4242): .JUKI_KOJIN.csv.4242.chukan-tmp (1.2 MB), …` */
export function describeSwept(swept: readonly StaleTemp[]): string {
  const pids = [...new Set(swept.map((s) => s.pid))].join(', ');
  const files = swept.map((s) => `${s.file} (${s.bytes} bytes)`).join(', ');
  return `removed ${swept.length} temp file${swept.length === 1 ? '' : 's'} left by killed runs (pid ${pids}): ${files}`;
}

/** The same list with paths as the report shows them. */
export function shownTemps(swept: readonly StaleTemp[], show: (p: string) => string): StaleTemp[] {
  return swept.map((s) => ({ ...s, file: show(s.file) }));
}
