import { basename, resolve } from 'node:path';
import { check } from '../api/check.ts';
import { UsageError } from '../core/errors.ts';
import { DEFAULT_PROFILE, loadProfile, type CheckProfile } from '../pipeline/delivery-profile.ts';
import type { CliCommand } from './command.ts';
import { intOption, parseCommandArgs, writeLine } from './command.ts';
import { onInterrupt } from './interrupt.ts';
import { createLogger } from './logger.ts';
import { ProgressLine } from './progress.ts';

const help = `Usage: chukan check DIR [options]

Check an exit-data delivery (a directory of standard-layout files) before accepting it (検収):
inventory against the manifest or the catalog's file names, encoding and BOM, record counts and
SHA-256 against the manifest, every record against its layout, primary-key uniqueness, foreign
keys across files and 業務, and the character repertoire (外字 / private use).

Options:
  --manifest M       delivery manifest (default: DIR/manifest.json if present; else files are
                     inferred from the catalog's file names, and the report says so)
  --profile P        YAML/JSON profile: charset, bom, header, domains, repertoire, severity, …
                     (see docs/CHECK.md)
  --out R            report directory (default: DIR-check next to DIR); writes report.json,
                     report.html and report.xlsx (mode 0600)
  --max-samples N    sample records kept per finding code (default 20; totals are always complete)
  --index-memory MiB memory for the primary/foreign key indexes (default 1024, or the
                     profile's keyMemoryMiB); past it the indexes spill to temp files
  --schemas DIR      schemas directory holding catalog.json (default: chukan's own)
  --json             print report.json on stdout instead of the summary
  --log-level L, --log-file F   logging (never values)

Exit codes: 0 受入可 (accept: no findings at error level); 1 要是正 (findings at error level);
2 could not run; 130 interrupted.
`;

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'validate an exit-data delivery and write report.json/html/xlsx',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      manifest: { type: 'string' },
      profile: { type: 'string' },
      out: { type: 'string' },
      'max-samples': { type: 'string' },
      schemas: { type: 'string' },
      'index-memory': { type: 'string' },
      json: { type: 'boolean' },
      'log-level': { type: 'string' },
      'log-file': { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('name exactly one delivery directory: chukan check DIR');
    const maxSamples = intOption(values['max-samples'], '--max-samples', 0);
    let profile: CheckProfile | undefined = values.profile ? loadProfile(resolve(io.cwd, values.profile)) : undefined;
    if (values['index-memory'] !== undefined) {
      const mib = Number(values['index-memory']);
      if (!(mib >= 16)) throw new UsageError('--index-memory must be a number of MiB ≥ 16');
      profile = { ...(profile ?? structuredClone(DEFAULT_PROFILE)), keyMemoryMiB: mib };
    }
    const logger = createLogger({ level: values['log-level'], file: values['log-file'] });
    const progress = new ProgressLine(io.stderr, io.isTTY, 0);
    const ac = new AbortController();
    const release = onInterrupt(() => ac.abort());
    try {
      const result = await check({
        dir: resolve(io.cwd, positionals[0]),
        manifest: values.manifest ? resolve(io.cwd, values.manifest) : undefined,
        profile,
        profileName: values.profile ? basename(values.profile) : undefined,
        out: values.out ? resolve(io.cwd, values.out) : undefined,
        maxSamples,
        schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined,
        logger,
        signal: ac.signal,
        onProgress: (p) => progress.retotal(p.bytesTotal).update(p.bytesDone, p.records, p.findings),
      });
      progress.done();
      const r = result.report;
      if (values.json) {
        io.stdout.write(JSON.stringify(r, null, 2) + '\n');
      } else {
        for (const note of r.delivery.notes) writeLine(io.stdout, `${note.ja} / ${note.en}`);
        for (const d of r.domains) {
          for (const f of d.files) {
            writeLine(io.stdout, `${d.name} ${f.name} ${f.fileName}: ${f.status === 'missing' ? 'なし missing' : `${f.records} 件 records, エラー ${f.errors} errors, 警告 ${f.warnings} warnings`}`);
          }
        }
        for (const q of r.vendorRequests) writeLine(io.stdout, `  [${q.severity}] ${q.code} ×${q.count}: ${q.title.ja} / ${q.title.en}`);
        if (result.written) writeLine(io.stdout, `報告書 report: ${result.written.html} (${result.written.json}, ${result.written.xlsx})`);
        writeLine(io.stdout, `判定 verdict: ${r.verdictLabel.ja} / ${r.verdictLabel.en}`);
      }
      return result.exitCode;
    } finally {
      release();
      progress.done();
    }
  },
};
