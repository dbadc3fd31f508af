import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseUnit } from '../pipeline/unit-plan.ts';
import { convert, displayPath } from '../api/convert.ts';
import { formatSampleLine } from '../report/run-report.ts';
import { count, defineCommand, writeLine } from './command.ts';
import { limitOption, maxSamplesOption, schemasOption, threadsOption, tzOption, workbookLimitsOption } from './shared-options.ts';
import { checkTimeZone } from '../core/time-zone.ts';
import { parseWorkbookLimits } from '../core/excel.ts';
import { describeSwept } from '../pipeline/stale-temps.ts';
import { ProgressLine } from './progress.ts';
import { onInterrupt } from './interrupt.ts';

export const convertCommand = defineCommand({
  name: 'convert',
  summary: 'convert vendor exports into standard-layout files (mapping or job file)',
  usage: ['--mapping M --in FILE [--in FILE…] --out DIR [options]', '--job JOB.yaml [--out DIR] [options]', '--mapping M --in FILE --dry-run [--limit N] [--out DIR]'],
  description: `Convert vendor exports into standard-layout files through a declarative mapping.
Every record read ends up in the output, in the rejects file (with reasons), or in the
duplicates count; the run checks that read = written + rejected + duplicates per file.

Writes (all mode 0600, each under its final name only when complete):
  DIR/<STANDARD_FILE>.csv           standard-layout output (UTF-8 unless the mapping says cp932)
  DIR/rejects/<input>.rejects.csv   rejected records: location, finding codes, messages, raw text,
                                    undecodable bytes in hex
  DIR/rejects/<input>.rejects.xlsx  the same rows as a workbook, with --rejects-xlsx
  DIR/report.json                   run report: per file read/written/rejected/duplicates, findings`,
  positional: { name: 'FILE', min: 0 },
  options: {
    mapping: { type: 'string', value: 'M', help: 'mapping file (YAML or JSON) for the inputs' },
    in: { type: 'string', value: 'FILE', multiple: true, help: 'input export (repeatable; inputs may also be given as plain arguments)' },
    job: { type: 'string', value: 'JOB', help: 'job file listing several {mapping, inputs} units and the output directory' },
    out: { type: 'string', value: 'DIR', help: 'output directory (created if missing)' },
    concurrency: { type: 'int', value: 'N', help: 'input files converted at once (default 2)' },
    ...threadsOption(),
    unit: { type: 'string', value: 'I/N', help: 'process only unit I of N (0 ≤ I < N) into DIR, a unit directory; join the N\nunit directories with `chukan merge` (see docs/PERFORMANCE.md)' },
    ...maxSamplesOption('finding samples kept in report.json (totals are always complete; default 1000)'),
    ...schemasOption(),
    ...tzOption("time zone of report.json's times (IANA name; default Asia/Tokyo), ISO 8601\nwith the offset"),
    resume: { type: 'flag', help: 'skip units that OUT/report.json shows complete and whose output and rejects\nfiles still match the SHA-256 recorded there (inputs, mapping and layout\nunchanged); convert the rest. Resumed files are marked in the new report.' },
    ...limitOption('convert only the first N data records of each input (a header row not\ncounted); report.json says "limit": N, and a file cut short is marked\n"limitReached" and not complete (--resume converts it again)'),
    ...workbookLimitsOption('a 外字対応表 or MJ table given as xlsx'),
    'rejects-xlsx': { type: 'flag', help: 'also write each input\'s rejects as DIR/rejects/<input>.rejects.xlsx for Excel\nusers: original text, undecodable bytes in hex beside it, formulas\nneutralised (a job file can say rejectsXlsx: true)' },
    'dry-run': { type: 'flag', help: 'read, map, check and report, but write no output and no rejects file: the\nsame findings and counts as a real run. With --out, only DIR/report.json is\nwritten (marked "dryRun": true); without --out nothing is written' },
  },
  json: 'print report.json on stdout instead of the summary',
  notes: 'Exit codes: 0 every record written (or, with --dry-run, would be); 1 records rejected or findings at\nerror level; 2 could not run; 130 interrupted (outputs removed, partial report written).',
  async run({ values, positionals, io, logger }) {
    const inputs = [...(values.in ?? []), ...positionals];
    const progress = new ProgressLine(io.stderr, io.isTTY && !values.quiet && !values.json, 0);
    const ac = new AbortController();
    const release = onInterrupt(() => ac.abort());
    try {
      const result = await convert({
        job: values.job ? resolve(io.cwd, values.job) : undefined,
        mapping: values.mapping ? resolve(io.cwd, values.mapping) : undefined,
        inputs: inputs.map((i) => resolve(io.cwd, i)),
        out: values.out ? resolve(io.cwd, values.out) : undefined,
        concurrency: values.concurrency,
        threads: values.threads ?? availableParallelism(),
        unit: values.unit !== undefined ? parseUnit(values.unit) : undefined,
        maxSamples: values['max-samples'],
        logger,
        signal: ac.signal,
        relativeTo: io.cwd,
        schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined,
        resume: values.resume,
        limit: values.limit,
        dryRun: values['dry-run'],
        rejectsXlsx: values['rejects-xlsx'],
        timeZone: values.tz !== undefined ? checkTimeZone(values.tz) : undefined,
        workbookLimits: parseWorkbookLimits(values['workbook-limits']),
        onProgress: (p) => progress.retotal(p.bytesTotal).update(p.bytesDone, p.records, p.findings),
      });
      progress.done();
      const r = result.report;
      if (values.json) {
        io.stdout.write(JSON.stringify(r, null, 2) + '\n');
      } else if (!values.quiet) {
        for (const f of r.files) {
          writeLine(io.stdout, `${f.input}: read ${count(f.read)}, written ${count(f.written)}, rejected ${count(f.rejected)}, duplicates ${count(f.duplicates)}` +
            (f.output ? ` → ${f.output}` : '') + (f.resumed ? ' (resumed: verified by SHA-256, not converted again)' : '') +
            (f.limitReached ? ` (first ${count(r.limit!)} records: --limit)` : ''));
        }
        // Errors and warnings are what a person must act on; info findings (a 外字 resolved as the
        // table says, a duplicate dropped) are counted in the report.
        const shown = r.findings.samples.filter((s) => s.severity !== 'info').slice(0, 20);
        for (const s of shown) writeLine(io.stderr, formatSampleLine(s, 'en'));
        const actionable = Object.values(r.findings.byCode).reduce((n, c) => n + (c.severity === 'info' ? 0 : c.count), 0);
        const where = result.reportPath ? `see ${displayPath(result.reportPath, io.cwd)}` : 'give --out DIR for report.json';
        if (actionable > shown.length) writeLine(io.stderr, `… and ${count(actionable - shown.length)} more findings (${where})`);
        if (r.staleTempsRemoved) writeLine(io.stdout, describeSwept(r.staleTempsRemoved));
        if (r.dryRun) writeLine(io.stdout, 'dry run: no output or rejects written');
        if (result.reportPath) writeLine(io.stdout, `report: ${displayPath(result.reportPath, io.cwd)}${r.status === 'interrupted' ? ' (interrupted: partial report)' : ''}`);
      }
      if (r.status === 'interrupted') return 130;
      return result.exitCode;
    } finally {
      release();
      progress.done();
    }
  },
});
