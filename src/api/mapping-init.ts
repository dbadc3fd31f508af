/**
 * `chukan mapping init --layout L --sample FILE [--out M.yaml]`: proposes a mapping from a
 * layout and a sample export (src/mapping/propose). Reads the sample's first bytes only, writes
 * nothing but `out` — created new, or replaced with `force` — and never a value of the sample
 * except code values.
 */
import { open, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputNotFoundError, OutputNotWritableError, UsageError } from '../core/errors.ts';
import { getCharset } from '../encoding/index.ts';
import { compileLayout, loadLayout } from '../layouts/index.ts';
import { emitMapping, proposeMapping, type Proposal } from '../mapping/propose/index.ts';
import { itemTypeText, type Step } from '../mapping/propose/plan.ts';
import { shapeText } from '../mapping/propose/profile.ts';

/** Bytes of the sample read: enough for the default 1,000 records of a wide export. */
export const INIT_SAMPLE_BYTES = 4 << 20;

export interface MappingInitOptions {
  layout: string;
  sample: string;
  /** The mapping file to write; without it nothing is written (the caller prints the text). */
  out?: string;
  /** Replace `out` when it exists. */
  force?: boolean;
  schemasDir?: string;
  /** The sample's charset instead of guessing it. */
  charset?: string;
  /** Whether the first record is a header row, instead of deciding. */
  header?: boolean;
  /** Records profiled (default 1,000). */
  limit?: number;
  /** Paths shown as given relative to this directory. */
  cwd?: string;
}

export interface InitFieldJson {
  field: string;
  title: string;
  from: string | number;
  confidence: 'confident' | 'check';
  name?: string;
  reasons: string[];
  notes: string[];
  transforms: Step[];
  codes?: { table: string; identity: boolean; values: { value: string; count: number; same?: string }[] };
  companionOf?: string;
}

export interface MappingInitResult {
  proposal: Proposal;
  /** The mapping's text. */
  yaml: string;
  /** Where it was written (as given), when `out` was given. */
  written?: string;
  json: {
    layout: string;
    sample: string;
    out: string | null;
    records: number;
    source: Record<string, { value: string | boolean; reason: string }>;
    fields: InitFieldJson[];
    unmapped: { field: string; title: string; type: string; required: boolean }[];
    unusedColumns: { column: number; header?: string; shape: string }[];
  };
  /** 0 every required item mapped; 1 some required item left as a TODO. */
  exitCode: 0 | 1;
}

async function readSample(path: string, shown: string): Promise<{ bytes: Uint8Array; whole: boolean }> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw new InputNotFoundError(shown, { cause: err });
  }
  try {
    const size = (await fh.stat()).size;
    const buf = Buffer.alloc(Math.min(size, INIT_SAMPLE_BYTES));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return { bytes: buf.subarray(0, bytesRead), whole: bytesRead >= size };
  } finally {
    await fh.close();
  }
}

