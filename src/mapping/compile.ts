import { InvariantError, MappingError } from '../core/errors.ts';
import { MappingCodes as C } from './finding-codes.ts';
import { checkAgainstLayout } from './load-mapping.ts';
import { throwIfProblems } from './problems.ts';
import { findRefCycle, refOrder } from './ref-order.ts';
import type { CombineTransform, ValueTransform } from './transforms/types.ts';
import type { CompileOptions, CompiledMapping, ColumnRef, Mapping, MappingIssue } from './types.ts';

const enum Kind { Column, Columns, Const, Ref }

/** One target field, with everything resolved to indexes and closures once. */
interface Step {
  target: string;
  out: number;
  kind: Kind;
  /** Source column (0-based) for Column; −1 when a name is not resolved yet (compiled without a header). */
  col: number;
  cols: number[];
  /** Reused per record for Columns: no allocation on the hot path. */
  scratch: string[];
  value: string;
  ref: number;
  combine: CombineTransform | undefined;
  chain: ValueTransform[];
  dflt: string | undefined;
  colLabel: string[];
}

/** Trims spaces, full-width spaces and a BOM: header cells are often padded by vendors. */
function cleanName(s: string): string {
  return s.replace(/^[\ufeff\s\u3000]+|[\s\u3000]+$/g, '');
}

/**
 * Resolves names to indexes and orders `ref` fields after what they read. Throws a MappingError
 * (with the mapping's file:line) for a target not in the layout or a column not in the header.
 * Without `sourceHeader`, named columns of a headed source stay unresolved: that compile only
 * checks targets; the pipeline compiles again with the header row before applying.
 */
export function compileMapping(mapping: Mapping, opts: CompileOptions): CompiledMapping {
  const problems: MappingError[] = checkAgainstLayout(mapping, opts.layoutFields);
  const cycle = findRefCycle(mapping.fields);
  if (cycle) problems.push(new MappingError(mapping.file, mapping.fields.find((f) => f.target === cycle[0])?.line, `fields refer to each other in a cycle: ${cycle.join(' → ')}`));
  const names = opts.sourceHeader ?? mapping.source.columns;
  const nameIndex = new Map<string, number>();
  const ambiguous = new Set<string>();
  if (names) {
    names.forEach((n, i) => {
      for (const key of new Set([n, cleanName(n)])) {
        if (nameIndex.has(key) && nameIndex.get(key) !== i) ambiguous.add(key);
        else nameIndex.set(key, i);
      }
    });
  }
  const outIndex = new Map(opts.layoutFields.map((id, i) => [id, i]));
  const resolveCol = (ref: ColumnRef, line: number): number => {
    if (ref.index !== undefined) return ref.index - 1;
    if (!names) return -1;
    const where = opts.sourceHeader ? 'the header row of the input' : 'source.columns';
    if (ambiguous.has(ref.name) || ambiguous.has(cleanName(ref.name))) {
      problems.push(new MappingError(mapping.file, line, `column "${ref.name}" appears more than once in ${where}; refer to it by position`));
      return -1;
    }
    const i = nameIndex.get(ref.name) ?? nameIndex.get(cleanName(ref.name));
    if (i === undefined) {
      problems.push(new MappingError(mapping.file, line, `column "${ref.name}" is not in ${where}`));
      return -1;
    }
    return i;
  };

  const steps: Step[] = [];
  for (const f of refOrder(mapping.fields)) {
    const out = outIndex.get(f.target);
    if (out === undefined) continue; // reported by checkAgainstLayout
    const step: Step = {
      target: f.target, out, kind: Kind.Const, col: -1, cols: [], scratch: [], value: '', ref: -1,
      combine: undefined, chain: [], dflt: f.default, colLabel: [],
    };
    const src = f.source;
    if (src.kind === 'const') step.value = src.value;
    else if (src.kind === 'ref') {
      step.kind = Kind.Ref;
      step.ref = outIndex.get(src.field) ?? -1;
    } else {
      step.cols = src.columns.map((c) => resolveCol(c, f.line));
      step.colLabel = src.columns.map((c) => (c.index !== undefined ? String(c.index) : c.name));
      if (src.columns.length === 1 && f.transforms[0]?.kind !== 'combine') {
        step.kind = Kind.Column;
        step.col = step.cols[0]!;
      } else {
        step.kind = Kind.Columns;
        step.scratch = new Array<string>(src.columns.length).fill('');
      }
    }
    for (const [i, t] of f.transforms.entries()) {
      if (i === 0 && t.kind === 'combine') step.combine = t.fn as CombineTransform;
      else step.chain.push(t.fn as ValueTransform);
    }
    steps.push(step);
  }
  throwIfProblems(problems);

  const width = opts.layoutFields.length;
  const mapped = new Set(steps.map((s) => s.out));
  const unmapped = opts.layoutFields.map((_, i) => i).filter((i) => !mapped.has(i));
  const unresolved = steps.some((s) => s.col === -1 && s.kind === Kind.Column) || steps.some((s) => s.cols.includes(-1));

  const missing = (s: Step, k: number, issues: MappingIssue[]): void => {
    issues.push({ code: C.MAP_SOURCE_COLUMN_MISSING, field: s.target, params: { column: s.colLabel[k] } });
  };

  return {
    layoutFields: opts.layoutFields,
    apply(src, out, issues) {
      if (unresolved) throw new InvariantError(`mapping ${mapping.file} was compiled without the input's header row; compile it with sourceHeader before applying`);
      const before = issues.length;
      if (out.length !== width) out.length = width;
      for (let i = 0; i < unmapped.length; i++) out[unmapped[i]!] = '';
      const n = src.length;
      for (let si = 0; si < steps.length; si++) {
        const s = steps[si]!;
        let v: string;
        let failed = false;
        switch (s.kind) {
          case Kind.Column:
            if (s.col < n) v = src[s.col]!;
            else {
              missing(s, 0, issues);
              v = '';
              failed = true;
            }
            break;
          case Kind.Const:
            v = s.value;
            break;
          case Kind.Ref:
            v = out[s.ref]!;
            break;
          case Kind.Columns: {
            for (let k = 0; k < s.cols.length; k++) {
              const c = s.cols[k]!;
              if (c < n) s.scratch[k] = src[c]!;
              else {
                s.scratch[k] = '';
                missing(s, k, issues);
                failed = true;
              }
            }
            const r = s.combine!(s.scratch);
            if (typeof r === 'string') v = r;
            else {
              issues.push({ code: r.fail, field: s.target, params: r.params });
              v = '';
              failed = true;
            }
            break;
          }
        }
        if (!failed && v !== '') {
          const chain = s.chain;
          for (let t = 0; t < chain.length; t++) {
            const r = chain[t]!(v);
            if (typeof r !== 'string') {
              issues.push(r.params ? { code: r.fail, field: s.target, params: r.params, sampleValue: v } : { code: r.fail, field: s.target, sampleValue: v });
              v = '';
              failed = true;
              break;
            }
            v = r;
            if (v === '') break;
          }
        }
        if (v === '' && !failed && s.dflt !== undefined) v = s.dflt;
        out[s.out] = v;
      }
      return issues.length === before;
    },
  };
}
