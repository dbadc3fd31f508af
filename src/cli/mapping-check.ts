import { resolve } from 'node:path';
import { ChukanError, LayoutError, MappingError, UsageError } from '../core/errors.ts';
import { compileLayout, loadLayout } from '../layouts/index.ts';
import { checkAgainstLayout, compileMapping, readMapping } from '../mapping/index.ts';
import { checkColumnsAgainstSample, DEFAULT_SAMPLE_LIMIT, runMappingOnSample, type SampleRun } from '../api/mapping-sample.ts';
import { table } from '../layouts/describe.ts';
import { count, defineCommand, writeLine } from './command.ts';
import { limitOption, schemasOption } from './shared-options.ts';

/** One mapping's outcome, as --json prints it. */
interface MappingCheck {
  file: string;
  ok: boolean;
  layout?: string;
  fieldsMapped?: number;
  problems: string[];
  warnings: string[];
  /** With --sample: the mapping run over the sample's first records (a dry run). */
  sample?: SampleRun;
  /** Set when the file could not be read at all (exit 2 for it). */
  error?: { code: string; message: string };
}

export const mappingCheckCommand = defineCommand({
  name: 'mapping check',
  summary: 'check mapping files (syntax, transforms, code tables, fields against the layout; --sample: against a file)',
  usage: ['MAPPING… [--schemas DIR]', 'MAPPING --sample FILE [--limit N] [--schemas DIR]'],
  description: `Check mapping files (YAML or JSON) without reading any data: the file's syntax, the source
and output settings, every field's source (from / const / ref), ref cycles, each transform's
name and arguments, code tables, and every target field against the layout the mapping names.
Every problem is printed as FILE:LINE: message, so all of them can be fixed in one pass.
Layout fields the mapping leaves empty are listed as warnings when the layout requires them.

With --sample, also against a real export: every from: is checked against the file — a name
against its header row (with a did-you-mean after width/kana/space folding), a position against
its column count — and then the mapping runs over the first N records exactly as
\`chukan convert --dry-run --limit N\` would (same reader, transforms, cleansing and layout
checks; nothing is written), and the findings are printed per field with their counts.

The mapping format is described in docs/MAPPING.md.`,
  positional: { name: 'MAPPING', min: 1 },
  options: {
    sample: { type: 'string', value: 'FILE', help: 'a sample of the export the mapping reads (one MAPPING only)' },
    ...limitOption(`records of the sample to run (default ${DEFAULT_SAMPLE_LIMIT}; needs --sample)`),
    ...schemasOption('layouts directory (default: the schemas/ bundled with chukan)'),
  },
  json: 'print a JSON array on stdout, one entry per MAPPING: { file, ok, layout?, fieldsMapped?,\nproblems: [FILE:LINE: message], warnings: [...], error?: { code, message },\nsample?: { file, read, written, rejected, duplicates, limit, limitReached, status,\nfindings: [{ field?, code, severity, count, message }] } }',
  quiet: 'no "ok" / "N problems" lines or sample table on stdout (problems still go to stderr)',
  notes: 'Exit codes: 0 valid; 1 problems found; 2 a file could not be read. With --sample, 1 also when\nrecords of the sample would be rejected (findings at error level).',
  async run({ values, positionals, io }) {
    if (values.sample && positionals.length > 1) throw new UsageError('--sample checks one MAPPING against one file: name one mapping');
    if (values.limit !== undefined && !values.sample) throw new UsageError('--limit needs --sample FILE');
    const schemasDir = values.schemas ? resolve(io.cwd, values.schemas) : undefined;
    const sample = values.sample ? { path: resolve(io.cwd, values.sample), shown: values.sample, limit: values.limit, cwd: io.cwd } : undefined;
    let worst = 0;
    const results: MappingCheck[] = [];
    for (const shown of positionals) {
      let r: MappingCheck;
      try {
        r = await checkOne(resolve(io.cwd, shown), shown, schemasDir, sample);
      } catch (err) {
        if (!(err instanceof ChukanError) || err instanceof MappingError) throw err;
        r = { file: shown, ok: false, problems: [], warnings: [], error: { code: err.code, message: err.message } };
      }
      results.push(r);
      if (!values.json) print(r, shown, values.quiet === true, io.stdout, io.stderr);
      worst = Math.max(worst, r.error ? 2 : r.ok ? 0 : 1);
    }
    if (values.json) io.stdout.write(JSON.stringify(results, null, 2) + '\n');
    return worst;
  },
});

