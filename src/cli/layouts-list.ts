import { listLayouts, openCatalog } from '../api/layouts.ts';
import { listText } from '../layouts/describe.ts';
import { resolve } from 'node:path';
import { defineCommand, writeLine } from './command.ts';
import { catalogOptions } from './shared-options.ts';

export const layoutsListCommand = defineCommand({
  name: 'layouts list',
  summary: 'list the 業務 and standard-layout files of the catalog',
  usage: '[--json] [--catalog FILE | --schemas DIR]',
  description: `The 業務 (domains) of the catalog with their standard-layout files: Japanese names, layout ids,
standard file names and item counts.`,
  positional: { name: 'arguments', min: 0, max: 0 },
  options: catalogOptions(),
  json: 'print a JSON array: [{ id, no?, name, variantOf?, files: [{ id, name, layout,\nfileName, required?, items, error? }] }]',
  quiet: 'nothing on stdout unless --json (exit 1 still says a layout could not be read)',
  notes: 'Exit codes: 0 listed; 1 a layout of the catalog could not be read (its items show the error); 2 could not run.',
  async run({ values, io }) {
    const src = { catalogFile: values.catalog ? resolve(io.cwd, values.catalog) : undefined, schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined };
    const domains = listLayouts(src);
    if (values.json) io.stdout.write(JSON.stringify(domains, null, 2) + '\n');
    else if (!values.quiet) for (const line of listText(domains, openCatalog(src))) writeLine(io.stdout, line);
    return domains.some((d) => d.files.some((f) => f.items === null)) ? 1 : 0;
  },
});
