import { DEFAULT_PEEK_LIMIT, peek, type PeekRecord } from '../api/peek.ts';
import { UsageError } from '../core/errors.ts';
import { formatFindingLine, renderFinding, type Finding } from '../core/finding.ts';
import type { CliCommand } from './command.ts';
import { parseCommandArgs, writeLine } from './command.ts';

const help = `Usage: chukan peek FILE [--from CHARSET] [--limit N] [--delimiter C] [--json]

Show the first records of a CSV export exactly as chukan's reader splits them — the header row
included — with record number, physical line, byte offset, the fields, and any findings
(unclosed quote, invalid bytes, …). For choosing the charset and delimiter of a mapping.

This prints the data itself (that is its purpose): use it on your own machine, not in logs.

Options:
  --from CHARSET   charset of the file: cp932 (shift_jis), euc-jp, utf-8.
                   Default: guessed from the first 64 KiB — UTF-8 (BOM, or valid UTF-8 text),
                   CP932 or EUC-JP (the one that reads the bytes without an invalid sequence;
                   CP932 when there is nothing to go on). The choice and its evidence are said
                   on stderr.
  --limit N        records to show (default ${DEFAULT_PEEK_LIMIT})
  --delimiter C    one ASCII character (default ","; use $'\\t' for TAB)
  --json           one JSON object per record and line:
                   {"record":1,"line":1,"offset":0,"fields":[…]}, plus "findings":[codes] when any

Findings about the whole file (UTF-16, a BOM that contradicts --from) go to stderr.
Exit codes: 0 shown (even when records have findings); 2 missing file, unknown charset or bad option.
`;

export const peekCommand: CliCommand = {
  name: 'peek',
  summary: 'show the first records of a CSV file as the reader sees them',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      from: { type: 'string' },
      limit: { type: 'string' },
      delimiter: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('peek takes exactly one FILE (see chukan peek --help)');
    const limit = values.limit === undefined ? DEFAULT_PEEK_LIMIT : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError('--limit takes a whole number ≥ 0');
    const records = peek({
      file: positionals[0],
      from: values.from,
      limit,
      delimiter: values.delimiter,
      cwd: io.cwd,
      onCharset: (charset, reason, evidence) => writeLine(io.stderr, `chukan peek: reading ${positionals[0]} as ${charset} (${REASONS[reason]}${evidence && reason !== 'bom' && reason !== 'valid-utf-8' ? `: ${evidence}` : ''}${reason === 'given' ? '' : '; --from to change'})`),
      onFileFinding: (f) => writeLine(io.stderr, `chukan peek: ${formatFindingLine(f)}`),
    });
    for await (const r of records) {
      if (values.json) writeLine(io.stdout, jsonLine(r));
      else io.stdout.write(textBlock(r));
    }
    return 0;
  },
};

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
