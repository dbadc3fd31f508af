import { resolve } from 'node:path';
import { displayPath } from '../api/convert.ts';
import { merge } from '../api/merge.ts';
import { count, defineCommand, writeLine } from './command.ts';
import { describeSwept } from '../pipeline/stale-temps.ts';
import { maxSamplesOption } from './shared-options.ts';

export const mergeCommand = defineCommand({
  name: 'merge',
  summary: 'join the unit directories of a convert --unit I/N run into one result',
  usage: 'UNIT_DIR… --out DIR [options]',
  description: `Join the unit directories of a run split with \`chukan convert … --unit I/N --out UNIT_DIR\`
(one per unit, I = 0 … N-1, e.g. one per Kubernetes Indexed Job pod) into exactly what one run
of the same convert writes: the standard-layout outputs and rejects files byte for byte, and a
report.json whose per-file counts and finding totals are the single run's.
Every unit 0 … N-1 must be given once, all from the same inputs; see docs/PERFORMANCE.md.`,
  positional: { name: 'UNIT_DIR', min: 1 },
  options: {
    out: { type: 'string', value: 'DIR', required: true, help: 'output directory (created if missing)' },
    ...maxSamplesOption('finding samples kept in report.json (default: as the units kept)'),
    'rejects-xlsx': { type: 'flag', help: 'also write the merged rejects as DIR/rejects/<input>.rejects.xlsx (as convert\n--rejects-xlsx does)' },
  },
  json: 'print the merged report.json on stdout instead of the summary',
  notes: 'Exit codes: 0 every record written; 1 records rejected or findings at error level; 2 could not run.',
  async run({ values, positionals, io }) {
    const result = await merge({
      units: positionals.map((p) => resolve(io.cwd, p)),
      out: resolve(io.cwd, values.out),
      maxSamples: values['max-samples'],
      rejectsXlsx: values['rejects-xlsx'],
      relativeTo: io.cwd,
    });
    if (values.json) {
      io.stdout.write(JSON.stringify(result.report, null, 2) + '\n');
    } else if (!values.quiet) {
      for (const f of result.report.files) {
        writeLine(io.stdout, `${f.input}: read ${count(f.read)}, written ${count(f.written)}, rejected ${count(f.rejected)}, duplicates ${count(f.duplicates)}` + (f.output ? ` → ${f.output}` : ''));
      }
      if (result.report.staleTempsRemoved) writeLine(io.stdout, describeSwept(result.report.staleTempsRemoved));
      writeLine(io.stdout, `report: ${displayPath(result.reportPath, io.cwd)}`);
    }
    return result.exitCode;
  },
});
