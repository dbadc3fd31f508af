import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { exportLayouts, exportPackageCsvFiles, exportReads, type ExportFormat } from '../api/layouts.ts';
import { refuseOutputsOverInputs } from '../core/same-file.ts';
import { describeSwept, sweepStaleTemps } from '../pipeline/stale-temps.ts';
import { OutputNotWritableError, UsageError } from '../core/errors.ts';
import { defineCommand, writeLine } from './command.ts';
import { catalogOptions } from './shared-options.ts';

const FORMATS = ['xlsx', 'csv', 'csv-package', 'md'] as const;

export const layoutsExportCommand = defineCommand({
  name: 'layouts export',
  summary: 'write layouts as the package sheets of a 項目定義書 (xlsx, csv-package, csv, md)',
  usage: 'DOMAIN[/FILE] --format xlsx|csv|csv-package|md [--out FILE|DIR] [--catalog FILE | --schemas DIR]',
  description: `Writes layouts as a 項目定義書 with Japanese headers (項目番号, 項目ID, 項目名, データ型, 文字種, 桁数,
単位, 必須, 繰返し, コード, 書式, 許可値, キー, 参照先, 番号検査, 個人情報, 項目区分, 備考):
  xlsx         the package sheets: 移行ファイル構成表, 移行ファイル関連図, one データ項目一覧表 sheet
               per file, コード構成表, コード一覧 (needs --out FILE.xlsx)
  csv-package  the same sheets as CSV files (UTF-8 with BOM) in the folder --out DIR
  csv          one CSV of items, UTF-8 with BOM, the file named on every row
  md           Markdown tables (items, then the file's コード一覧)
xlsx, csv-package and csv import again with "chukan layouts import" (default profile) to the same
layouts; import → export → import is a fixed point.`,
  positional: { name: 'DOMAIN or DOMAIN/FILE (e.g. juki or juki/kojin)', min: 1, max: 1 },
  options: {
    format: { type: 'string', value: 'F', choices: FORMATS, help: 'xlsx, csv, csv-package or md (default: from the --out extension, else md)' },
    out: { type: 'string', value: 'FILE|DIR', help: 'write here (a folder for csv-package; default: stdout for csv and md)' },
    ...catalogOptions(),
  },
  json: 'with --out: print { "out", "format", "bytes" } on stdout instead of the note on stderr',
  quiet: 'no "wrote FILE" note on stderr',
  notes: 'Exit codes: 0 written; 2 could not run.',
  async run({ values, positionals, io }) {
    const fromExt = values.out?.toLowerCase().match(/\.(xlsx|csv|md)$/)?.[1];
    const format = (values.format ?? fromExt ?? 'md') as ExportFormat;
    if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx needs --out FILE.xlsx');
    if (values.json && !values.out) throw new UsageError('--json needs --out FILE: without it the document itself is written to stdout');
    const src = { catalogFile: values.catalog ? resolve(io.cwd, values.catalog) : undefined, schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined };
    if ((format as string) === 'csv-package') {
      if (!values.out) throw new UsageError('--format csv-package needs --out DIR (a folder for the CSV files)');
      const dir = resolve(io.cwd, values.out);
      const files = exportPackageCsvFiles(positionals[0], src);
      await refuseOutputsOverInputs([...files.keys()].map((n) => ({ path: join(dir, n), role: 'export', shown: join(values.out!, n) })), exportReads(positionals[0], src));
      const swept = await sweepStaleTemps(dir);
      if (swept.length && !values.json && !values.quiet) writeLine(io.stderr, describeSwept(swept));
      try {
        mkdirSync(dir, { recursive: true });
        for (const [name, b] of files) {
          const tmp = join(dir, `.${name}.${process.pid}.chukan-tmp`);
          writeFileSync(tmp, b);
          renameSync(tmp, join(dir, name));
        }
      } catch (e) {
        throw new OutputNotWritableError(values.out, (e as Error).message, { cause: e });
      }
      if (values.json) writeLine(io.stdout, JSON.stringify({ out: values.out, format, files: [...files.keys()] }));
      else if (!values.quiet) writeLine(io.stderr, `wrote ${files.size} CSV files to ${values.out} (${[...files.keys()].join(', ')})`);
      return 0;
    }
    const bytes = await exportLayouts(positionals[0], format, src);
    if (!values.out) {
      io.stdout.write(bytes);
      return 0;
    }
    const path = resolve(io.cwd, values.out);
    await refuseOutputsOverInputs([{ path, role: 'export', shown: values.out }], exportReads(positionals[0], src));
    const swept = await sweepStaleTemps(dirname(path));
    if (swept.length && !values.json && !values.quiet) writeLine(io.stderr, describeSwept(swept));
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.chukan-tmp`);
    try {
      writeFileSync(tmp, bytes);
      renameSync(tmp, path);
    } catch (e) {
      throw new OutputNotWritableError(values.out, (e as Error).message, { cause: e });
    }
    if (values.json) writeLine(io.stdout, JSON.stringify({ out: values.out, format, bytes: bytes.length }));
    else if (!values.quiet) writeLine(io.stderr, `wrote ${values.out} (${format})`);
    return 0;
  },
});
