import { listLayouts, openCatalog } from '../api/layouts.ts';
import { listText } from '../layouts/describe.ts';
import { resolve } from 'node:path';
import type { CliCommand } from './command.ts';
import { parseCommandArgs, writeLine } from './command.ts';

const help = `Usage: chukan layouts list [--json] [--catalog FILE | --schemas DIR]

The 業務 (domains) of the catalog with their standard-layout files: Japanese names, layout ids,
standard file names and item counts.

Options:
  --json          print a JSON array: [{ id, no?, name, variantOf?, files: [{ id, name, layout,
                  fileName, required?, items, error? }] }]
  --catalog FILE  read another catalog file; the layouts it names are read from its folder
  --schemas DIR   schemas directory (default: the schemas shipped with chukan)
`;

export const layoutsListCommand: CliCommand = {
  name: 'layouts list',
  summary: 'list the 業務 and standard-layout files of the catalog',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' }, catalog: { type: 'string' }, schemas: { type: 'string' } }, false);
    const src = { catalogFile: values.catalog ? resolve(io.cwd, values.catalog) : undefined, schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined };
    const domains = listLayouts(src);
    if (values.json) io.stdout.write(JSON.stringify(domains, null, 2) + '\n');
    else for (const line of listText(domains, openCatalog(src))) writeLine(io.stdout, line);
    return domains.some((d) => d.files.some((f) => f.items === null)) ? 1 : 0;
  },
};
