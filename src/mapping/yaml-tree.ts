import { readFile } from 'node:fs/promises';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node } from 'yaml';
import { InputNotFoundError, MappingError } from '../core/errors.ts';

/**
 * A tiny typed reader over a YAML (or JSON — JSON is YAML flow syntax) document that remembers the
 * line of every node, so every complaint about a mapping or job file can say `file:line`.
 *
 * The document is parsed with the *failsafe* schema: every scalar stays the text the user wrote.
 * That keeps code-table keys like `01` from turning into the number 1 and `NO` from turning into
 * false; this reader types scalars itself (int, boolean) where a key expects it.
 */
export class DocReader {
  readonly problems: MappingError[] = [];
  readonly root: Node | null;
  private readonly lines: LineCounter;

  constructor(readonly file: string, text: string) {
    this.lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: this.lines, schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
    for (const err of doc.errors) this.problems.push(new MappingError(file, this.lineAt(err.pos[0]), yamlMessage(err.message)));
    this.root = doc.errors.length > 0 ? null : (doc.contents as Node | null);
  }

  lineAt(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  line(node: Node | null | undefined, fallback = 1): number {
    const start = node?.range?.[0];
    return start === undefined ? fallback : this.lineAt(start);
  }

  problem(line: number | Node | null | undefined, detail: string): void {
    const l = typeof line === 'number' ? line : this.line(line);
    this.problems.push(new MappingError(this.file, l, detail));
  }

  /** Entries of a mapping node in file order; complains (once) and returns undefined otherwise. */
  map(node: Node | null | undefined, what: string, at?: number): Entry[] | undefined {
    if (isAlias(node)) return void this.problem(node, `${what}: YAML anchors and aliases are not supported`);
    if (!isMap(node)) return void this.problem(node ?? at ?? 1, `${what} must be a mapping (key: value)`);
    const out: Entry[] = [];
    for (const pair of node.items) {
      const k = pair.key as Node | null;
      if (!isScalar(k) || typeof k.value !== 'string') {
        this.problem(k ?? node, `${what}: keys must be plain text`);
        continue;
      }
      const keyLine = this.line(k);
      out.push({ key: k.value, keyLine, node: (pair.value as Node | null) ?? null, line: keyLine });
    }
    return out;
  }

  /** Complains about keys not in `allowed`. */
  onlyKeys(entries: Entry[], allowed: readonly string[], what: string): void {
    for (const e of entries) {
      if (!allowed.includes(e.key)) this.problem(e.keyLine, `${what}: unknown key "${e.key}" (allowed: ${allowed.join(', ')})`);
    }
  }

  seq(node: Node | null | undefined, what: string, at: number): Node[] | undefined {
    if (isAlias(node)) return void this.problem(node, `${what}: YAML anchors and aliases are not supported`);
    if (!isSeq(node)) return void this.problem(node ?? at, `${what} must be a list`);
    return node.items as Node[];
  }

  /** A scalar's text; a key with no value reads as the empty string. */
  string(node: Node | null | undefined, what: string, at: number): string | undefined {
    if (node === null || node === undefined) return '';
    if (isScalar(node)) {
      if (node.value === null || node.value === undefined) return '';
      if (typeof node.value === 'string') return node.value;
    }
    if (isAlias(node)) return void this.problem(node, `${what}: YAML anchors and aliases are not supported`);
    return void this.problem(node ?? at, `${what} must be a single value (text)`);
  }

  /** Whether a scalar was written in quotes (a quoted "3" is a column name, a plain 3 an index). */
  quoted(node: Node | null | undefined): boolean {
    return isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE);
  }

  int(node: Node | null | undefined, what: string, at: number, min = 0): number | undefined {
    const s = this.string(node, what, at);
    if (s === undefined) return undefined;
    if (!/^[0-9]{1,9}$/.test(s) || Number(s) < min) return void this.problem(node ?? at, `${what} must be a whole number ≥ ${min} (got "${s}")`);
    return Number(s);
  }

  bool(node: Node | null | undefined, what: string, at: number): boolean | undefined {
    const s = this.string(node, what, at);
    if (s === undefined) return undefined;
    if (s === 'true') return true;
    if (s === 'false') return false;
    return void this.problem(node ?? at, `${what} must be true or false (got "${s}")`);
  }

  oneOf<T extends string>(node: Node | null | undefined, what: string, at: number, values: readonly T[]): T | undefined {
    const s = this.string(node, what, at);
    if (s === undefined) return undefined;
    if ((values as readonly string[]).includes(s)) return s as T;
    return void this.problem(node ?? at, `${what} must be one of ${values.join(', ')} (got "${s}")`);
  }

  /** Plain JS view of a node (strings, arrays, objects) for transform arguments. */
  plain(node: Node | null | undefined): unknown {
    if (node === null || node === undefined) return '';
    if (isScalar(node)) return node.value === null || node.value === undefined ? '' : String(node.value);
    if (isSeq(node)) return node.items.map((n) => this.plain(n as Node));
    if (isMap(node)) {
      const o: Record<string, unknown> = {};
      for (const p of node.items) o[String(isScalar(p.key) ? p.key.value : p.key)] = this.plain(p.value as Node);
      return o;
    }
    return undefined;
  }
}

export interface Entry {
  key: string;
  keyLine: number;
  node: Node | null;
  line: number;
}

function yamlMessage(msg: string): string {
  return `not valid YAML/JSON: ${msg.split('\n')[0]}`;
}

/** Reads a mapping/job file; a file that cannot be read is an environment error (exit 2). */
export async function readDocument(path: string, shownAs: string = path): Promise<DocReader> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputNotFoundError(shownAs, { cause: err });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return new DocReader(shownAs, text);
}

export function entry(entries: Entry[], key: string): Entry | undefined {
  for (const e of entries) if (e.key === key) return e;
  return undefined;
}
