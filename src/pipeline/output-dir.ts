import { access, constants, mkdir, stat } from 'node:fs/promises';
import { InputNotFoundError, OutputNotWritableError } from '../core/errors.ts';

/** Creates the output directory (and `sub` folders) and proves it writable before any work starts. */
export async function prepareOutputDir(dir: string, subdirs: string[] = []): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const s of subdirs) await mkdir(`${dir}/${s}`, { recursive: true, mode: 0o700 });
    await access(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new OutputNotWritableError(dir, code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? 'unknown error', { cause: err });
  }
}

/** Size of an input that must exist and be a readable regular file. */
export async function inputSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a file');
    await access(path, constants.R_OK);
    return s.size;
  } catch (err) {
    throw new InputNotFoundError(path, { cause: err });
  }
}
