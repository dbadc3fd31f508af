import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseUnit } from '../pipeline/unit-plan.ts';
import { convert, displayPath } from '../api/convert.ts';
import { formatSampleLine } from '../report/run-report.ts';
import type { CliCommand } from './command.ts';
import { intOption, parseCommandArgs, writeLine } from './command.ts';
import { createLogger } from './logger.ts';
import { ProgressLine } from './progress.ts';
import { onInterrupt } from './interrupt.ts';

const help = `Usage: chukan convert --mapping M --in FILE [--in FILE…] --out DIR [options]
       chukan convert --job JOB.yaml [--out DIR] [options]
       chukan convert --mapping M --in FILE --dry-run [--limit N] [--out DIR]

Convert vendor exports into standard-layout files through a declarative mapping.
Every record read ends up in the output, in the rejects file (with reasons), or in the
duplicates count; the run checks that read = written + rejected + duplicates per file.

Writes (all mode 0600, each under its final name only when complete):
  DIR/<STANDARD_FILE>.csv           standard-layout output (UTF-8 unless the mapping says cp932)
  DIR/rejects/<input>.rejects.csv   rejected records: location, finding codes, messages, raw text
  DIR/report.json                   run report: per file read/written/rejected/duplicates, findings

Options:
  --mapping M        mapping file (YAML or JSON) for the inputs
  --in FILE          input export (repeatable)
  --job JOB          job file listing several {mapping, inputs} units and the output directory
  --out DIR          output directory (created if missing)
  --concurrency N    input files converted at once (default 2)
  --threads N        threads for one large input: this one and N-1 workers (default: the machine's cores)
  --unit I/N         process only unit I of N (0 ≤ I < N) into DIR, a unit directory; join the N
                     unit directories with \`chukan merge\` (see docs/PERFORMANCE.md)
  --max-samples N    finding samples kept in report.json (totals are always complete; default 1000)
  --schemas DIR      layouts and catalog from DIR (e.g. written by chukan layouts import; default: chukan's own)
  --log-level L      fatal|error|warn|info|debug|trace|silent (default warn); logs never hold field values
  --log-file F       write JSON logs to F instead of stderr
  --resume           skip units that OUT/report.json shows complete and whose output and rejects
                     files still match the SHA-256 recorded there (inputs, mapping and layout
                     unchanged); convert the rest. Resumed files are marked in the new report.
  --limit N          convert only the first N data records of each input (a header row not
                     counted); report.json says "limit": N, and a file cut short is marked
                     "limitReached" and not complete (--resume converts it again)
  --dry-run          read, map, check and report, but write no output and no rejects file: the
                     same findings and counts as a real run. With --out, only DIR/report.json is
                     written (marked "dryRun": true); without --out nothing is written
  --quiet            no summary on stdout

Exit codes: 0 every record written (or, with --dry-run, would be); 1 records rejected or findings at
error level; 2 could not run; 130 interrupted.
`;

export const convertCommand: CliCommand = {
  name: 'convert',
  summary: 'convert vendor exports into standard-layout files (mapping or job file)',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      mapping: { type: 'string' },
      in: { type: 'string', multiple: true },
      job: { type: 'string' },
      out: { type: 'string' },
      concurrency: { type: 'string' },
      threads: { type: 'string' },
      unit: { type: 'string' },
      'max-samples': { type: 'string' },
      schemas: { type: 'string' },
      'log-level': { type: 'string' },
      'log-file': { type: 'string' },
      quiet: { type: 'boolean' },
      resume: { type: 'boolean' },
      limit: { type: 'string' },
      'dry-run': { type: 'boolean' },
    });
    const inputs = [...(values.in ?? []), ...positionals];
    const logger = createLogger({ level: values['log-level'], file: values['log-file'] });
    const progress = new ProgressLine(io.stderr, io.isTTY, 0);
    const ac = new AbortController();
    const release = onInterrupt(() => ac.abort());
    try {
      const result = await convert({
        job: values.job ? resolve(io.cwd, values.job) : undefined,
        mapping: values.mapping ? resolve(io.cwd, values.mapping) : undefined,
        inputs: inputs.map((i) => resolve(io.cwd, i)),
        out: values.out ? resolve(io.cwd, values.out) : undefined,
        concurrency: intOption(values.concurrency, '--concurrency'),
        threads: intOption(values.threads, '--threads') ?? availableParallelism(),
        unit: values.unit !== undefined ? parseUnit(values.unit) : undefined,
        maxSamples: intOption(values['max-samples'], '--max-samples'),
        logger,
        signal: ac.signal,
        relativeTo: io.cwd,
        schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined,
        resume: values.resume,
        limit: intOption(values.limit, '--limit'),
        dryRun: values['dry-run'],
        onProgress: (p) => progress.retotal(p.bytesTotal).update(p.bytesDone, p.records, p.findings),
      });
      progress.done();
      const r = result.report;
      if (!values.quiet) {
        for (const f of r.files) {
          writeLine(io.stdout, `${f.input}: read ${f.read}, written ${f.written}, rejected ${f.rejected}, duplicates ${f.duplicates}` +
            (f.output ? ` → ${f.output}` : '') + (f.resumed ? ' (resumed: verified by SHA-256, not converted again)' : '') +
            (f.limitReached ? ` (first ${r.limit} records: --limit)` : ''));
        }
        // Errors and warnings are what a person must act on; info findings (a 外字 resolved as the
        // table says, a duplicate dropped) are counted in the report.
        const shown = r.findings.samples.filter((s) => s.severity !== 'info').slice(0, 20);
        for (const s of shown) writeLine(io.stderr, formatSampleLine(s, 'en'));
        const actionable = Object.values(r.findings.byCode).reduce((n, c) => n + (c.severity === 'info' ? 0 : c.count), 0);
        const where = result.reportPath ? `see ${displayPath(result.reportPath, io.cwd)}` : 'give --out DIR for report.json';
        if (actionable > shown.length) writeLine(io.stderr, `… and ${actionable - shown.length} more findings (${where})`);
        if (r.dryRun) writeLine(io.stdout, 'dry run: no output or rejects written');
        if (result.reportPath) writeLine(io.stdout, `report: ${displayPath(result.reportPath, io.cwd)}${r.status === 'interrupted' ? ' (interrupted: partial report)' : ''}`);
      }
      if (r.status === 'interrupted') return 130;
      return result.exitCode;
    } finally {
      release();
      progress.done();
      logger.flush?.();
    }
  },
};
