import { resolve } from 'node:path';
import { showLayouts, exportFiles } from '../api/layouts.ts';
import { fileText, type FileDetail } from '../layouts/describe.ts';
import { defineCommand, writeLine } from './command.ts';
import { catalogOptions } from './shared-options.ts';

export const layoutsShowCommand = defineCommand({
  name: 'layouts show',
  summary: 'show the items of a layout file (or of every file of a 業務)',
  usage: 'DOMAIN[/FILE] [--json] [--catalog FILE | --schemas DIR]',
  description: `The items of a standard-layout file as a table: 項目番号, id, 項目名, type and length with its unit
(文字 or バイト), character class, required, code list, keys; then コード一覧: every code table the
items use, with each code and its label. DOMAIN alone shows every file of the 業務.`,
  positional: { name: 'DOMAIN or DOMAIN/FILE (e.g. juki/kojin; see chukan layouts list)', min: 1, max: 1 },
  options: catalogOptions(),
  json: `print the file (or { id, name, files: [...] } for a domain) with its fields:
{ id, name, layout, fileName, items, domain, title, description?, source?,
  primaryKey, foreignKeys, fields: [{ no, id, title, required, length?, charClass?,
  date?, codeList?: { id, name, source, authority, codes: [{ code, name }] }, pattern?, enum?, identifier?, personal?,
  fieldClass?, primaryKey?, references? }] }`,
  quiet: 'nothing on stdout unless --json (the exit code says whether the layout was found)',
  notes: 'Exit codes: 0 shown; 2 unknown layout or could not run.',
  async run({ values, positionals, io }) {
    const src = { catalogFile: values.catalog ? resolve(io.cwd, values.catalog) : undefined, schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined };
    const shown = showLayouts(positionals[0], src);
    if (values.json) {
      io.stdout.write(JSON.stringify(shown, null, 2) + '\n');
      return 0;
    }
    if (values.quiet) return 0;
    const details: FileDetail[] = 'fields' in shown ? [shown] : shown.files;
    const compiled = exportFiles(positionals[0], src);
    if (!('fields' in shown)) writeLine(io.stdout, `${shown.id}  ${shown.name}  (${shown.files.length} files)\n`);
    details.forEach((d, i) => {
      if (i > 0) writeLine(io.stdout, '');
      for (const line of fileText(d, compiled[i].layout)) writeLine(io.stdout, line);
    });
    return 0;
  },
});
