import { InvariantError, MappingError } from '../core/errors.ts';
import { MappingCodes as C } from './finding-codes.ts';
import { checkAgainstLayout } from './load-mapping.ts';
import { throwIfProblems } from './problems.ts';
import { findRefCycle, refOrder } from './ref-order.ts';
import { didYouMean } from './suggest.ts';
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
    const where = opts.sourceHeader ? `the header row of ${opts.sourceName ?? 'the input'}` : 'source.columns';
    if (ambiguous.has(ref.name) || ambiguous.has(cleanName(ref.name))) {
      problems.push(new MappingError(mapping.file, line, `column "${ref.name}" appears more than once in ${where}; refer to it by position`));
      return -1;
    }
    const i = nameIndex.get(ref.name) ?? nameIndex.get(cleanName(ref.name));
    if (i === undefined) {
      problems.push(new MappingError(mapping.file, line, `column "${ref.name}" is not in ${where}${didYouMean(ref.name, names)}`));
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

  if (unresolved) {
    return {
      layoutFields: opts.layoutFields,
      apply() {
        throw new InvariantError(`mapping ${mapping.file} was compiled without the input's header row; compile it with sourceHeader before applying`);
      },
    };
  }
  return { layoutFields: opts.layoutFields, apply: generateApply(steps, width, unmapped) };
}

/**
 * The per-record function, generated once per mapping: the steps unrolled into straight-line code
 * with each transform, constant and label a closure constant. Every call site then sees a single
 * target, which V8 can inline — a loop over the steps calling `chain[t](v)` sees them all. The
 * code does what the loop did, step for step: the same values, the same issues in the same order.
 */
function generateApply(steps: Step[], width: number, unmapped: number[]): CompiledMapping['apply'] {
  const deps: unknown[] = [];
  const dep = (x: unknown) => `d${deps.push(x) - 1}`;
  const missingCode = dep(C.MAP_SOURCE_COLUMN_MISSING);
  const src: string[] = [
    'return function apply(src, out, issues) {',
    'const before = issues.length;',
    `if (out.length !== ${width}) out.length = ${width};`,
    'const n = src.length;',
    'let v, r, failed;',
  ];
  for (const i of unmapped) src.push(`out[${i}] = '';`);
  for (const s of steps) {
    const target = dep(s.target);
    const missing = (k: number) => `issues.push({ code: ${missingCode}, field: ${target}, params: { column: ${dep(s.colLabel[k])} } });`;
    src.push('failed = false;');
    switch (s.kind) {
      case Kind.Column:
        src.push(`if (${s.col} < n) v = src[${s.col}]; else { ${missing(0)} v = ''; failed = true; }`);
        break;
      case Kind.Const:
        src.push(`v = ${dep(s.value)};`);
        break;
      case Kind.Ref:
        src.push(`v = out[${s.ref}];`);
        break;
      case Kind.Columns: {
        const scratch = dep(s.scratch);
        s.cols.forEach((c, k) => src.push(`if (${c} < n) ${scratch}[${k}] = src[${c}]; else { ${scratch}[${k}] = ''; ${missing(k)} failed = true; }`));
        src.push(`r = ${dep(s.combine)}(${scratch});`);
        src.push(`if (typeof r === 'string') v = r; else { issues.push({ code: r.fail, field: ${target}, params: r.params }); v = ''; failed = true; }`);
        break;
      }
    }
    if (s.chain.length > 0) {
      // Each transform runs on a non-empty value; a failure empties the value and stops the chain.
      let close = '';
      src.push(`if (!failed && v !== '') {`);
      s.chain.forEach((t, k) => {
        if (k > 0) src.push(`if (v !== '') {`);
        src.push(`r = ${dep(t)}(v);`);
        src.push(`if (typeof r !== 'string') { issues.push(r.params ? { code: r.fail, field: ${target}, params: r.params, sampleValue: v } : { code: r.fail, field: ${target}, sampleValue: v }); v = ''; failed = true; } else { v = r;`);
        close += k > 0 ? '}}' : '}';
      });
      src.push(close + '}');
    }
    if (s.dflt !== undefined) src.push(`if (v === '' && !failed) v = ${dep(s.dflt)};`);
    src.push(`out[${s.out}] = v;`);
  }
  src.push('return issues.length === before;', '};');
  const head = deps.map((_, i) => `const d${i} = d[${i}];`).join('\n');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('d', `${head}\n${src.join('\n')}`)(deps) as CompiledMapping['apply'];
}
