import type { FieldMapping } from './types.ts';

/** The first cycle among `ref:` links, as target ids ending where they start (a → b → a), or undefined. */
export function findRefCycle(fields: readonly FieldMapping[]): string[] | undefined {
  const refOf = new Map<string, string>();
  for (const f of fields) if (f.source.kind === 'ref') refOf.set(f.target, f.source.field);
  const done = new Set<string>();
  for (const start of refOf.keys()) {
    const path: string[] = [];
    let at: string | undefined = start;
    while (at !== undefined && !done.has(at)) {
      const i = path.indexOf(at);
      if (i !== -1) return [...path.slice(i), at];
      path.push(at);
      at = refOf.get(at);
    }
    for (const p of path) done.add(p);
  }
  return undefined;
}

/** Fields ordered so that every ref comes after the field it reads (stable otherwise). Assumes no cycle. */
export function refOrder<T extends FieldMapping>(fields: readonly T[]): T[] {
  const byTarget = new Map(fields.map((f) => [f.target, f]));
  const out: T[] = [];
  const placed = new Set<string>();
  const place = (f: T): void => {
    if (placed.has(f.target)) return;
    placed.add(f.target);
    if (f.source.kind === 'ref') {
      const dep = byTarget.get(f.source.field);
      if (dep) place(dep);
    }
    out.push(f);
  };
  for (const f of fields) place(f);
  return out;
}
