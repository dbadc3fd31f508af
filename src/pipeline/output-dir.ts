import { access, constants, mkdir, stat } from 'node:fs/promises';
import { InputNotFoundError, OutputNotWritableError } from '../core/errors.ts';
import { describeNotAFile } from '../core/input-kind.ts';
import { sweepStaleTemps, type StaleTemp } from './stale-temps.ts';

/**
 * Creates the output directory (and `sub` folders) and proves it writable before any work starts,
 * then removes the temp files killed runs left in them (stale-temps.ts) and returns those, for the
 * run's summary and report.
 */
export async function prepareOutputDir(dir: string, subdirs: string[] = []): Promise<StaleTemp[]> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const s of subdirs) await mkdir(`${dir}/${s}`, { recursive: true, mode: 0o700 });
    await access(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new OutputNotWritableError(dir, code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? 'unknown error', { cause: err });
  }
  const swept = await sweepStaleTemps(dir);
  for (const s of subdirs) swept.push(...(await sweepStaleTemps(`${dir}/${s}`)));
  return swept;
}

/** Size of an input that must exist and be a readable regular file. */
export async function inputSize(path: string, shown: string = path): Promise<number> {
  let s;
  try {
    s = await stat(path);
  } catch (err) {
    throw new InputNotFoundError(shown, { cause: err });
  }
  // A directory, a FIFO (reading would block) or /dev/zero (never ends) is named for what it is.
  const notFile = describeNotAFile(s);
  if (notFile) throw new InputNotFoundError(shown, { reason: notFile });
  try {
    await access(path, constants.R_OK);
  } catch (err) {
    throw new InputNotFoundError(shown, { cause: err });
  }
  return s.size;
}
