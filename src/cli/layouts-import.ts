import { relative, resolve } from 'node:path';
import { importLayouts } from '../api/layouts.ts';
import { UsageError } from '../core/errors.ts';
import { count, defineCommand, writeLine } from './command.ts';
import { charsetOption, workbookLimitsOption } from './shared-options.ts';
import { parseWorkbookLimits } from '../core/excel.ts';
import { describeSwept } from '../pipeline/stale-temps.ts';

export const layoutsImportCommand = defineCommand({
  name: 'layouts import',
  summary: 'read a 項目定義書 or a whole 中間標準 package (xlsx, csv, a folder of CSVs) into chukan layouts',
  usage: 'BOOK.xlsx|BOOK.csv|FOLDER --out DIR [--profile P] [--domain ID] [options]',
  description: `Reads a 項目定義書 or a whole 中間標準レイアウト仕様 package — 移行ファイル構成表 (files, 必須, 主キー),
移行ファイル関連図 (key relations as a table), データ項目一覧表 (items; one sheet per file, or one
sheet/CSV with a file column), コード構成表 (which items are codes) and コード一覧 (code values) —
from an .xlsx workbook, one CSV, or a folder of CSVs (one per sheet), and writes chukan layouts:
DIR/<domain>/<file>.schema.json, DIR/catalog.json (the file inventory), DIR/codes/<id>.json (the
book's code lists), DIR/import-report.json, plus the shipped code lists and shared definitions, so
DIR is a schemas directory of its own (chukan layouts show juki/kojin --schemas DIR; chukan check
DELIVERY --schemas DIR). Imported layouts are standalone (no $ref). .xls books are refused with
how to convert them.

Every sheet, column and cell it cannot map (データ型, 桁数, 単位, 必須, コード, キー, an unknown column
or sheet …) is listed with sheet, row, column and value, and left out — nothing is guessed.`,
  positional: { name: 'BOOK.xlsx, BOOK.csv or a folder of CSV files', min: 1, max: 1 },
  options: {
    out: { type: 'string', value: 'DIR', required: true, help: 'output schemas directory' },
    profile: { type: 'string', value: 'P', help: 'import profile (YAML/JSON): header row, column names, extra type names\n(default: the built-in profile, which reads chukan\'s own exports)' },
    domain: { type: 'string', value: 'ID', help: '業務 id for the layouts (when the book does not name one, e.g. "juki")' },
    ...charsetOption('charset of a CSV book (default: UTF-8 when valid, else CP932)'),
    force: { type: 'flag', help: 'replace layout and code list files that exist in DIR' },
    ...workbookLimitsOption('the workbook'),
  },
  json: 'print the import report as JSON',
  notes: 'Exit codes: 0 every cell mapped; 1 layouts written but some cells were not mapped; 2 could not run.',
  async run({ values, positionals, io }) {
    if (values.domain !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(values.domain)) throw new UsageError(`--domain is an id like "juki" (got "${values.domain}")`);
    const report = await importLayouts({
      book: resolve(io.cwd, positionals[0]),
      out: resolve(io.cwd, values.out),
      profile: values.profile ? resolve(io.cwd, values.profile) : undefined,
      domain: values.domain,
      charset: values.from,
      force: values.force,
      workbookLimits: parseWorkbookLimits(values['workbook-limits']),
    });
    if (values.json) {
      io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    } else if (!values.quiet) {
      for (const l of report.layouts) writeLine(io.stdout, `${l.id}  ${l.title}  ${count(l.items)} 項目  (sheet ${l.sheet}) → ${relative(io.cwd, l.path)}`);
      for (const s of report.packageSheets) writeLine(io.stdout, `sheet ${s.sheet}: ${s.kind}, ${count(s.rows)} rows`);
      for (const c of report.codeLists) writeLine(io.stdout, `code list ${c.id} ${c.name} (${count(c.codes)} codes, sheet ${c.sheet}) → ${relative(io.cwd, c.path)}`);
      for (const u of report.unmapped) {
        const at = [`sheet ${u.sheet}`, u.row !== undefined ? `row ${u.row}` : '', u.column ? `column ${u.column}` : ''].filter(Boolean).join(', ');
        writeLine(io.stdout, `NOT MAPPED ${at}${u.value !== undefined ? ` "${u.value}"` : ''}: ${u.reason}`);
      }
      if (report.staleTempsRemoved) writeLine(io.stdout, describeSwept(report.staleTempsRemoved));
      writeLine(io.stdout, report.unmapped.length === 0 ? 'OK: every item mapped' : `${count(report.unmapped.length)} cells not mapped (see ${relative(io.cwd, resolve(report.out, 'import-report.json'))})`);
    }
    return report.unmapped.length === 0 ? 0 : 1;
  },
});
