/**
 * `--unit i/n`: which part of a run unit i of n does, so that n machines (a Kubernetes Indexed
 * Job, a batch array, …) can each run `chukan convert … --unit $INDEX/n` and `chukan merge` can
 * join their directories into exactly what one run writes.
 *
 * The rule: lay every input of the run end to end in run order (job units, then their inputs) and
 * cut that byte stream into n equal spans; unit i takes the records whose first byte falls in
 * span i. A span boundary inside a file becomes a record boundary by the rule of byte-ranges.ts
 * (the first record starting at or after it), so every record belongs to exactly one unit, and
 * each unit's share of each output is a contiguous slice of it: merging is concatenation in unit
 * order. A unit whose span holds the start of a file also handles that file's header row, and an
 * empty file belongs to the unit whose span holds its position.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.ts';

export interface UnitRef {
  index: number;
  of: number;
}

export interface UnitSpan {
  from: number;
  to: number;
  /** The whole file is this unit's. */
  whole: boolean;
}

export const UNIT_MANIFEST = 'unit.json';

export function parseUnit(text: string): UnitRef {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const of = m ? Number(m[2]) : NaN;
  if (!m || !(of >= 1) || !(index >= 0) || index >= of) throw new UsageError(`--unit takes i/n with 0 ≤ i < n (e.g. 0/4), not "${text}"`);
  return { index, of };
}

/** For sizes[u][f] (bytes of input f of job unit u): unit `ref`'s span of each file, or undefined when the file is not its. */
export function unitSpans(sizes: number[][], ref: UnitRef): (UnitSpan | undefined)[][] {
  const total = sizes.reduce((n, u) => n + u.reduce((m, s) => m + s, 0), 0);
  const lo = Math.floor((ref.index * total) / ref.of);
  const hi = ref.index === ref.of - 1 ? Infinity : Math.floor(((ref.index + 1) * total) / ref.of);
  let at = 0;
  return sizes.map((files) => files.map((size) => {
    const start = at;
    at += size;
    const ownsStart = start >= lo && start < hi;
    const from = Math.max(lo - start, 0);
    const to = Math.min(hi - start, size);
    if (!ownsStart && !(from < to)) return undefined;
    return { from, to, whole: from === 0 && to === size };
  }));
}

export interface UnitManifest {
  tool: 'chukan';
  kind: 'convert-unit';
  unit: number;
  of: number;
  /** Every input of the run in run order with its size, so merge can check the units ran the same job. */
  inputs: { input: string; size: number; span?: { from: number; to: number } }[];
}

export async function writeUnitManifest(dir: string, m: UnitManifest): Promise<void> {
  await writeFile(join(dir, UNIT_MANIFEST), JSON.stringify(m, null, 2) + '\n', { mode: 0o600 });
}
