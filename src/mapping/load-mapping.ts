import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { MappingError } from '../core/errors.ts';
import { canonicalCharsetName, getCharset } from '../encoding/index.ts';
import { findRefCycle } from './ref-order.ts';
import { throwIfProblems } from './problems.ts';
import { TRANSFORMS } from './transforms/index.ts';
import { ArgError, type ArgSpec, type Args, type TransformContext } from './transforms/types.ts';
import type { ColumnRef, CsvSourceSpec, FieldMapping, FieldSource, FixedSourceSpec, Mapping, MappingFile, OutputSpec, SourceSpec, TransformStep } from './types.ts';
import { compileLayout as compileFixedLayout, loadFixedLayout, parseFixedSource } from '../readers/fixed/index.ts';
import { DocReader, entry, readDocument, type Entry } from './yaml-tree.ts';
import { escapesJobMessage, isInside } from './fence.ts';

const TOP_KEYS = ['layout', 'description', 'source', 'output', 'onUnmappedField', 'cleanse', 'fields'] as const;
const SOURCE_KEYS = ['format', 'charset', 'header', 'delimiter', 'quote', 'columns'] as const;
const OUTPUT_KEYS = ['charset', 'newline', 'header'] as const;
const FIELD_KEYS = ['from', 'const', 'ref', 'default', 'transforms'] as const;

export interface ReadMappingResult {
  /** Present when the file parsed far enough to describe a mapping (it may still have problems). */
  mapping?: Mapping;
  problems: MappingError[];
}

export interface LoadMappingOptions {
  /** Path shown in messages (default: the path as given). */
  shownAs?: string;
  /** Layout field ids, when the caller has the layout: unknown targets become load problems. */
  layoutFields?: readonly string[];
  /**
   * The root of the job that runs this mapping: every file the mapping names must lie inside it,
   * as the job's own paths must (same check, same message), and nothing outside it is read.
   */
  confineTo?: string;
}

/**
 * The files a mapping names: resolved against the mapping's directory, fenced to a job's root
 * (lexically, like the job's own paths) and listed for Mapping.files.
 */
class NamedFiles {
  readonly list: MappingFile[] = [];
  constructor(readonly dir: string, readonly root: string | undefined) {}

  /** The absolute path, or the fence's message when it escapes (then it must not be read). */
  check(given: string, role: string): { abs: string; escapes?: string } {
    const abs = resolve(this.dir, given);
    if (this.root !== undefined && !isInside(this.root, abs)) return { abs, escapes: escapesJobMessage(role, given, this.root) };
    if (!this.list.some((f) => f.path === abs)) this.list.push({ path: abs, role });
    return { abs };
  }

  /** For a path already resolved (fixed-length charset tables): same fence, thrown as a MappingError of `file`. */
  checkResolved(abs: string, role: string, file: string): void {
    if (this.root !== undefined && !isInside(this.root, abs)) throw new MappingError(file, undefined, escapesJobMessage(role, abs, this.root));
    if (!this.list.some((f) => f.path === abs)) this.list.push({ path: abs, role });
  }
}

interface CtxBase { dir: string; file: string; named: NamedFiles }

/**
 * Reads a mapping and collects every problem (each with file:line) instead of stopping at the
 * first. Throws only when the file cannot be read at all (InputNotFoundError, exit 2).
 */
export async function readMapping(path: string, opts: LoadMappingOptions = {}): Promise<ReadMappingResult> {
  const shownAs = opts.shownAs ?? path;
  const doc = await readDocument(path, shownAs);
  const result = parseMapping(doc, new NamedFiles(resolve(dirname(path)), opts.confineTo === undefined ? undefined : resolve(opts.confineTo)));
  if (result.mapping && opts.layoutFields) result.problems.push(...checkAgainstLayout(result.mapping, opts.layoutFields));
  result.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return result;
}

/** Loads a mapping; any problem throws a MappingError (MappingProblems when there are several). */
export async function loadMapping(path: string, opts: LoadMappingOptions = {}): Promise<Mapping> {
  const { mapping, problems } = await readMapping(path, opts);
  throwIfProblems(problems);
  return mapping!;
}

