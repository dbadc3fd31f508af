import { writeFileSync, renameSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { exportLayouts, type ExportFormat } from '../api/layouts.ts';
import { OutputNotWritableError, UsageError } from '../core/errors.ts';
import type { CliCommand } from './command.ts';
import { parseCommandArgs, writeLine } from './command.ts';

const help = `Usage: chukan layouts export DOMAIN[/FILE] --format xlsx|csv|md [--out FILE] [--catalog FILE | --schemas DIR]

Writes layouts as a 項目定義書 with Japanese headers (項目番号, 項目ID, 項目名, データ型, 文字種, 桁数,
単位, 必須, 繰返し, コード, 書式, 許可値, キー, 参照先, 番号検査, 個人情報, 項目区分, 備考):
  xlsx  a ファイル一覧 sheet, one sheet per file, then a コード一覧 sheet (needs --out)
  csv   one CSV, UTF-8 with BOM, the file named on every row (業務ID … 標準ファイル名 columns first)
  md    Markdown tables (items, then the file's コード一覧)
xlsx and csv import again with "chukan layouts import" (default profile) to the same layouts.

Options:
  --format F      xlsx, csv or md (default: from the --out extension, else md)
  --out FILE      write here (default: stdout for csv and md)
`;

export const layoutsExportCommand: CliCommand = {
  name: 'layouts export',
  summary: 'write layouts as a 項目定義書 (xlsx, csv, md)',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string' }, out: { type: 'string' }, catalog: { type: 'string' }, schemas: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('name one DOMAIN or DOMAIN/FILE to export (e.g. juki or juki/kojin)');
    const fromExt = values.out?.toLowerCase().match(/\.(xlsx|csv|md)$/)?.[1];
    const format = (values.format ?? fromExt ?? 'md') as ExportFormat;
    if (!['xlsx', 'csv', 'md'].includes(format)) throw new UsageError(`--format must be xlsx, csv or md (got "${format}")`);
    if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx needs --out FILE.xlsx');
    const src = { catalogFile: values.catalog ? resolve(io.cwd, values.catalog) : undefined, schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined };
    const bytes = await exportLayouts(positionals[0], format, src);
    if (!values.out) {
      io.stdout.write(bytes);
      return 0;
    }
    const path = resolve(io.cwd, values.out);
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      writeFileSync(tmp, bytes);
      renameSync(tmp, path);
    } catch (e) {
      throw new OutputNotWritableError(values.out, (e as Error).message, { cause: e });
    }
    writeLine(io.stderr, `wrote ${values.out} (${format})`);
    return 0;
  },
};
