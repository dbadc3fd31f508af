import { resolve } from 'node:path';
import { initSummary, mappingInit } from '../api/mapping-init.ts';
import { UsageError } from '../core/errors.ts';
import { defineCommand, writeLine } from './command.ts';
import { charsetOption, headerOption, limitOption, schemasOption } from './shared-options.ts';

export const mappingInitCommand = defineCommand({
  name: 'mapping init',
  summary: 'propose a mapping from a layout and a sample export (charset, header, columns, codes)',
  usage: '--layout L --sample FILE [--out M.yaml [--force]] [options]',
  description: `Propose a mapping from a standard layout and a sample of the vendor's CSV export. From the
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
items. Then: chukan mapping check M.yaml --sample FILE, and chukan convert.`,
  positional: { name: 'FILE', min: 0, max: 0 },
  options: {
    layout: { type: 'string', value: 'L', required: true, help: 'target layout id, e.g. juki/kojin (see chukan layouts list)' },
    sample: { type: 'string', value: 'FILE', required: true, help: 'a sample of the export (its first 4 MiB are read)' },
    out: { type: 'string', value: 'M.yaml', help: 'write the mapping here; the only file written. Without it the mapping is\nprinted on stdout' },
    force: { type: 'flag', help: 'replace M.yaml if it exists (otherwise an existing file is refused, exit 2)' },
    ...charsetOption("the sample's charset instead of guessing it (cp932, euc-jp, utf-8)"),
    ...headerOption('the first record is (--header) or is not (--no-header) a header row,\ninstead of deciding'),
    ...limitOption('records profiled (default 1000)'),
    ...schemasOption(),
  },
  json: 'print the proposal as JSON on stdout instead of the summary:\n{ layout, sample, out, records, source: { charset, delimiter, quote, lineEnds,\nheader: { value, reason } }, fields: [{ field, title, from, confidence, name?,\nreasons, notes, transforms, codes?, companionOf? }], unmapped: [{ field, title,\ntype, required }], unusedColumns: [{ column, header?, shape }],\nmapping?: (the YAML, when there is no --out) }',
  quiet: 'no summary on stderr (the mapping is still written, or printed without --out)',
  notes: 'Exit codes: 0 mapping written (or printed), every required item mapped; 1 written, but required\nitems are left as TODO; 2 could not run (unknown layout, unreadable sample, M.yaml exists).',
  async run({ values, io }) {
    if (values.force && !values.out) throw new UsageError('--force replaces the --out file: give --out M.yaml');
    const r = await mappingInit({
      layout: values.layout,
      sample: values.sample,
      out: values.out,
      force: values.force,
      charset: values.from,
      header: values.header,
      limit: values.limit,
      schemasDir: values.schemas ? resolve(io.cwd, values.schemas) : undefined,
      cwd: io.cwd,
    });
    if (values.json) {
      io.stdout.write(JSON.stringify(r.written ? r.json : { ...r.json, mapping: r.yaml }, null, 2) + '\n');
      return r.exitCode;
    }
    if (!r.written) io.stdout.write(r.yaml);
    if (values.quiet) return r.exitCode;
    for (const line of initSummary(r)) writeLine(io.stderr, line);
    const next = `chukan mapping check ${r.written ?? 'M.yaml'} --sample ${values.sample}`;
    writeLine(io.stderr, r.written ? `wrote ${r.written} — next: ${next}` : `(printed on stdout; --out M.yaml writes it) — next: ${next}`);
    return r.exitCode;
  },
});