function print(r: MappingCheck, shown: string, quiet: boolean, out: NodeJS.WritableStream, err: NodeJS.WritableStream): void {
  if (r.error) writeLine(err, `chukan mapping check: ${r.error.message} [${r.error.code}]`);
  for (const p of r.problems) writeLine(err, p);
  for (const w of r.warnings) writeLine(err, w);
  if (quiet || r.error) return;
  if (r.problems.length > 0) {
    writeLine(out, `${shown}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`);
    return;
  }
  writeLine(out, `${shown}: ok (layout ${r.layout}, ${r.fieldsMapped} fields mapped${r.warnings.length ? `, ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}` : ''})`);
  const s = r.sample;
  if (!s) return;
  writeLine(out, `${s.file}: read ${count(s.read)} records (${s.limitReached ? `first ${count(s.limit)}: --limit` : 'the whole file'}): ${count(s.written)} written, ${count(s.rejected)} rejected, ${count(s.duplicates)} duplicates — dry run, nothing written`);
  if (s.findings.length === 0) {
    writeLine(out, '  no findings');
    return;
  }
  const rows = s.findings.map((f) => [f.field ?? '(record)', f.code, count(f.count), f.severity, f.message]);
  for (const line of table(['field', 'code', 'count', 'severity', 'first message'], rows)) writeLine(out, `  ${line}`);
}

async function checkOne(path: string, shown: string, schemasDir: string | undefined, sample: { path: string; shown: string; limit?: number; cwd: string } | undefined): Promise<MappingCheck> {
  const { mapping, problems } = await readMapping(path, { shownAs: shown });
  const warnings: string[] = [];
  let ids: string[] | undefined;
  if (mapping && mapping.layout !== '') {
    try {
      const layout = compileLayout(loadLayout(mapping.layout, { schemasDir }));
      ids = layout.fields.map((f) => f.id);
      problems.push(...checkAgainstLayout(mapping, ids));
      if (problems.length === 0) {
        // What the pipeline does before reading data: surfaces anything the checks above missed.
        try {
          compileMapping(mapping, { layoutFields: ids });
        } catch (e) {
          if (!(e instanceof MappingError)) throw e;
          problems.push(e);
        }
      }
      const mapped = new Set(mapping.fields.map((f) => f.target));
      for (const f of layout.fields) {
        if (f.required && !mapped.has(f.id)) warnings.push(`${shown}:${mapping.layoutLine}: warning: required field ${f.id} (${f.title}) is not mapped; every record will fail validation`);
      }
    } catch (e) {
      if (!(e instanceof LayoutError)) throw e;
      problems.push(new MappingError(shown, mapping.layoutLine, e.message));
    }
  }
  if (sample && mapping && ids && problems.length === 0) problems.push(...await checkColumnsAgainstSample(mapping, ids, sample.path, sample.shown));
  const seen = new Set<string>();
  const unique = problems.filter((p) => !seen.has(p.message) && seen.add(p.message)).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (unique.length > 0) return { file: shown, ok: false, problems: unique.map((p) => p.message), warnings };
  const r: MappingCheck = { file: shown, ok: true, layout: mapping!.layout, fieldsMapped: mapping!.fields.length, problems: [], warnings };
  if (sample) {
    r.sample = await runMappingOnSample(path, sample.path, { limit: sample.limit, schemasDir, cwd: sample.cwd });
    if (r.sample.status !== 'ok') r.ok = false;
  }
  return r;
}
