import { dirname, isAbsolute, resolve } from 'node:path';
import { MappingError } from '../core/errors.ts';
import { escapesJobMessage, isInside } from './fence.ts';
import { throwIfProblems } from './problems.ts';

export { isInside };
import type { Job, JobUnit } from './types.ts';
import { entry, readDocument } from './yaml-tree.ts';

export interface LoadJobOptions {
  /** Path shown in messages (default: as given). */
  shownAs?: string;
  /**
   * A directory the job's root must lie inside (e.g. the working directory of a service that runs
   * jobs it did not write). Default: none, the job's own root is the only fence.
   */
  confineTo?: string;
}

/**
 * Reads a job file: `out`, `units: [{ mapping, inputs: [...] }]`, optional `root` and `rejectsXlsx`. Relative paths
 * resolve against the job file's directory; every path must stay inside the job's root (its own
 * directory unless `root:` widens it to an ancestor), so a job cannot reach `../../etc/passwd`.
 */
export async function loadJob(path: string, opts: LoadJobOptions = {}): Promise<Job> {
  const shownAs = opts.shownAs ?? path;
  const doc = await readDocument(path, shownAs);
  const dir = resolve(dirname(path));
  const units: JobUnit[] = [];
  let root = dir;
  let out: string | undefined;
  let rejectsXlsx: boolean | undefined;
  const top = doc.root ? doc.map(doc.root, 'the job file') : undefined;
  if (!doc.root && doc.problems.length === 0) doc.problem(1, 'the file is empty');
  if (top) {
    doc.onlyKeys(top, ['description', 'root', 'out', 'rejectsXlsx', 'units'], 'job');
    const xlsxE = entry(top, 'rejectsXlsx');
    if (xlsxE) rejectsXlsx = doc.bool(xlsxE.node, 'rejectsXlsx', xlsxE.line);
    const rootE = entry(top, 'root');
    if (rootE) {
      const r = doc.string(rootE.node, 'root', rootE.line);
      if (r !== undefined) {
        if (r === '' || isAbsolute(r)) doc.problem(rootE.line, 'root must be a relative directory (e.g. ..), relative to the job file');
        else if (!isInside(resolve(dir, r), dir)) doc.problem(rootE.line, `root "${r}" must be the job file's directory or one above it`);
        else root = resolve(dir, r);
      }
    }
    if (opts.confineTo && !isInside(resolve(opts.confineTo), root)) {
      doc.problem(rootE?.line ?? 1, `the job's root ${root} is outside the allowed directory ${resolve(opts.confineTo)}`);
    }
    const pathIn = (node: Parameters<typeof doc.string>[0], what: string, line: number): string | undefined => {
      const p = doc.string(node, what, line);
      if (p === undefined) return undefined;
      const at = doc.line(node, line);
      if (p === '') return void doc.problem(at, `${what} is empty`);
      if (p.includes('\0')) return void doc.problem(at, `${what} contains a NUL character`);
      const abs = resolve(dir, p);
      if (!isInside(root, abs)) {
        return void doc.problem(at, escapesJobMessage(what, p, root));
      }
      return abs;
    };
    const outE = entry(top, 'out');
    if (outE) out = pathIn(outE.node, 'out', outE.line);
    const unitsE = entry(top, 'units');
    if (!unitsE) doc.problem(1, 'missing "units" (a list of { mapping, inputs })');
    else {
      const items = doc.seq(unitsE.node, 'units', unitsE.line) ?? [];
      if (items.length === 0) doc.problem(unitsE.line, 'units lists nothing');
      for (const item of items) {
        const at = doc.line(item, unitsE.line);
        const u = doc.map(item, 'unit', at);
        if (!u) continue;
        doc.onlyKeys(u, ['mapping', 'inputs'], 'unit');
        const mE = entry(u, 'mapping');
        const iE = entry(u, 'inputs');
        if (!mE) doc.problem(at, 'unit: missing "mapping"');
        if (!iE) doc.problem(at, 'unit: missing "inputs"');
        if (!mE || !iE) continue;
        const mapping = pathIn(mE.node, 'mapping', mE.line);
        const inputNodes = doc.seq(iE.node, 'inputs', iE.line) ?? [];
        if (inputNodes.length === 0) doc.problem(iE.line, 'inputs lists no files');
        const inputs = inputNodes.map((n) => pathIn(n, 'input', iE.line)).filter((p): p is string => p !== undefined);
        if (mapping && inputs.length === inputNodes.length) units.push({ mapping, inputs });
      }
    }
  }
  const problems: MappingError[] = [...doc.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  throwIfProblems(problems);
  return { file: shownAs, root, out, ...(rejectsXlsx !== undefined ? { rejectsXlsx } : {}), units };
}
