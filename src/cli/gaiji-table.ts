import { resolve } from 'node:path';
import { checkGaijiTable } from '../api/gaiji-table.ts';
import { UsageError } from '../core/errors.ts';
import { count, defineCommand, writeLine } from './command.ts';
import { charsetOption } from './shared-options.ts';

export const gaijiTableCommand = defineCommand({
  name: 'gaiji table',
  summary: 'check a 外字対応表 and resolve its MJ文字図形名 / 戸籍統一文字番号 / 住基ネット統一文字コード (--mj)',
  usage: 'TABLE [--mj | --mj-table FILE] [options]',
  description: `Check a vendor's 外字対応表 (CSV or xlsx, the columns gaiji scan --template-out writes) the way
convert will read it, and print what every filled row resolves to (UCS code points, IVS included).
MJ文字図形名 (MJ012345), 戸籍統一文字番号 and 住基ネット統一文字コード (J+XXXX) are resolved to UCS + IVS
through MJ文字情報, and a row's 変換先UCS must be the glyph its codes name.`,
  positional: { name: 'TABLE', min: 1, max: 1 },
  options: {
    mj: { type: 'flag', help: 'resolve codes with MJ文字情報 from the optional package @mandel59/mojidata\n(install it yourself: npm install @mandel59/mojidata sql.js; it is not bundled\nbecause its data is CC BY-SA 2.1 JP). Without the package: a message, exit 2' },
    'mj-table': { type: 'string', value: 'FILE', help: 'resolve MJ文字図形名 with an MJ table file (MJ文字図形名 + 実装したUCS / IVS columns)' },
    ...charsetOption('charset of hex 外字コード (default cp932)'),
    'allow-mjplus-pua': { type: 'flag', help: 'accept plane-16 private-use targets (MJ+ characters not yet in Unicode)' },
  },
  json: 'print { table, mj?, mappings: [{ line, source, target, targetCodePoints, how, mj? }], unfilled, problems }',
  notes: 'Exit codes: 0 every filled row resolves; 1 problems in the table (each listed with file:line);\n2 could not run (no such file, --mj without the package).',
  async run({ values, positionals, io }) {
    if (values.mj && values['mj-table']) throw new UsageError('give --mj or --mj-table, not both');
    const r = await checkGaijiTable({
      table: resolve(io.cwd, positionals[0]),
      ...(values.mj ? { mj: true } : {}),
      ...(values['mj-table'] ? { mjTable: resolve(io.cwd, values['mj-table']) } : {}),
      ...(values.from ? { from: values.from } : {}),
      ...(values['allow-mjplus-pua'] ? { allowPlane16Pua: true } : {}),
      cwd: io.cwd,
    });
    if (values.json) {
      io.stdout.write(JSON.stringify({ ...r, table: positionals[0] }, null, 2) + '\n');
    } else if (!values.quiet) {
      if (r.mj) writeLine(io.stdout, `MJ文字情報: ${r.mj.source}${r.mj.loadMs !== undefined ? ` (opened in ${r.mj.loadMs} ms)` : ''}`);
      for (const m of r.mappings) {
        writeLine(io.stdout, `  line ${m.line}: ${m.source} → ${m.targetCodePoints}  ${m.target}  (${m.how}${m.mj ? ` ${m.mj}` : ''}${m.reason ? `: ${m.reason}` : ''})`);
      }
      for (const p of r.problems) writeLine(io.stdout, `PROBLEM ${p}`);
      writeLine(io.stdout, r.problems.length === 0
        ? `OK: ${count(r.mappings.length)} rows resolve${r.unfilled ? `, ${count(r.unfilled)} not filled yet` : ''}`
        : `${count(r.problems.length)} problems`);
    }
    return r.problems.length === 0 ? 0 : 1;
  },
});
