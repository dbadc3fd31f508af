import { DEFAULT_PEEK_LIMIT, peek, type PeekRecord } from '../api/peek.ts';
import { formatFindingLine, renderFinding, type Finding } from '../core/finding.ts';
import { defineCommand, writeLine } from './command.ts';
import { charsetOption, limitOption } from './shared-options.ts';

export const peekCommand = defineCommand({
  name: 'peek',
  summary: 'show the first records of a CSV file as the reader sees them',
  usage: 'FILE [--from CHARSET] [--limit N] [--delimiter C] [--json]',
  description: `Show the first records of a CSV export exactly as chukan's reader splits them — the header row
included — with record number, physical line, byte offset, the fields, and any findings
(unclosed quote, invalid bytes, …). For choosing the charset and delimiter of a mapping.

This prints the data itself (that is its purpose): use it on your own machine, not in logs.`,
  positional: { name: 'FILE', min: 1, max: 1 },
  options: {
    ...charsetOption('charset of the file: cp932 (shift_jis), euc-jp, utf-8.\nDefault: guessed from the first 64 KiB — UTF-8 (BOM, or valid UTF-8 text),\nCP932 or EUC-JP (the one that reads the bytes without an invalid sequence;\nCP932 when there is nothing to go on). The choice and its evidence are said\non stderr.'),
    ...limitOption(`records to show (default ${DEFAULT_PEEK_LIMIT})`, 0),
    delimiter: { type: 'string', value: 'C', help: "one ASCII character (default \",\"; use $'\\t' for TAB)" },
  },
  json: 'one JSON object per record and line:\n{"record":1,"line":1,"offset":0,"fields":[…]}, plus "findings":[codes] when any',
  quiet: 'no note on stderr about the charset chosen (the records are still shown)',
  notes: `Findings about the whole file (UTF-16, a BOM that contradicts --from) go to stderr.
Exit codes: 0 shown (even when records have findings); 2 missing file, unknown charset or bad option.`,
  async run({ values, positionals, io }) {
    const records = peek({
      file: positionals[0],
      from: values.from,
      limit: values.limit ?? DEFAULT_PEEK_LIMIT,
      delimiter: values.delimiter,
      cwd: io.cwd,
      onCharset: (charset, reason, evidence) => {
        if (!values.quiet) writeLine(io.stderr, `chukan peek: reading ${positionals[0]} as ${charset} (${REASONS[reason]}${evidence && reason !== 'bom' && reason !== 'valid-utf-8' ? `: ${evidence}` : ''}${reason === 'given' ? '' : '; --from to change'})`);
      },
      onFileFinding: (f) => writeLine(io.stderr, `chukan peek: ${formatFindingLine(f)}`),
    });
    for await (const r of records) {
      if (values.json) writeLine(io.stdout, jsonLine(r));
      else io.stdout.write(textBlock(r));
    }
    return 0;
  },
});

const REASONS = {
  given: 'as given by --from',
  bom: 'UTF-8 byte-order mark',
  'valid-utf-8': 'the text is valid UTF-8',
  'valid-cp932': 'the bytes are valid CP932 only',
  'valid-euc-jp': 'the bytes are valid EUC-JP only',
  'kana-in-euc-jp': 'valid as CP932 and EUC-JP; the EUC-JP reading has kana',
  'no-kana-in-euc-jp': 'valid as CP932 and EUC-JP; the EUC-JP reading has no kana',
  'fewest-invalid': 'no charset reads every byte; this one has the fewest invalid sequences',
  default: 'default',
} as const;

function jsonLine(r: PeekRecord): string {
  const o: Record<string, unknown> = { record: r.record, line: r.line, offset: r.offset, fields: r.fields };
  if (r.findings.length > 0) o.findings = r.findings.map((f) => f.code);
  return JSON.stringify(o);
}

/** Fields JSON-quoted, so spaces, empty values and line breaks inside values are visible. */
function textBlock(r: PeekRecord): string {
  const lines = [`record ${r.record}  line ${r.line}  byte ${r.offset}  (${r.fields.length} field${r.fields.length === 1 ? '' : 's'}, ${r.byteLength} bytes)`];
  r.fields.forEach((v, i) => lines.push(`  ${String(i + 1).padStart(3)}: ${JSON.stringify(v)}`));
  for (const f of r.findings) lines.push(`  ! ${findingText(f)}`);
  return lines.join('\n') + '\n';
}

function findingText(f: Finding): string {
  return `${f.severity} ${f.code}${f.location.offset !== undefined ? ` at byte ${f.location.offset}` : ''}: ${renderFinding(f, 'en')}`;
}
