import type { FindingParams } from '../../core/finding.ts';

/**
 * A transform is built once per mapping field (arguments validated, tables loaded) into a closure
 * that runs once per record. It never throws for bad data: it returns a failure carrying a finding
 * code, and the record is rejected downstream. Failures are the only allocation on the hot path.
 */
export interface TransformFailure {
  readonly fail: string;
  readonly params?: FindingParams;
}

export type TransformResult = string | TransformFailure;

/**
 * The text a transform may put into a value besides what it computes from its input: a code
 * table's targets, a replacement, a padding character, a separator. Characters computed from the
 * input by a fixed rule (width folding, digits of a date, case) are not literals. A transform that
 * does not say (`literals` absent) may put in anything, as far as later stages know; see
 * `mappingLiterals`, which lets the 外字 stage pass over records whose source text holds no 外字.
 */
export interface TransformLiterals {
  readonly literals?: readonly string[];
}

/** Turns one non-empty value into another. Empty values never reach a transform. */
export type ValueTransform = ((value: string) => TransformResult) & TransformLiterals;

/** Turns the values of several source columns (`from: [a, b]`) into one; must come first in a chain. */
export type CombineTransform = ((values: readonly string[]) => TransformResult) & TransformLiterals;

export type ArgType = 'string' | 'char' | 'int' | 'bool' | 'strings' | 'table' | 'enum';

export interface ArgSpec {
  type: ArgType;
  required?: boolean;
  /** For `enum`. */
  values?: readonly string[];
  /** Minimum for `int`. */
  min?: number;
  doc: string;
}

/** What a transform factory may use besides its arguments. */
export interface TransformContext {
  /** Mapping file as shown to the user. */
  file: string;
  /** Directory relative table paths resolve against. */
  dir: string;
  /** The target field the transform belongs to (names an inline code table in findings). */
  field?: string;
  /** Reads a file relative to `dir` (code tables), as bytes for the CSV table reader. Throws ArgError when it cannot. */
  readFile(relPath: string, argKey: string): { bytes: Uint8Array; shownAs: string };
}

export interface Args {
  [key: string]: unknown;
}

interface BaseDef {
  name: string;
  summary: string;
  /** Argument a bare scalar fills: `- width: toZenkaku` ≡ `- width: { mode: toZenkaku }`. */
  shorthand?: string;
  args: Record<string, ArgSpec>;
}

export interface ValueTransformDef extends BaseDef {
  kind: 'value';
  create(args: Args, ctx: TransformContext): ValueTransform;
}

export interface CombineTransformDef extends BaseDef {
  kind: 'combine';
  create(args: Args, ctx: TransformContext): CombineTransform;
}

export type TransformDef = ValueTransformDef | CombineTransformDef;

/** A bad argument found while building a transform; the loader turns it into a MappingError at the argument's line. */
export class ArgError extends Error {
  constructor(readonly arg: string | undefined, detail: string, readonly lineInTable?: { file: string; line: number }) {
    super(detail);
  }
}

/** Marks a transform with the literals it may insert (none: `withLiterals(fn, [])`). */
export function withLiterals<F extends (...args: never[]) => TransformResult>(fn: F, literals: readonly string[]): F & TransformLiterals {
  return Object.assign(fn, { literals });
}

export function fail(code: string, params?: FindingParams): TransformFailure {
  return params ? { fail: code, params } : { fail: code };
}

export function isFailure(r: TransformResult): r is TransformFailure {
  return typeof r !== 'string';
}
