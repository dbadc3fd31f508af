import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.ts';

/**
 * Every verb declares its options as data (an `OptionSpecs` record); one parser (`parseOptions`)
 * and one help renderer (help.ts) read that declaration, so what `--help` documents and what the
 * verb accepts cannot drift apart, and every bad invocation ends in the same kind of one-line
 * message. Node's `parseArgs` only tokenises (non-strict); every check and message is chukan's.
 */
export interface OptionSpec {
  /**
   * string: takes a value · int: a whole number (≥ min, default 1) · number: a finite number
   * (≥ min when given) · flag: no value.
   */
  type: 'string' | 'int' | 'number' | 'flag';
  /** Placeholder for the value in help (`CHARSET`, `N`, `DIR`); required for non-flags. */
  value?: string;
  /** Help text; `\n` starts an indented continuation line. */
  help: string;
  /** Other long names accepted for the same option: older spellings, documented as aliases. */
  aliases?: readonly string[];
  /** One-letter short form (`-l`). */
  short?: string;
  /** The option may be given more than once; values are collected in order. */
  multiple?: boolean;
  /** A flag that also has a `--no-NAME` form (sets it false; the last one given wins). */
  negatable?: boolean;
  /** For int and number. */
  min?: number;
  max?: number;
  /** For string: the only values accepted. */
  choices?: readonly string[];
  /** The verb cannot run without it. */
  required?: boolean;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type Scalar<O extends OptionSpec> = O['type'] extends 'flag' ? boolean : O['type'] extends 'int' | 'number' ? number : string;
type ValueOf<O extends OptionSpec> = O['multiple'] extends true ? Scalar<O>[] : Scalar<O>;

/** Parsed option values keyed by canonical name: absent when not given (required ones always present). */
export type OptionValues<S extends OptionSpecs> =
  { -readonly [K in keyof S as S[K]['required'] extends true ? K : never]: ValueOf<S[K]> } &
  { -readonly [K in keyof S as S[K]['required'] extends true ? never : K]?: ValueOf<S[K]> };

/** What the verb's positional arguments are called and how many it takes. */
export interface PositionalSpec {
  /** As in the usage line: FILE, DIR, MAPPING, UNIT_DIR. */
  name: string;
  min: number;
  /** Omit for no upper bound. */
  max?: number;
}

export interface Parsed<S extends OptionSpecs> {
  values: OptionValues<S>;
  positionals: string[];
}

/** The long names (canonical, aliases, `no-` forms) an option answers to, canonical first. */
export function longNames(name: string, spec: OptionSpec): string[] {
  const names = [name, ...(spec.aliases ?? [])];
  return spec.negatable ? [...names, ...names.map((n) => `no-${n}`)] : names;
}

/** Parse `args` against `specs`; `command` names the verb in messages. Throws UsageError. */
export function parseOptions<S extends OptionSpecs>(command: string, args: string[], specs: S, positional?: PositionalSpec): Parsed<S> {
  // Map every name a user may type to its canonical option.
  const byName = new Map<string, { canonical: string; spec: OptionSpec; negated: boolean }>();
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const [canonical, spec] of Object.entries(specs)) {
    for (const n of [canonical, ...(spec.aliases ?? [])]) {
      byName.set(n, { canonical, spec, negated: false });
      config[n] = { type: spec.type === 'flag' ? 'boolean' : 'string', ...(n === canonical && spec.short ? { short: spec.short } : {}) };
      if (spec.negatable) {
        byName.set(`no-${n}`, { canonical, spec, negated: true });
        config[`no-${n}`] = { type: 'boolean' };
      }
    }
  }
  const { tokens } = parseArgs({ args, options: config, strict: false, allowPositionals: true, tokens: true });

  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const found = byName.get(t.name);
    if (!found) throw new UsageError(unknownOptionMessage(command, t.rawName, byName.keys()));
    const { canonical, spec, negated } = found;
    const shown = t.rawName.startsWith('--') ? t.rawName : `${t.rawName} (--${canonical})`;
    let value: unknown;
    if (spec.type === 'flag') {
      if (t.value !== undefined) throw new UsageError(`${shown} takes no value (got "${t.value}")`);
      value = !negated;
    } else {
      // A value that looks like another option means the value was forgotten; `--opt=-x` passes one.
      if (t.value === undefined || (!t.inlineValue && looksLikeOption(t.value))) {
        throw new UsageError(`${shown} needs a value: ${shown} ${spec.value ?? 'VALUE'}`);
      }
      value = convertValue(shown, spec, t.value);
    }
    if (spec.multiple) ((values[canonical] ??= []) as unknown[]).push(value);
    else values[canonical] = value;
  }
  for (const [canonical, spec] of Object.entries(specs)) {
    if (spec.required && values[canonical] === undefined) throw new UsageError(`--${canonical} ${spec.value ?? ''}`.trimEnd() + ` is required (see chukan ${command} --help)`);
  }
  if (positional) checkPositionals(command, positional, positionals);
  return { values: values as OptionValues<S>, positionals };
}

function looksLikeOption(v: string): boolean {
  return v.startsWith('-') && v !== '-' && !/^-\d/.test(v);
}

function convertValue(shown: string, spec: OptionSpec, raw: string): unknown {
  if (spec.type === 'string') {
    if (spec.choices && !spec.choices.includes(raw)) throw new UsageError(`${shown} must be one of ${spec.choices.join(', ')} (got "${raw}")`);
    return raw;
  }
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (spec.type === 'int') {
    const min = spec.min ?? 1;
    if (!Number.isSafeInteger(n) || n < min || (spec.max !== undefined && n > spec.max)) {
      throw new UsageError(`${shown} takes a whole number ${spec.max !== undefined ? `from ${min} to ${spec.max}` : `≥ ${min}`} (got "${raw}")`);
    }
    return n;
  }
  if (!Number.isFinite(n) || (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
    const range = spec.min !== undefined ? ` ≥ ${spec.min}` : '';
    throw new UsageError(`${shown} takes a number${range}${spec.max !== undefined ? ` and ≤ ${spec.max}` : ''} (got "${raw}")`);
  }
  return n;
}

function checkPositionals(command: string, p: PositionalSpec, got: string[]): void {
  const { name, min, max } = p;
  if (got.length >= min && (max === undefined || got.length <= max)) return;
  if (max === 0) throw new UsageError(`takes no arguments besides options (got "${got[0]}"; see chukan ${command} --help)`);
  const want = max === undefined ? `at least ${min === 1 ? 'one' : min} ${name}` : min === max ? `exactly ${min === 1 ? 'one' : min} ${name}` : `${min} to ${max} ${name}`;
  throw new UsageError(`takes ${want}, got ${got.length === 0 ? 'none' : `${got.length}: ${got.map((g) => `"${g}"`).join(' ')}`} (see chukan ${command} --help)`);
}

function unknownOptionMessage(command: string, raw: string, known: Iterable<string>): string {
  const name = raw.replace(/^-+/, '');
  const near = [...known].filter((k) => k.length > 1).map((k) => ({ k, d: distance(name, k) })).filter((x) => x.d <= (x.k.length >= 8 ? 2 : 1)).sort((a, b) => a.d - b.d)[0];
  return `unknown option ${raw}${near ? ` (did you mean --${near.k}?)` : ''} (see chukan ${command} --help)`;
}

/** Edit distance with adjacent transpositions (optimal string alignment), for "did you mean". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
