import { resolve } from 'node:path';
import { makeManifest } from '../api/manifest.ts';
import { count, defineCommand, writeLine } from './command.ts';
import { describeSwept } from '../pipeline/stale-temps.ts';
import { headerOption, schemasOption } from './shared-options.ts';

export const manifestCommand = defineCommand({
  name: 'manifest',
  summary: 'write the delivery manifest (files, counts, SHA-256) of a directory',
  usage: 'DIR [--out FILE] [options]',
  description: `Write the delivery manifest (納品目録) of a finished conversion's output directory: the 業務 and
files it holds (named as in the catalog), each file's encoding, BOM, data-record count, size and
SHA-256, and the catalog version. report.json, rejects/ and hidden files are not data.
Format: docs/CHECK.md.`,
  positional: { name: 'DIR', min: 1, max: 1 },
  options: {
    out: { type: 'string', value: 'FILE', help: 'where to write (default DIR/manifest.json; "-" prints it on stdout and writes\nno file)' },
    domains: { type: 'string', value: 'A,B', help: 'only these 業務 (catalog ids, e.g. juki,kokuho)' },
    ...headerOption('the files start with a header row (default: yes; --no-header: they do not,\nand counts are then of every record)'),
    ...schemasOption('schemas directory holding catalog.json (default: chukan\'s own)'),
    vendor: { type: 'string', value: 'NAME', help: "納品者: who delivers (printed on the cover of chukan check's report)" },
    'delivered-on': { type: 'string', value: 'DATE', help: "納品日, YYYY-MM-DD (printed on the cover of chukan check's report)" },
  },
  json: 'print the manifest on stdout instead of the summary (it is still written to --out)',
  notes: 'Exit codes: 0 written; 2 could not run.',
  async run({ values, positionals, io }) {
    const toStdout = values.out === '-';
    const result = await makeManifest({
      dir: resolve(io.cwd, positionals[0]),
      out: toStdout ? false : values.out ? resolve(io.cwd, values.out) : undefined,
      header: values.header ?? true,
      domains: values.domains ? values.domains.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
      schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined,
      vendor: values.vendor,
      deliveredOn: values['delivered-on'],
      onFile: (f) => { if (io.isTTY && !values.quiet) io.stderr.write(`\r\x1b[K${f}`); },
    });
    if (io.isTTY && !values.quiet) io.stderr.write('\r\x1b[K');
    if (toStdout || values.json) {
      io.stdout.write(JSON.stringify(result.manifest, null, 2) + '\n');
      return 0;
    }
    if (values.quiet) return 0;
    const m = result.manifest;
    for (const d of m.domains) for (const f of d.files) writeLine(io.stdout, `${d.name} ${f.name} ${f.fileName}: ${count(f.records)} 件 records, ${count(f.bytes)} bytes, ${f.encoding}${f.bom ? ' BOM' : ''}, sha256 ${f.sha256}`);
    for (const n of result.ignored) writeLine(io.stdout, `対象外 not in the manifest (not a catalog file name): ${n}`);
    if (result.staleTempsRemoved) writeLine(io.stdout, describeSwept(result.staleTempsRemoved));
    writeLine(io.stdout, `納品目録 manifest: ${result.path} (${count(m.totals.files)} files, ${count(m.totals.records)} records, catalog ${m.catalog.id} ${m.catalog.version})`);
    return 0;
  },
});
