import { basename, resolve } from 'node:path';
import { check } from '../api/check.ts';
import { DEFAULT_PROFILE, loadProfile, type CheckProfile } from '../pipeline/delivery-profile.ts';
import { count, defineCommand, writeLine } from './command.ts';
import { describeSwept } from '../pipeline/stale-temps.ts';
import { onInterrupt } from './interrupt.ts';
import { maxSamplesOption, schemasOption, tzOption } from './shared-options.ts';
import { DEFAULT_TIME_ZONE, checkTimeZone, displayInZone } from '../core/time-zone.ts';
import { ProgressLine } from './progress.ts';

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'validate an exit-data delivery and write report.json/html/xlsx',
  usage: 'DIR [options]',
  description: `Check an exit-data delivery (a directory of standard-layout files) before accepting it (検収):
inventory against the manifest or the catalog's file names, encoding and BOM, record counts and
SHA-256 against the manifest, every record against its layout, primary-key uniqueness, foreign
keys across files and 業務, and the character repertoire (外字 / private use).`,
  positional: { name: 'DIR', min: 1, max: 1 },
  options: {
    manifest: { type: 'string', value: 'M', help: 'delivery manifest (default: DIR/manifest.json if present; else files are\ninferred from the catalog\'s file names, and the report says so)' },
    profile: { type: 'string', value: 'P', help: 'YAML/JSON profile: charset, bom, header, domains, repertoire, severity, …\n(see docs/CHECK.md)' },
    out: { type: 'string', value: 'R', help: 'report directory (default: DIR-check next to DIR); writes report.json,\nreport.html and report.xlsx (mode 0600)' },
    ...maxSamplesOption('sample records kept per finding code (default 20; totals are always complete)', 0),
    'index-memory': { type: 'number', value: 'MiB', min: 16, help: "memory for the primary/foreign key indexes (default 1024, or the\nprofile's keyMemoryMiB); past it the indexes spill to temp files" },
    ...schemasOption('schemas directory holding catalog.json (default: chukan\'s own)'),
    ...tzOption(),
  },
  json: 'print report.json on stdout instead of the summary',
  notes: `Exit codes: 0 受入可 (accept: no findings at error level); 1 要是正 (findings at error level);
2 could not run; 130 interrupted.`,
  async run({ values, positionals, io, logger }) {
    const timeZone = checkTimeZone(values.tz ?? DEFAULT_TIME_ZONE);
    let profile: CheckProfile | undefined = values.profile ? loadProfile(resolve(io.cwd, values.profile)) : undefined;
    if (values['index-memory'] !== undefined) {
      profile = { ...(profile ?? structuredClone(DEFAULT_PROFILE)), keyMemoryMiB: values['index-memory'] };
    }
    const progress = new ProgressLine(io.stderr, io.isTTY && !values.quiet && !values.json, 0);
    const ac = new AbortController();
    const release = onInterrupt(() => ac.abort());
    try {
      const result = await check({
        dir: resolve(io.cwd, positionals[0]),
        manifest: values.manifest ? resolve(io.cwd, values.manifest) : undefined,
        profile,
        profileName: values.profile ? basename(values.profile) : undefined,
        profilePath: values.profile ? resolve(io.cwd, values.profile) : undefined,
        out: values.out ? resolve(io.cwd, values.out) : undefined,
        maxSamples: values['max-samples'],
        schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined,
        timeZone,
        logger,
        signal: ac.signal,
        onProgress: (p) => progress.retotal(p.bytesTotal).update(p.bytesDone, p.records, p.findings),
      });
      progress.done();
      const r = result.report;
      if (values.json) {
        io.stdout.write(JSON.stringify(r, null, 2) + '\n');
      } else if (!values.quiet) {
        for (const note of r.delivery.notes) writeLine(io.stdout, `${note.ja} / ${note.en}`);
        for (const d of r.domains) {
          for (const f of d.files) {
            writeLine(io.stdout, `${d.name} ${f.name} ${f.fileName}: ${f.status === 'missing' ? 'なし missing' : `${count(f.records)} 件 records, エラー ${count(f.errors)} errors, 警告 ${count(f.warnings)} warnings`}`);
          }
        }
        for (const q of r.vendorRequests) writeLine(io.stdout, `  [${q.severity}] ${q.code} ×${count(q.count)}: ${q.title.ja} / ${q.title.en}`);
        if (r.staleTempsRemoved) writeLine(io.stdout, describeSwept(r.staleTempsRemoved));
        if (result.written) writeLine(io.stdout, `報告書 report: ${result.written.html} (${result.written.json}, ${result.written.xlsx})`);
        writeLine(io.stdout, `検査日時 checked at: ${displayInZone(r.finishedAt, r.timeZone)}`);
        writeLine(io.stdout, `判定 verdict: ${r.verdictLabel.ja} / ${r.verdictLabel.en}`);
      }
      return result.exitCode;
    } finally {
      release();
      progress.done();
    }
  },
});