/** Targets that are not layout fields; layout fields left unmapped when the mapping says that is an error. */
export function checkAgainstLayout(mapping: Mapping, layoutFields: readonly string[]): MappingError[] {
  const problems: MappingError[] = [];
  const known = new Set(layoutFields);
  for (const f of mapping.fields) {
    if (!known.has(f.target)) {
      problems.push(new MappingError(mapping.file, f.line, `"${f.target}" is not a field of layout ${mapping.layout}${suggest(f.target, layoutFields)}`));
    }
  }
  if (mapping.onUnmappedField === 'error') {
    const mapped = new Set(mapping.fields.map((f) => f.target));
    const missing = layoutFields.filter((id) => !mapped.has(id));
    if (missing.length > 0) {
      problems.push(new MappingError(mapping.file, mapping.layoutLine, `onUnmappedField is error and these fields of ${mapping.layout} are not mapped: ${missing.join(', ')}`));
    }
  }
  return problems;
}

function suggest(name: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function parseMapping(doc: DocReader, named: NamedFiles): ReadMappingResult {
  const dir = named.dir;
  if (!doc.root) {
    if (doc.problems.length === 0) doc.problem(1, 'the file is empty');
    return { problems: doc.problems };
  }
  const top = doc.map(doc.root, 'the mapping file');
  if (!top) return { problems: doc.problems };
  doc.onlyKeys(top, TOP_KEYS, 'mapping');

  const layoutE = entry(top, 'layout');
  let layout = '';
  if (!layoutE) doc.problem(1, 'missing "layout" (the target layout id, e.g. juki/kojin)');
  else {
    layout = doc.string(layoutE.node, 'layout', layoutE.line) ?? '';
    if (layoutE && layout !== '' && !/^[a-z0-9_-]+\/[a-z0-9_-]+$/i.test(layout)) doc.problem(layoutE.line, `layout "${layout}" is not a layout id like juki/kojin`);
  }

  const sourceE = entry(top, 'source');
  const source = parseSource(doc, sourceE, named);
  const output = parseOutput(doc, entry(top, 'output'));
  const onE = entry(top, 'onUnmappedField');
  const onUnmappedField = onE ? (doc.oneOf(onE.node, 'onUnmappedField', onE.line, ['empty', 'error'] as const) ?? 'empty') : 'empty';

  const fieldsE = entry(top, 'fields');
  const fields: FieldMapping[] = [];
  if (!fieldsE) doc.problem(1, 'missing "fields" (for each target field, where its value comes from)');
  else {
    const entries = doc.map(fieldsE.node, 'fields', fieldsE.line);
    const ctxBase = { dir, file: doc.file, named };
    for (const e of entries ?? []) {
      const f = parseField(doc, e, source, ctxBase);
      if (f) fields.push(f);
    }
    checkRefs(doc, fields);
  }
  const mapping: Mapping = { file: doc.file, dir, layout, layoutLine: layoutE?.line ?? 1, source, output, onUnmappedField, fields, files: named.list };
  const cleanseE = entry(top, 'cleanse');
  if (cleanseE) {
    cleanseFiles(doc, cleanseE, named);
    // The cleanse stages validate their own section (src/pipeline/stages/cleanse-config.ts); here it
    // is kept as plain data with YAML's text scalars typed back (true/false, whole numbers).
    mapping.cleanse = typedScalars((cleanseE.node as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null);
    mapping.cleanseLine = cleanseE.line;
  }
  return { mapping, problems: doc.problems };
}

function parseSource(doc: DocReader, e: Entry | undefined, named: NamedFiles): SourceSpec {
  const spec: CsvSourceSpec = { format: 'csv', charset: 'cp932', header: true, delimiter: ',', quote: '"' };
  if (!e) return spec;
  const entries = doc.map(e.node, 'source', e.line);
  if (!entries) return spec;
  const formatE = entries.find((x) => x.key === 'format');
  if (formatE && doc.string(formatE.node, 'source.format', formatE.line) === 'fixed') return parseFixedSourceSpec(doc, e, entries, named) ?? spec;
  doc.onlyKeys(entries, SOURCE_KEYS, 'source');
  for (const s of entries) {
    switch (s.key) {
      case 'format': {
        const f = doc.string(s.node, 'source.format', s.line);
        if (f !== undefined && f !== 'csv') doc.problem(s.line, `source.format must be csv or fixed (got "${f}")`);
        break;
      }
      case 'charset': {
        const c = doc.string(s.node, 'source.charset', s.line);
        if (c === undefined) break;
        try {
          const cs = getCharset(c);
          // The CSV reader splits records on ASCII bytes; EBCDIC files are fixed-length exports.
          if (!cs.asciiTransparent) doc.problem(s.line, `source.charset "${c}" is EBCDIC: read the file with a fixed layout (source: { format: fixed, … }, docs/FIXED.md) or transcode it first`);
          else spec.charset = cs.name;
        } catch {
          doc.problem(s.line, `source.charset "${c}" is not a charset chukan knows (cp932, utf-8, euc-jp, ibm930, …)`);
        }
        break;
      }
      case 'header':
        spec.header = doc.bool(s.node, 'source.header', s.line) ?? spec.header;
        break;
      case 'delimiter':
      case 'quote': {
        const c = doc.string(s.node, `source.${s.key}`, s.line);
        if (c === undefined) break;
        const ch = c === '\\t' ? '\t' : c;
        if (ch.length !== 1 || ch.charCodeAt(0) >= 0x80 || ch === '\n' || ch === '\r') doc.problem(s.line, `source.${s.key} must be one ASCII character (got ${JSON.stringify(c)})`);
        else spec[s.key] = ch;
        break;
      }
      case 'columns': {
        const items = doc.seq(s.node, 'source.columns', s.line);
        if (!items) break;
        const names: string[] = [];
        for (const item of items) {
          const name = doc.string(item, 'source.columns entry', s.line);
          if (name === undefined) continue;
          if (names.includes(name)) doc.problem(item, `source.columns names "${name}" twice`);
          names.push(name);
        }
        spec.columns = names;
        break;
      }
    }
  }
  if (spec.delimiter === spec.quote) doc.problem(e.line, 'source.delimiter and source.quote must differ');
  if (!spec.header && !spec.columns) {
    // Fine: columns are then referred to by position only (checked per field).
  }
  return spec;
}

/**
 * `source: { format: fixed, layout: FILE, recordType?: NAME }`, or the byte layout inline under
 * `source:` (docs/FIXED.md). The fixed-length loader reports its own mistakes as MappingErrors.
 */
function parseFixedSourceSpec(doc: DocReader, e: Entry, entries: Entry[], named: NamedFiles): FixedSourceSpec | undefined {
  const dir = named.dir;
  const layoutE = entries.find((x) => x.key === 'layout');
  const typeE = entries.find((x) => x.key === 'recordType' && isScalar(x.node));
  try {
    let fixed;
    let layoutFile: string | undefined;
    if (layoutE) {
      doc.onlyKeys(entries, ['format', 'layout', 'recordType'], 'source');
      const rel = doc.string(layoutE.node, 'source.layout', layoutE.line);
      if (!rel) return void doc.problem(layoutE.line, 'source.layout names the fixed-length layout file');
      const at = named.check(rel, 'source.layout');
      if (at.escapes) return void doc.problem(layoutE.line, at.escapes);
      layoutFile = at.abs;
      const shown = relative(process.cwd(), layoutFile) || rel;
      fixed = loadFixedLayout(layoutFile, shown, (p, what) => named.checkResolved(p, what, shown)).compiled;
    } else {
      const inline = (e.node as { toJSON?: () => unknown } | null)?.toJSON?.();
      if (inline && typeof inline === 'object' && 'recordType' in inline && typeof (inline as { recordType: unknown }).recordType === 'string') {
        delete (inline as { recordType?: unknown }).recordType; // the mapped type name, not the type field
      }
      fixed = compileFixedLayout(parseFixedSource(inline, doc.file), doc.file, dir, (p, what) => named.checkResolved(p, what, doc.file));
    }
    const dataTypes = fixed.types.filter((t) => t.role === 'data');
    const wanted = typeE ? doc.string(typeE.node, 'source.recordType', typeE.line) : undefined;
    const type = wanted ? dataTypes.find((t) => t.name === wanted) : dataTypes.length === 1 ? dataTypes[0] : undefined;
    if (!type) {
      const names = dataTypes.map((t) => t.name).join(', ');
      return void doc.problem(typeE?.line ?? e.line, wanted
        ? `source.recordType "${wanted}" is not a data record type of the layout (${names})`
        : `the layout has several data record types (${names}): name the one this mapping reads with source.recordType`);
    }
    return { format: 'fixed', charset: fixed.charset.name, header: false, columns: type.fieldNames, recordType: type.name, fixed, layoutFile };
  } catch (err) {
    if (err instanceof MappingError) {
      // The fixed-length loader names the key path; an inline layout gets the line of `source:`.
      doc.problems.push(err.line === undefined && !layoutE ? new MappingError(doc.file, e.line, err.message.replace(/^[^:]*: /, '')) : err);
      return undefined;
    }
    throw err;
  }
}

function parseOutput(doc: DocReader, e: Entry | undefined): OutputSpec {
  const spec: OutputSpec = { charset: 'utf-8', newline: 'crlf', header: true };
  if (!e) return spec;
  const entries = doc.map(e.node, 'output', e.line);
  if (!entries) return spec;
  doc.onlyKeys(entries, OUTPUT_KEYS, 'output');
  for (const o of entries) {
    if (o.key === 'charset') spec.charset = outputCharset(doc, o.node, o.line) ?? spec.charset;
    else if (o.key === 'newline') spec.newline = doc.oneOf(o.node, 'output.newline', o.line, ['crlf', 'lf'] as const) ?? spec.newline;
    else if (o.key === 'header') spec.header = doc.bool(o.node, 'output.header', o.line) ?? spec.header;
  }
  return spec;
}

function parseColumnRef(doc: DocReader, node: Node | null, line: number, source: SourceSpec): ColumnRef | undefined {
  const text = doc.string(node, 'from', line);
  if (text === undefined) return undefined;
  const at = doc.line(node, line);
  if (text === '') return void doc.problem(at, 'from: the column name is empty');
  if (!doc.quoted(node) && /^[0-9]+$/.test(text)) {
    const index = Number(text);
    if (index < 1) return void doc.problem(at, 'from: column positions start at 1');
    if (source.columns && index > source.columns.length) {
      return void doc.problem(at, `from: column ${index} is beyond source.columns (${source.columns.length} columns)`);
    }
    return { index };
  }
  if (!source.header && !source.columns) {
    return void doc.problem(at, `from: "${text}" is a column name, but the source has no header row and no source.columns; use a 1-based position`);
  }
  if (source.columns && !source.columns.includes(text)) {
    return void doc.problem(at, `from: "${text}" is not in source.columns`);
  }
  return { name: text };
}

function parseField(doc: DocReader, e: Entry, source: SourceSpec, ctxBase: CtxBase): FieldMapping | undefined {
  const target = e.key;
  // Shorthand: `target: 列名` means `target: { from: 列名 }`.
  if (!isMap(e.node)) {
    const col = parseColumnRef(doc, e.node, e.line, source);
    return col ? { target, line: e.line, source: { kind: 'columns', columns: [col] }, transforms: [] } : undefined;
  }
  const entries = doc.map(e.node, `field ${target}`, e.line);
  if (!entries) return undefined;
  doc.onlyKeys(entries, FIELD_KEYS, `field ${target}`);
  const fromE = entry(entries, 'from');
  const constE = entry(entries, 'const');
  const refE = entry(entries, 'ref');
  const given = [fromE, constE, refE].filter(Boolean).length;
  if (given !== 1) {
    doc.problem(e.line, `field ${target}: give exactly one of from, const or ref (found ${given})`);
    return undefined;
  }
  let src: FieldSource | undefined;
  if (fromE) {
    if (isSeq(fromE.node)) {
      const items = doc.seq(fromE.node, `field ${target}: from`, fromE.line) ?? [];
      const columns = items.map((n) => parseColumnRef(doc, n, fromE.line, source));
      if (items.length === 0) doc.problem(fromE.line, `field ${target}: from lists no columns`);
      else if (columns.every((c) => c !== undefined)) src = { kind: 'columns', columns: columns as ColumnRef[] };
    } else {
      const col = parseColumnRef(doc, fromE.node, fromE.line, source);
      if (col) src = { kind: 'columns', columns: [col] };
    }
  } else if (constE) {
    const v = doc.string(constE.node, `field ${target}: const`, constE.line);
    if (v !== undefined) src = { kind: 'const', value: v };
  } else if (refE) {
    const v = doc.string(refE.node, `field ${target}: ref`, refE.line);
    if (v === '') doc.problem(refE.line, `field ${target}: ref names no field`);
    else if (v !== undefined) src = { kind: 'ref', field: v };
  }
  const defaultE = entry(entries, 'default');
  const dflt = defaultE ? doc.string(defaultE.node, `field ${target}: default`, defaultE.line) : undefined;
  const transformsE = entry(entries, 'transforms');
  const transforms = transformsE ? parseChain(doc, transformsE, target, ctxBase) : [];
  if (src?.kind === 'const' && transforms.length > 0) doc.problem(transformsE!.line, `field ${target}: a const value takes no transforms (write the final value)`);
  if (src?.kind === 'columns') {
    const combineAt = transforms.findIndex((t) => t.kind === 'combine');
    if (src.columns.length > 1 && combineAt !== 0) {
      doc.problem(transformsE?.line ?? fromE!.line, `field ${target}: from lists ${src.columns.length} columns, so the first transform must combine them (join)`);
    }
  }
  for (const [i, t] of transforms.entries()) {
    if (t.kind === 'combine' && (i !== 0 || src?.kind !== 'columns')) {
      doc.problem(t.line, `field ${target}: ${t.name} combines several columns and must be the first transform of a field with from: [..]`);
    }
  }
  if (!src) return undefined;
  return { target, line: e.line, source: src, default: dflt, transforms };
}

function parseChain(doc: DocReader, e: Entry, target: string, ctxBase: CtxBase): TransformStep[] {
  const items = doc.seq(e.node, `field ${target}: transforms`, e.line);
  const steps: TransformStep[] = [];
  for (const item of items ?? []) {
    const at = doc.line(item, e.line);
    let name: string | undefined;
    let argsNode: Node | null = null;
    let argsLine = at;
    if (isMap(item)) {
      const entries = doc.map(item, `field ${target}: transform`, at);
      if (!entries) continue;
      if (entries.length !== 1) {
        doc.problem(at, `field ${target}: each transform is a name, or one "name: arguments" pair (found ${entries.length} keys)`);
        continue;
      }
      name = entries[0]!.key;
      argsNode = entries[0]!.node;
      argsLine = entries[0]!.line;
    } else {
      name = doc.string(item, `field ${target}: transform`, at);
    }
    if (name === undefined) continue;
    const def = TRANSFORMS.get(name);
    if (!def) {
      doc.problem(at, `field ${target}: unknown transform "${name}" (known: ${[...TRANSFORMS.keys()].join(', ')})`);
      continue;
    }
    const args = parseArgs(doc, def.name, def.args, def.shorthand, argsNode, argsLine, target);
    if (!args) continue;
    const ctx: TransformContext = {
      dir: ctxBase.dir,
      file: ctxBase.file,
      field: target,
      readFile(rel, argKey) {
        const at = ctxBase.named.check(rel, `${def.name} ${argKey}`);
        if (at.escapes) throw new ArgError(argKey, at.escapes);
        const abs = at.abs;
        const shownAs = relative(process.cwd(), abs) || abs;
        try {
          return { bytes: readFileSync(abs), shownAs };
        } catch {
          throw new ArgError(argKey, `${def.name}: cannot read ${shownAs}`);
        }
      },
    };
    try {
      const fn = def.create(args.values, ctx);
      steps.push({ name: def.name, line: at, kind: def.kind, fn } as TransformStep);
    } catch (err) {
      if (!(err instanceof ArgError)) throw err;
      doc.problem(err.arg !== undefined ? (args.lines[err.arg] ?? at) : at, `field ${target}: ${err.message}`);
    }
  }
  return steps;
}

function parseArgs(
  doc: DocReader, name: string, specs: Record<string, ArgSpec>, shorthand: string | undefined,
  node: Node | null, line: number, target: string,
): { values: Args; lines: Record<string, number> } | undefined {
  const values: Args = {};
  const lines: Record<string, number> = {};
  const what = `field ${target}: ${name}`;
  let entries: { key: string; node: Node | null; line: number }[] = [];
  let ok = true;
  if (node === null || (isScalar(node) && (node.value === null || node.value === ''))) {
    entries = [];
  } else if (isMap(node)) {
    entries = (doc.map(node, what, line) ?? []).map((x) => ({ key: x.key, node: x.node, line: x.line }));
  } else {
    // A bare scalar or list fills the transform's main argument: `- width: toZenkaku`.
    if (!shorthand) {
      doc.problem(line, `${what}: arguments must be given as a mapping (${Object.keys(specs).join(', ') || 'none taken'})`);
      return undefined;
    }
    entries = [{ key: shorthand, node, line: doc.line(node, line) }];
  }
  for (const a of entries) {
    const spec = specs[a.key];
    lines[a.key] = a.line;
    if (!spec) {
      doc.problem(a.line, `${what}: unknown argument "${a.key}" (allowed: ${Object.keys(specs).join(', ') || 'none'})`);
      ok = false;
      continue;
    }
    const v = argValue(doc, spec, a.node, a.line, `${what}: ${a.key}`);
    if (v === undefined) ok = false;
    else values[a.key] = v;
  }
  for (const [key, spec] of Object.entries(specs)) {
    if (spec.required && !(key in values) && !(key in lines)) {
      doc.problem(line, `${what}: missing argument "${key}" (${spec.doc})`);
      ok = false;
    }
  }
  return ok ? { values, lines } : undefined;
}

function argValue(doc: DocReader, spec: ArgSpec, node: Node | null, line: number, what: string): unknown {
  switch (spec.type) {
    case 'string':
      return doc.string(node, what, line);
    case 'char': {
      const s = doc.string(node, what, line);
      if (s === undefined) return undefined;
      if (Array.from(s).length !== 1) return void doc.problem(line, `${what} must be exactly one character`);
      return s;
    }
    case 'int':
      return doc.int(node, what, line, spec.min ?? 0);
    case 'bool':
      return doc.bool(node, what, line);
    case 'enum':
      return doc.oneOf(node, what, line, spec.values ?? []);
    case 'strings': {
      if (isSeq(node)) {
        const items = doc.seq(node, what, line);
        if (!items) return undefined;
        const out: string[] = [];
        for (const i of items) {
          const s = doc.string(i, what, line);
          if (s === undefined) return undefined;
          out.push(s);
        }
        if (out.length === 0) return void doc.problem(line, `${what} lists nothing`);
        return out;
      }
      const s = doc.string(node, what, line);
      return s === undefined ? undefined : [s];
    }
    case 'table': {
      const entries = doc.map(node, what, line);
      if (!entries) return undefined;
      const t: Record<string, string> = {};
      for (const x of entries) {
        const s = doc.string(x.node, `${what} "${x.key}"`, x.line);
        if (s === undefined) return undefined;
        t[x.key] = s;
      }
      return t;
    }
  }
}

function checkRefs(doc: DocReader, fields: FieldMapping[]): void {
  const byTarget = new Map(fields.map((f) => [f.target, f]));
  for (const f of fields) {
    if (f.source.kind === 'ref' && !byTarget.has(f.source.field)) {
      doc.problem(f.line, `field ${f.target}: ref "${f.source.field}" is not a field of this mapping`);
    }
  }
  const cycle = findRefCycle(fields);
  if (cycle) {
    doc.problem(byTarget.get(cycle[0]!)!.line, `fields refer to each other in a cycle: ${cycle.join(' → ')}`);
  }
}

/** Failsafe YAML keeps every scalar as text; sections validated elsewhere expect booleans and numbers. */
function typedScalars(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(typedScalars);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typedScalars(x)]));
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (typeof v === 'string' && /^[0-9]+(\.[0-9]+)?$/.test(v)) return Number(v);
  return v;
}

