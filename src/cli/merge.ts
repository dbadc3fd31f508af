import { resolve } from 'node:path';
import { displayPath } from '../api/convert.ts';
import { merge } from '../api/merge.ts';
import { UsageError } from '../core/errors.ts';
import type { CliCommand } from './command.ts';
import { intOption, parseCommandArgs, writeLine } from './command.ts';

const help = `Usage: chukan merge UNIT_DIR… --out DIR [options]

Join the unit directories of a run split with \`chukan convert … --unit I/N --out UNIT_DIR\`
(one per unit, I = 0 … N-1, e.g. one per Kubernetes Indexed Job pod) into exactly what one run
of the same convert writes: the standard-layout outputs and rejects files byte for byte, and a
report.json whose per-file counts and finding totals are the single run's.
Every unit 0 … N-1 must be given once, all from the same inputs; see docs/PERFORMANCE.md.

Options:
  --out DIR          output directory (created if missing)
  --max-samples N    finding samples kept in report.json (default: as the units kept)
  --quiet            no summary on stdout

Exit codes: 0 every record written; 1 records rejected or findings at error level; 2 could not run.
`;

export const mergeCommand: CliCommand = {
  name: 'merge',
  summary: 'join the unit directories of a convert --unit I/N run into one result',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string' },
      'max-samples': { type: 'string' },
      quiet: { type: 'boolean' },
    });
    if (!values.out) throw new UsageError('--out DIR is required');
    const result = await merge({
      units: positionals.map((p) => resolve(io.cwd, p)),
      out: resolve(io.cwd, values.out),
      maxSamples: intOption(values['max-samples'], '--max-samples'),
      relativeTo: io.cwd,
    });
    if (!values.quiet) {
      for (const f of result.report.files) {
        writeLine(io.stdout, `${f.input}: read ${f.read}, written ${f.written}, rejected ${f.rejected}, duplicates ${f.duplicates}` + (f.output ? ` → ${f.output}` : ''));
      }
      writeLine(io.stdout, `report: ${displayPath(result.reportPath, io.cwd)}`);
    }
    return result.exitCode;
  },
};
