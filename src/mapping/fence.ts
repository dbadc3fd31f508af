import { isAbsolute, relative } from 'node:path';

/** Whether `abs` is `root` or below it (purely lexical: `..` segments are resolved first). */
export function isInside(root: string, abs: string): boolean {
  const rel = relative(root, abs);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The one message for a path a job, or a mapping run by a job, names outside the job's root: the
 * same words for an input, a mapping, a code table, a 外字対応表 or a fixed-length layout.
 */
export function escapesJobMessage(what: string, given: string, root: string): string {
  return `${what} "${given}" escapes the job's directory ${relative(process.cwd(), root) || '.'}; paths must stay inside it (set root: to widen it to an enclosing directory)`;
}