/**
 * The tables `cleanse.gaiji` names (`table`, `mjTable`): fenced and listed here, where the file's
 * lines are known; the cleanse stages validate the rest of the section (and read the tables).
 */
function cleanseFiles(doc: DocReader, cleanseE: Entry, named: NamedFiles): void {
  const keyed = (node: Node | null, key: string): Entry | undefined => {
    if (!isMap(node)) return undefined;
    for (const pair of node.items) {
      const k = pair.key as Node | null;
      if (isScalar(k) && k.value === key) return { key, keyLine: doc.line(k), node: (pair.value as Node | null) ?? null, line: doc.line(k) };
    }
    return undefined;
  };
  const gaiji = keyed(cleanseE.node, 'gaiji');
  for (const [key, role] of [['table', '外字 table (cleanse.gaiji.table)'], ['mjTable', 'MJ table (cleanse.gaiji.mjTable)']] as const) {
    const e = gaiji ? keyed(gaiji.node, key) : undefined;
    if (!e || !isScalar(e.node) || typeof e.node.value !== 'string') continue;
    if (key === 'mjTable' && e.node.value === 'mojidata') continue; // the optional package, not a file
    const at = named.check(e.node.value, role);
    if (at.escapes) doc.problem(e.line, at.escapes);
  }
}

/** The charsets a converted file may be written in, by any name the charset registry knows (shift_jis, ms932, utf8, …). */
const OUTPUT_CHARSETS = ['utf-8', 'cp932'] as const;

function outputCharset(doc: DocReader, node: Node | null | undefined, line: number): OutputSpec['charset'] | undefined {
  const s = doc.string(node, 'output.charset', line);
  if (s === undefined) return undefined;
  const c = canonicalCharsetName(s);
  const hit = OUTPUT_CHARSETS.find((x) => x === c);
  return hit ?? void doc.problem(node ?? line, `output.charset must be one of ${OUTPUT_CHARSETS.join(', ')} (got "${s}")`);
}
