import { resolve } from 'node:path';
import { gaijiScan } from '../api/gaiji-scan.ts';
import { UsageError } from '../core/errors.ts';
import { REPERTOIRES, type RepertoireName } from '../cleanse/repertoire.ts';
import { count, defineCommand, writeLine } from './command.ts';
import { describeSwept } from '../pipeline/stale-temps.ts';
import { charsetOption, headerOption, limitOption } from './shared-options.ts';

export const gaijiScanCommand = defineCommand({
  name: 'gaiji scan',
  summary: 'inventory 外字 (private-use and out-of-repertoire characters) and write a 外字対応表 template',
  usage: 'FILE... [options]',
  description: `List every 外字 in vendor exports: each distinct private-use code point (CP932 F040–F9FC →
U+E000–U+E757) and, with --repertoire, every character outside that character set, with its source
bytes, count, fields and first locations (file, record, line, byte offset). Optionally writes a
外字対応表 template (CSV and xlsx) for the vendor to fill (format: docs/CLEANSE.md).

Code points are not personal data; the scan never prints field values (a character outside the
repertoire is shown on its own, never its field).`,
  positional: { name: 'FILE', min: 1 },
  options: {
    mapping: { type: 'string', value: 'M', help: 'mapping file: source charset, delimiter, header; fields are named by their\ntarget field (or source column). Without it, fields are numbered (#1, #2…)' },
    ...charsetOption("source charset (default cp932, or the mapping's)"),
    ...headerOption('(without --mapping) the first record is a header row: names columns, not\nscanned (default: no; with --mapping the mapping says)'),
    repertoire: { type: 'string', value: 'R', choices: REPERTOIRES, help: `also list characters outside R: ${REPERTOIRES.join(' | ')}` },
    'max-locations': { type: 'int', value: 'N', min: 0, help: 'locations kept per code point (default 10; counts are always complete)' },
    ...limitOption('scan only the first N data records of each file (default: all)'),
    'template-out': { type: 'string', value: 'DIR', help: 'write DIR/gaiji-table-template.csv and .xlsx (mode 0600)' },
    table: { type: 'string', value: 'T', help: "the vendor's (partly filled) 外字対応表: its cells are carried into the template" },
    mj: { type: 'flag', help: 'add suggestions to the template from MJ文字情報 (optional package\n@mandel59/mojidata; npm install @mandel59/mojidata sql.js — not bundled, its data\nis CC BY-SA): for each 外字 whose MJ文字図形名, 戸籍統一文字番号, 住基ネット統一文字コード,\n変換先UCS or 字形の説明 the vendor gave, the candidate MJ glyphs (UCS + IVS) and their\n縮退 to JIS X 0208 (MJ縮退マップ). Without the package: a message, exit 2' },
  },
  json: 'print exactly a JSON array of {"codePoint","bytes","count","locations",…}',
  notes: 'Exit codes: 0 scanned; 2 could not run.',
  async run({ values, positionals, io }) {
    if (values.mapping !== undefined && values.header !== undefined) throw new UsageError(`--${values.header ? '' : 'no-'}header cannot be combined with --mapping: the mapping's source.header says whether there is a header row`);
    const result = await gaijiScan({
      files: positionals,
      ...(values.mapping !== undefined ? { mapping: values.mapping } : {}),
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.header !== undefined ? { header: values.header } : {}),
      ...(values.repertoire !== undefined ? { repertoire: values.repertoire as RepertoireName } : {}),
      ...(values['max-locations'] !== undefined ? { maxLocations: values['max-locations'] } : {}),
      ...(values.limit !== undefined ? { limit: values.limit } : {}),
      ...(values['template-out'] !== undefined ? { templateOut: values['template-out'] } : {}),
      ...(values.table !== undefined ? { table: resolve(io.cwd, values.table) } : {}),
      ...(values.mj ? { mj: true } : {}),
      cwd: io.cwd,
    });
    if (values.json) {
      io.stdout.write(JSON.stringify(result.entries, null, 2) + '\n');
      return 0;
    }
    if (values.quiet) return 0;
    const pua = result.entries.filter((e) => e.kind === 'pua');
    const outside = result.entries.filter((e) => e.kind === 'outside');
    writeLine(io.stdout, `${result.files.map((f) => `${f.file}: ${count(f.records)} records`).join('\n')}`);
    writeLine(io.stdout, `外字 (private use): ${count(pua.length)} distinct, ${count(pua.reduce((n, e) => n + e.count, 0))} occurrences` +
      (result.repertoire ? `; outside ${result.repertoire}: ${count(outside.length)} distinct, ${count(outside.reduce((n, e) => n + e.count, 0))} occurrences` : ''));
    for (const e of result.entries) {
      const first = e.locations[0];
      const where = first ? `${first.file}:${first.record} (line ${first.line}, byte ${first.offset}) ${first.field}` : '';
      writeLine(io.stdout, `  ${e.codePoint.padEnd(8)} ${(e.bytes || '-').padEnd(8)} ${count(e.count).padStart(8)}  ${e.kind === 'pua' ? '外字' : e.char}  ${Object.keys(e.fields).join(',')}  first: ${where}`);
    }
    if (result.template?.staleTempsRemoved) writeLine(io.stdout, describeSwept(result.template.staleTempsRemoved));
    if (result.template) writeLine(io.stdout, `template: ${result.template.csv}, ${result.template.xlsx}${result.template.suggested !== undefined ? ` (MJ suggestions for ${count(result.template.suggested)} rows)` : ''}`);
    return 0;
  },
});
