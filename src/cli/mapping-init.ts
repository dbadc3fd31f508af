import { initSummary, mappingInit } from '../api/mapping-init.ts';
import { UsageError } from '../core/errors.ts';
import type { CliCommand } from './command.ts';
import { intOption, parseCommandArgs, writeLine } from './command.ts';
import { resolve } from 'node:path';

const help = `Usage: chukan mapping init --layout L --sample FILE [--out M.yaml [--force]] [options]

Propose a mapping from a standard layout and a sample of the vendor's CSV export. From the
sample's first records (the real reader, so quotes and line breaks are read as a conversion
reads them) it detects and writes to source: the charset (UTF-8, UTF-8 with BOM, CP932,
EUC-JP, with the evidence), delimiter, quote, line ends and whether the first record is a header
row (with the reason); then matches columns to layout items by header name (exact, after
width/kana/space folding, or through tables/column-synonyms.csv) and by content (和暦 digits or
letters → wareki with the era form found, ｶﾀｶﾅ → width: toZenkaku, 郵便番号 NNN-NNNN, digit
lengths, code values, check digits).

Each item is marked "confident" (its name says so and the values fit, or an identifier whose
check digits hold) or "to check" (content only, a partial name, values that do not fit). Code
items get a codeMap listing the values found beside the layout's codes: mapped to themselves
when every value is a standard code (to confirm), else to "TODO" (to fill in; records are
rejected until then). Every item without a column is a commented TODO with its name, type and
length. The file loads as written; no sample value appears in it except code values.

A one-screen summary goes to stderr: mapped with confidence, to check, codes, unmapped required
items. Then: chukan mapping check M.yaml --sample FILE, and chukan convert.

Options:
  --layout L      target layout id, e.g. juki/kojin (see chukan layouts list)
  --sample FILE   a sample of the export (its first 4 MiB are read)
  --out M.yaml    write the mapping here; the only file written. Without it the mapping is
                  printed on stdout
  --force         replace M.yaml if it exists (otherwise an existing file is refused, exit 2)
  --from CHARSET  the sample's charset instead of guessing it (cp932, euc-jp, utf-8)
  --header        the first record is a header row (instead of deciding)
  --no-header     the first record is data (instead of deciding)
  --limit N       records profiled (default 1000)
  --schemas DIR   layouts from DIR (e.g. written by chukan layouts import)
  --json          print the proposal as JSON on stdout instead of the summary:
                  { layout, sample, out, records, source: { charset, delimiter, quote, lineEnds,
                    header: { value, reason } }, fields: [{ field, title, from, confidence,
                    name?, reasons, notes, transforms, codes?, companionOf? }], unmapped: [{ field,
                    title, type, required }], unusedColumns: [{ column, header?, shape }],
                    mapping?: (the YAML, when there is no --out) }

Exit codes: 0 mapping written (or printed), every required item mapped; 1 written, but required
items are left as TODO; 2 could not run (unknown layout, unreadable sample, M.yaml exists).
`;

export const mappingInitCommand: CliCommand = {
  name: 'mapping init',
  summary: 'propose a mapping from a layout and a sample export (charset, header, columns, codes)',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      layout: { type: 'string' },
      sample: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      from: { type: 'string' },
      header: { type: 'boolean' },
      'no-header': { type: 'boolean' },
      limit: { type: 'string' },
      schemas: { type: 'string' },
      json: { type: 'boolean' },
    }, false);
    if (positionals.length > 0) throw new UsageError(`mapping init takes no FILE arguments (got ${positionals.join(' ')}); use --sample FILE`);
    if (!values.layout) throw new UsageError('--layout L is required (e.g. juki/kojin; see chukan layouts list)');
    if (!values.sample) throw new UsageError('--sample FILE is required (a sample of the export)');
    if (values.header && values['no-header']) throw new UsageError('give --header or --no-header, not both');
    if (values.force && !values.out) throw new UsageError('--force replaces the --out file: give --out M.yaml');
    const r = await mappingInit({
      layout: values.layout,
      sample: values.sample,
      out: values.out,
      force: values.force,
      charset: values.from,
      header: values.header ? true : values['no-header'] ? false : undefined,
      limit: intOption(values.limit, '--limit'),
      schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined,
      cwd: io.cwd,
    });
    if (values.json) {
      io.stdout.write(JSON.stringify(r.written ? r.json : { ...r.json, mapping: r.yaml }, null, 2) + '\n');
      return r.exitCode;
    }
    if (!r.written) io.stdout.write(r.yaml);
    for (const line of initSummary(r)) writeLine(io.stderr, line);
    const next = `chukan mapping check ${r.written ?? 'M.yaml'} --sample ${values.sample}`;
    writeLine(io.stderr, r.written ? `wrote ${r.written} — next: ${next}` : `(printed on stdout; --out M.yaml writes it) — next: ${next}`);
    return r.exitCode;
  },
};
