import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { validate } from '../api/validate.ts';
import { formatSampleLine } from '../report/run-report.ts';
import { count, defineCommand, writeLine } from './command.ts';
import { describeSwept } from '../pipeline/stale-temps.ts';
import { onInterrupt } from './interrupt.ts';
import { charsetOption, headerOption, limitOption, maxSamplesOption, schemasOption, threadsOption, tzOption } from './shared-options.ts';
import { checkTimeZone } from '../core/time-zone.ts';
import { ProgressLine } from './progress.ts';

export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'check standard-layout files against their layout',
  usage: '--layout L FILE… [options]',
  description: `Check files that are already in the standard layout: every record against the layout
(required items, lengths in characters or bytes, character classes, dates, code lists),
with findings that name file, record, line, byte offset and field.`,
  positional: { name: 'FILE', min: 1 },
  options: {
    layout: { type: 'string', value: 'L', required: true, help: 'layout id, e.g. juki/kojin (see: chukan layouts list)' },
    ...charsetOption('charset of the files (default utf-8)'),
    ...headerOption('the files start with a header row of item names (default: yes;\n--no-header: they do not)'),
    out: { type: 'string', value: 'DIR', help: 'also write DIR/report.json' },
    ...threadsOption(),
    ...maxSamplesOption('findings listed in the report (totals are always complete; default 1000)'),
    ...limitOption('check only the first N data records of each file (a header row not counted);\nthe report says "limit": N and marks a file cut short "limitReached"'),
    ...schemasOption(),
    ...tzOption("time zone of the report's times (IANA name; default Asia/Tokyo)"),
  },
  json: 'print the report as JSON on stdout instead of text',
  notes: 'Exit codes: 0 every record fits the layout; 1 findings at error level; 2 could not run; 130 interrupted.',
  async run({ values, positionals, io, logger }) {
    const progress = new ProgressLine(io.stderr, io.isTTY && !values.quiet && !values.json, 0);
    const ac = new AbortController();
    const release = onInterrupt(() => ac.abort());
    try {
      const result = await validate({
        layout: values.layout,
        files: positionals.map((f) => resolve(io.cwd, f)),
        charset: values.from,
        header: values.header ?? true,
        out: values.out ? resolve(io.cwd, values.out) : undefined,
        maxSamples: values['max-samples'],
        threads: values.threads ?? availableParallelism(),
        logger,
        signal: ac.signal,
        relativeTo: io.cwd,
        schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined,
        limit: values.limit,
        timeZone: values.tz !== undefined ? checkTimeZone(values.tz) : undefined,
        onProgress: (p) => progress.update(p.bytesDone, p.records, p.findings),
      });
      progress.done();
      const r = result.report;
      if (values.json) {
        io.stdout.write(JSON.stringify(r, null, 2) + '\n');
      } else if (!values.quiet) {
        for (const f of r.files) writeLine(io.stdout, `${f.input}: ${count(f.read)} records, ${count(f.rejected)} with errors${f.limitReached ? ` (first ${count(r.limit!)} records: --limit)` : ''}`);
        for (const s of r.findings.samples.slice(0, 50)) writeLine(io.stdout, formatSampleLine(s, 'en'));
        const total = Object.values(r.findings.byCode).reduce((n, c) => n + c.count, 0);
        if (total > 50) writeLine(io.stdout, `… ${count(total - 50)} more findings${result.reportPath ? ` (see ${result.reportPath})` : ' (use --out DIR for the full report)'}`);
        if (r.staleTempsRemoved) writeLine(io.stdout, describeSwept(r.staleTempsRemoved));
        writeLine(io.stdout, r.status === 'ok' ? 'OK: every record fits the layout' : `NOT OK: ${count(total)} findings`);
      }
      return r.status === 'interrupted' ? 130 : result.exitCode;
    } finally {
      release();
      progress.done();
    }
  },
});