export async function mappingInit(opts: MappingInitOptions): Promise<MappingInitResult> {
  const cwd = opts.cwd ?? process.cwd();
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 1)) throw new UsageError('--limit takes a whole number ≥ 1');
  if (opts.charset) getCharset(opts.charset);
  const layout = compileLayout(loadLayout(opts.layout, { schemasDir: opts.schemasDir }));
  const { bytes, whole } = await readSample(resolve(cwd, opts.sample), opts.sample);
  const proposal = proposeMapping({
    layout, sample: bytes, wholeFile: whole, sampleName: opts.sample, charset: opts.charset, header: opts.header, maxRecords: opts.limit === undefined ? undefined : opts.limit + 1,
  });
  if (proposal.columns.length === 0) throw new UsageError(`${opts.sample}: no record could be read from the sample (empty, or not CSV text)`);
  const yaml = emitMapping(proposal);
  let written: string | undefined;
  if (opts.out) {
    const path = resolve(cwd, opts.out);
    try {
      // 'wx' refuses an existing file (O_EXCL): nothing is ever overwritten without --force.
      await writeFile(path, yaml, { flag: opts.force ? 'w' : 'wx', mode: 0o644 });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new UsageError(`${opts.out} exists; pass --force to replace it`);
      throw new OutputNotWritableError(opts.out, code ?? (err as Error).message, { cause: err });
    }
    written = opts.out;
  }
  const d = proposal.dialect;
  const json: MappingInitResult['json'] = {
    layout: layout.id,
    sample: opts.sample,
    out: written ?? null,
    records: proposal.records,
    source: {
      charset: { value: d.charset.name, reason: `${d.charset.reason}: ${d.charset.evidence}` },
      delimiter: d.delimiter,
      quote: d.quote,
      lineEnds: { value: d.lineEnds.value, reason: d.lineEnds.reason },
      header: proposal.header,
    },
    fields: proposal.fields.map((f) => ({
      field: f.field.id,
      title: f.field.title,
      from: proposal.header.value && f.column.header ? f.column.header : f.column.index + 1,
      confidence: f.confidence,
      ...(f.name ? { name: f.name } : {}),
      reasons: f.reasons,
      notes: f.plan.notes,
      transforms: f.plan.steps,
      ...(f.plan.codes ? { codes: { table: f.plan.codes.table, identity: f.plan.codes.identity, values: f.plan.codes.rows.map((r) => ({ value: r.value, count: r.count, ...(r.same ? { same: r.same } : {}) })) } } : {}),
      ...(f.companionOf ? { companionOf: f.companionOf } : {}),
    })),
    unmapped: proposal.unmapped.map((f) => ({ field: f.id, title: f.title, type: itemTypeText(f), required: f.required })),
    unusedColumns: proposal.unusedColumns.map((c) => ({ column: c.index + 1, ...(c.header !== undefined ? { header: c.header } : {}), shape: shapeText(c) })),
  };
  return { proposal, yaml, ...(written ? { written } : {}), json, exitCode: proposal.unmapped.some((f) => f.required) ? 1 : 0 };
}

/** A list that fits a line: the first items, then how many more. */
function list(items: string[], max = 8): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, … (+${items.length - max})`;
}

/** The one-screen summary of a proposal. */
export function initSummary(r: MappingInitResult): string[] {
  const p = r.proposal;
  const d = p.dialect;
  const fromOf = (f: Proposal['fields'][number]) => (p.header.value && f.column.header ? f.column.header : `column ${f.column.index + 1}`);
  const confident = p.fields.filter((f) => f.confidence === 'confident');
  const check = p.fields.filter((f) => f.confidence === 'check');
  const codes = p.fields.filter((f) => f.plan.codes);
  const todos = p.fields.filter((f) => f.plan.notes.some((n) => n.startsWith('TODO')));
  const required = p.unmapped.filter((f) => f.required);
  const optional = p.unmapped.filter((f) => !f.required);
  const delim = d.delimiter.value === '\t' ? 'TAB' : `"${d.delimiter.value}"`;
  const lines = [
    `chukan mapping init: ${p.layout.id} (${p.layout.title}) from ${p.sampleName}, ${p.records} records`,
    `  source: ${d.charset.name} (${d.charset.reason}), delimiter ${delim}, quote ${d.quote.value}, ${d.lineEnds.value.toUpperCase()} line ends, header row: ${p.header.value ? 'yes' : 'no'} (${p.header.reason})`,
    `  mapped with confidence (${confident.length}): ${confident.length === 0 ? '-' : list(confident.map((f) => `${f.field.id} ← ${fromOf(f)}`))}`,
    `  to check (${check.length}): ${check.length === 0 ? '-' : list(check.map((f) => `${f.field.id} ← ${fromOf(f)}`))}`,
  ];
  if (codes.length > 0) {
    const confirm = codes.filter((f) => f.plan.codes!.identity).map((f) => f.field.id);
    const fill = codes.filter((f) => !f.plan.codes!.identity).map((f) => `${f.field.id} (${f.plan.codes!.rows.length} values)`);
    lines.push(`  codes: to confirm ${confirm.length === 0 ? '-' : list(confirm)}; to fill in ${fill.length === 0 ? '-' : list(fill)}`);
  }
  if (todos.length > 0) lines.push(`  transforms to finish (TODO in the file): ${list(todos.map((f) => f.field.id))}`);
  lines.push(`  unmapped required items (${required.length}): ${required.length === 0 ? '-' : list(required.map((f) => `${f.id} ${f.title}`))}`);
  lines.push(`  unmapped optional items (${optional.length}): ${optional.length === 0 ? '-' : list(optional.map((f) => f.id))}`);
  if (p.unusedColumns.length > 0) lines.push(`  sample columns not used (${p.unusedColumns.length}): ${list(p.unusedColumns.map((c) => (c.header !== undefined ? `"${c.header}"` : `column ${c.index + 1}`)))}`);
  return lines;
}
