import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { validate } from '../api/validate.ts';
import { UsageError } from '../core/errors.ts';
import { formatSampleLine } from '../report/run-report.ts';
import type { CliCommand } from './command.ts';
import { intOption, parseCommandArgs, writeLine } from './command.ts';
import { onInterrupt } from './interrupt.ts';
import { createLogger } from './logger.ts';
import { ProgressLine } from './progress.ts';

const help = `Usage: chukan validate --layout L FILE… [options]

Check files that are already in the standard layout: every record against the layout
(required items, lengths in characters or bytes, character classes, dates, code lists),
with findings that name file, record, line, byte offset and field.

Options:
  --layout L         layout id, e.g. juki/kojin (see: chukan layouts list)
  --from CHARSET     charset of the files (default utf-8)
  --no-header        the files have no header row (default: first row is the item names)
  --out DIR          also write DIR/report.json
  --threads N        threads for one large file: this one and N-1 workers (default: the machine's cores)
  --max-samples N    findings listed in the report (totals are always complete; default 1000)
  --json             print the report as JSON on stdout instead of text
  --schemas DIR      layouts and catalog from DIR (e.g. written by chukan layouts import; default: chukan's own)
  --log-level L, --log-file F   as for convert

Exit codes: 0 every record fits the layout; 1 findings at error level; 2 could not run.
`;

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check standard-layout files against their layout',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      layout: { type: 'string' },
      from: { type: 'string' },
      'no-header': { type: 'boolean' },
      out: { type: 'string' },
      'max-samples': { type: 'string' },
      threads: { type: 'string' },
      json: { type: 'boolean' },
      schemas: { type: 'string' },
      'log-level': { type: 'string' },
      'log-file': { type: 'string' },
    });
    if (!values.layout) throw new UsageError('--layout is required (e.g. --layout juki/kojin)');
    if (positionals.length === 0) throw new UsageError('name at least one FILE to validate');
    const logger = createLogger({ level: values['log-level'], file: values['log-file'] });
    const progress = new ProgressLine(io.stderr, io.isTTY, 0);
    const ac = new AbortController();
    const release = onInterrupt(() => ac.abort());
    try {
      const result = await validate({
        layout: values.layout,
        files: positionals.map((f) => resolve(io.cwd, f)),
        charset: values.from,
        header: !values['no-header'],
        out: values.out ? resolve(io.cwd, values.out) : undefined,
        maxSamples: intOption(values['max-samples'], '--max-samples'),
        threads: intOption(values.threads, '--threads') ?? availableParallelism(),
        logger,
        signal: ac.signal,
        relativeTo: io.cwd,
        schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined,
        onProgress: (p) => progress.update(p.bytesDone, p.records, p.findings),
      });
      progress.done();
      const r = result.report;
      if (values.json) {
        io.stdout.write(JSON.stringify(r, null, 2) + '\n');
      } else {
        for (const f of r.files) writeLine(io.stdout, `${f.input}: ${f.read} records, ${f.rejected} with errors`);
        for (const s of r.findings.samples.slice(0, 50)) writeLine(io.stdout, formatSampleLine(s, 'en'));
        const total = Object.values(r.findings.byCode).reduce((n, c) => n + c.count, 0);
        if (total > 50) writeLine(io.stdout, `… ${total - 50} more findings${result.reportPath ? ` (see ${result.reportPath})` : ' (use --out DIR for the full report)'}`);
        writeLine(io.stdout, r.status === 'ok' ? 'OK: every record fits the layout' : `NOT OK: ${total} findings`);
      }
      return r.status === 'interrupted' ? 130 : result.exitCode;
    } finally {
      release();
      progress.done();
    }
  },
};
