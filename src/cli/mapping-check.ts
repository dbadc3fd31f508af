import { resolve } from 'node:path';
import { ChukanError, LayoutError, MappingError } from '../core/errors.ts';
import { compileLayout, loadLayout } from '../layouts/index.ts';
import { checkAgainstLayout, compileMapping, readMapping } from '../mapping/index.ts';
import { defineCommand, writeLine } from './command.ts';
import { schemasOption } from './shared-options.ts';

/** One mapping's outcome, as --json prints it. */
interface MappingCheck {
  file: string;
  ok: boolean;
  layout?: string;
  fieldsMapped?: number;
  problems: string[];
  warnings: string[];
  /** Set when the file could not be read at all (exit 2 for it). */
  error?: { code: string; message: string };
}

export const mappingCheckCommand = defineCommand({
  name: 'mapping check',
  summary: 'check mapping files (syntax, transforms, code tables, fields against the layout)',
  usage: 'MAPPING… [--schemas DIR]',
  description: `Check mapping files (YAML or JSON) without reading any data: the file's syntax, the source
and output settings, every field's source (from / const / ref), ref cycles, each transform's
name and arguments, code tables, and every target field against the layout the mapping names.
Every problem is printed as FILE:LINE: message, so all of them can be fixed in one pass.
Layout fields the mapping leaves empty are listed as warnings when the layout requires them.

The mapping format is described in docs/MAPPING.md.`,
  positional: { name: 'MAPPING', min: 1 },
  options: {
    ...schemasOption('layouts directory (default: the schemas/ bundled with chukan)'),
  },
  json: 'print a JSON array on stdout, one entry per MAPPING: { file, ok, layout?, fieldsMapped?,\nproblems: [FILE:LINE: message], warnings: [...], error?: { code, message } }',
  quiet: 'no "ok" / "N problems" lines on stdout (problems still go to stderr)',
  notes: 'Exit codes: 0 valid; 1 problems found; 2 a file could not be read.',
  async run({ values, positionals, io }) {
    const schemasDir = values.schemas ? resolve(io.cwd, values.schemas) : undefined;
    let worst = 0;
    const results: MappingCheck[] = [];
    for (const shown of positionals) {
      let r: MappingCheck;
      try {
        r = await checkOne(resolve(io.cwd, shown), shown, schemasDir);
      } catch (err) {
        if (!(err instanceof ChukanError) || err instanceof MappingError) throw err;
        r = { file: shown, ok: false, problems: [], warnings: [], error: { code: err.code, message: err.message } };
      }
      results.push(r);
      if (!values.json) {
        if (r.error) writeLine(io.stderr, `chukan mapping check: ${r.error.message} [${r.error.code}]`);
        for (const p of r.problems) writeLine(io.stderr, p);
        for (const w of r.warnings) writeLine(io.stderr, w);
        if (!values.quiet && !r.error) {
          if (!r.ok) writeLine(io.stdout, `${shown}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`);
          else writeLine(io.stdout, `${shown}: ok (layout ${r.layout}, ${r.fieldsMapped} fields mapped${r.warnings.length ? `, ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}` : ''})`);
        }
      }
      worst = Math.max(worst, r.error ? 2 : r.ok ? 0 : 1);
    }
    if (values.json) io.stdout.write(JSON.stringify(results, null, 2) + '\n');
    return worst;
  },
});

async function checkOne(path: string, shown: string, schemasDir: string | undefined): Promise<MappingCheck> {
  const { mapping, problems } = await readMapping(path, { shownAs: shown });
  const warnings: string[] = [];
  if (mapping && mapping.layout !== '') {
    try {
      const layout = compileLayout(loadLayout(mapping.layout, { schemasDir }));
      const ids = layout.fields.map((f) => f.id);
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
  const seen = new Set<string>();
  const unique = problems.filter((p) => !seen.has(p.message) && seen.add(p.message)).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (unique.length > 0) return { file: shown, ok: false, problems: unique.map((p) => p.message), warnings };
  return { file: shown, ok: true, layout: mapping!.layout, fieldsMapped: mapping!.fields.length, problems: [], warnings };
}
