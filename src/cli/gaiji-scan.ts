import { gaijiScan } from '../api/gaiji-scan.ts';
import { UsageError } from '../core/errors.ts';
import { isRepertoireName, REPERTOIRES } from '../cleanse/repertoire.ts';
import type { CliCommand } from './command.ts';
import { parseCommandArgs, writeLine } from './command.ts';

const help = `Usage: chukan gaiji scan FILE... [options]

List every 外字 in vendor exports: each distinct private-use code point (CP932 F040–F9FC →
U+E000–U+E757) and, with --repertoire, every character outside that character set, with its source
bytes, count, fields and first locations (file, record, line, byte offset). Optionally writes a
外字対応表 template (CSV and xlsx) for the vendor to fill (format: docs/CLEANSE.md).

Options:
  --mapping M          mapping file: source charset, delimiter, header; fields are named by their
                       target field (or source column). Without it, fields are numbered (#1, #2…)
  --from CHARSET       source charset (default cp932, or the mapping's)
  --header             (without --mapping) the first record is a header row: names columns, not scanned
  --repertoire R       also list characters outside R: ${REPERTOIRES.join(' | ')}
  --max-locations N    locations kept per code point (default 10; counts are always complete)
  --template-out DIR   write DIR/gaiji-table-template.csv and .xlsx (mode 0600)
  --json               print exactly a JSON array of {"codePoint","bytes","count","locations",…}

Code points are not personal data; the scan never prints field values (a character outside the
repertoire is shown on its own, never its field).
Exit codes: 0 scanned; 2 could not run.
`;

export const gaijiScanCommand: CliCommand = {
  name: 'gaiji scan',
  summary: 'inventory 外字 (private-use and out-of-repertoire characters) and write a 外字対応表 template',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      mapping: { type: 'string' },
      from: { type: 'string' },
      header: { type: 'boolean' },
      repertoire: { type: 'string' },
      'max-locations': { type: 'string' },
      'template-out': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('name at least one export file: chukan gaiji scan FILE...');
    const rep = values.repertoire;
    if (rep !== undefined && !isRepertoireName(rep)) throw new UsageError(`--repertoire must be one of ${REPERTOIRES.join(', ')}`);
    let maxLocations: number | undefined;
    if (values['max-locations'] !== undefined) {
      maxLocations = Number(values['max-locations']);
      if (!Number.isInteger(maxLocations) || maxLocations < 0) throw new UsageError('--max-locations must be a whole number ≥ 0');
    }
    const result = await gaijiScan({
      files: positionals,
      ...(values.mapping !== undefined ? { mapping: values.mapping } : {}),
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.header ? { header: true } : {}),
      ...(rep !== undefined ? { repertoire: rep } : {}),
      ...(maxLocations !== undefined ? { maxLocations } : {}),
      ...(values['template-out'] !== undefined ? { templateOut: values['template-out'] } : {}),
    });
    if (values.json) {
      io.stdout.write(JSON.stringify(result.entries, null, 2) + '\n');
      return 0;
    }
    const pua = result.entries.filter((e) => e.kind === 'pua');
    const outside = result.entries.filter((e) => e.kind === 'outside');
    writeLine(io.stdout, `${result.files.map((f) => `${f.file}: ${f.records} records`).join('\n')}`);
    writeLine(io.stdout, `外字 (private use): ${pua.length} distinct, ${pua.reduce((n, e) => n + e.count, 0)} occurrences` +
      (result.repertoire ? `; outside ${result.repertoire}: ${outside.length} distinct, ${outside.reduce((n, e) => n + e.count, 0)} occurrences` : ''));
    for (const e of result.entries) {
      const first = e.locations[0];
      const where = first ? `${first.file}:${first.record} (line ${first.line}, byte ${first.offset}) ${first.field}` : '';
      writeLine(io.stdout, `  ${e.codePoint.padEnd(8)} ${(e.bytes || '-').padEnd(8)} ${String(e.count).padStart(8)}  ${e.kind === 'pua' ? '外字' : e.char}  ${Object.keys(e.fields).join(',')}  first: ${where}`);
    }
    if (result.template) writeLine(io.stdout, `template: ${result.template.csv}, ${result.template.xlsx}`);
    return 0;
  },
};
