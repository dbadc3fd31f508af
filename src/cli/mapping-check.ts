import { resolve } from 'node:path';
import { ChukanError, LayoutError, MappingError } from '../core/errors.ts';
import { compileLayout, loadLayout } from '../layouts/index.ts';
import { checkAgainstLayout, compileMapping, readMapping } from '../mapping/index.ts';
import type { CliCommand } from './command.ts';
import { parseCommandArgs, writeLine } from './command.ts';

const help = `Usage: chukan mapping check MAPPING… [--schemas DIR]

Check mapping files (YAML or JSON) without reading any data: the file's syntax, the source
and output settings, every field's source (from / const / ref), ref cycles, each transform's
name and arguments, code tables, and every target field against the layout the mapping names.
Every problem is printed as FILE:LINE: message, so all of them can be fixed in one pass.
Layout fields the mapping leaves empty are listed as warnings when the layout requires them.

Options:
  --schemas DIR   layouts directory (default: the schemas/ bundled with chukan)

The mapping format is described in docs/MAPPING.md.

Exit codes: 0 valid; 1 problems found; 2 a file could not be read.
`;

export const mappingCheckCommand: CliCommand = {
  name: 'mapping check',
  summary: 'check mapping files (syntax, transforms, code tables, fields against the layout)',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { schemas: { type: 'string' } });
    if (positionals.length === 0) {
      io.stderr.write(help);
      return 2;
    }
    const schemasDir = values.schemas ? resolve(io.cwd, values.schemas) : undefined;
    let worst = 0;
    for (const shown of positionals) {
      let code: number;
      try {
        code = await checkOne(resolve(io.cwd, shown), shown, schemasDir, io.stdout, io.stderr);
      } catch (err) {
        if (!(err instanceof ChukanError) || err instanceof MappingError) throw err;
        writeLine(io.stderr, `chukan mapping check: ${err.message} [${err.code}]`);
        code = err.exitCode;
      }
      worst = Math.max(worst, code);
    }
    return worst;
  },
};

async function checkOne(path: string, shown: string, schemasDir: string | undefined, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
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
  for (const p of unique) writeLine(err, p.message);
  for (const w of warnings) writeLine(err, w);
  if (unique.length > 0) {
    writeLine(out, `${shown}: ${unique.length} problem${unique.length === 1 ? '' : 's'}`);
    return 1;
  }
  writeLine(out, `${shown}: ok (layout ${mapping!.layout}, ${mapping!.fields.length} fields mapped${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''})`);
  return 0;
}
