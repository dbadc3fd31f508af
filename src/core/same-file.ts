import { stat } from 'node:fs/promises';
import { OutputIsInputError } from './errors.ts';

/** A path a verb reads or writes, with what it is (named in the message) and how to show it. */
export interface RunFile {
  path: string;
  /** input, mapping, job, code table, 外字 table, manifest, unit output… */
  role: string;
  /** As the user gave it (default: `path`). */
  shown?: string;
}

const identity = async (path: string): Promise<string | undefined> => {
  try {
    const s = await stat(path); // follows symbolic links: the file itself, whatever names it
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
};

/**
 * The guard every writing verb calls before it reads a record: no output may be the same file as
 * anything the run reads. Files are compared by device and inode after links are resolved, so a
 * second spelling, a symbolic link or a hard link to an input is caught; an output that does not
 * exist yet cannot be an input. Throws OutputIsInputError (exit 2) naming both paths.
 */
export async function refuseOutputsOverInputs(outputs: readonly RunFile[], reads: readonly RunFile[]): Promise<void> {
  const byId = new Map<string, RunFile>();
  for (const r of reads) {
    const id = await identity(r.path);
    if (id !== undefined && !byId.has(id)) byId.set(id, r);
  }
  if (byId.size === 0) return;
  for (const o of outputs) {
    const id = await identity(o.path);
    const hit = id === undefined ? undefined : byId.get(id);
    if (hit) throw new OutputIsInputError(o.shown ?? o.path, hit.shown ?? hit.path, hit.role);
  }
}
