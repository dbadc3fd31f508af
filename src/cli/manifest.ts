import { resolve } from 'node:path';
import { makeManifest } from '../api/manifest.ts';
import { UsageError } from '../core/errors.ts';
import type { CliCommand } from './command.ts';
import { parseCommandArgs, writeLine } from './command.ts';

const help = `Usage: chukan manifest DIR [--out FILE] [options]

Write the delivery manifest (納品目録) of a finished conversion's output directory: the 業務 and
files it holds (named as in the catalog), each file's encoding, BOM, data-record count, size and
SHA-256, and the catalog version. report.json, rejects/ and hidden files are not data.
Format: docs/CHECK.md.

Options:
  --out FILE         where to write (default DIR/manifest.json; "-" prints it on stdout)
  --domains A,B      only these 業務 (catalog ids, e.g. juki,kokuho)
  --no-header        the files have no header row (counts are then of every record)
  --schemas DIR      schemas directory holding catalog.json (default: chukan's own)

Exit codes: 0 written; 2 could not run.
`;

export const manifestCommand: CliCommand = {
  name: 'manifest',
  summary: 'write the delivery manifest (files, counts, SHA-256) of a directory',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string' },
      domains: { type: 'string' },
      'no-header': { type: 'boolean' },
      schemas: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('name exactly one directory: chukan manifest DIR');
    const toStdout = values.out === '-';
    const result = await makeManifest({
      dir: resolve(io.cwd, positionals[0]),
      out: toStdout ? false : values.out ? resolve(io.cwd, values.out) : undefined,
      header: !values['no-header'],
      domains: values.domains ? values.domains.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
      schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined,
      onFile: (f) => { if (io.isTTY) io.stderr.write(`\r\x1b[K${f}`); },
    });
    if (io.isTTY) io.stderr.write('\r\x1b[K');
    if (toStdout) {
      io.stdout.write(JSON.stringify(result.manifest, null, 2) + '\n');
      return 0;
    }
    const m = result.manifest;
    for (const d of m.domains) for (const f of d.files) writeLine(io.stdout, `${d.name} ${f.name} ${f.fileName}: ${f.records} 件 records, ${f.bytes} bytes, ${f.encoding}${f.bom ? ' BOM' : ''}, sha256 ${f.sha256}`);
    for (const n of result.ignored) writeLine(io.stdout, `対象外 not in the manifest (not a catalog file name): ${n}`);
    writeLine(io.stdout, `納品目録 manifest: ${result.path} (${m.totals.files} files, ${m.totals.records} records, catalog ${m.catalog.id} ${m.catalog.version})`);
    return 0;
  },
};
