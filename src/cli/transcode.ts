import { transcode } from '../api/transcode.ts';
import { UsageError } from '../core/errors.ts';
import { charsetNames } from '../encoding/index.ts';
import { formatSampleLine } from '../report/run-report.ts';
import type { CliCommand } from './command.ts';
import { parseCommandArgs, writeLine } from './command.ts';
import { onInterrupt } from './interrupt.ts';

const MAX_LINES = 100;

const help = `Usage: chukan transcode FILE --from CHARSET --to CHARSET --out OUT [--bom]

Re-encode a whole file, byte for byte strict. Every byte that is not valid in --from and every
character --to cannot hold (e.g. 𠮟 U+20B9F in cp932) is reported with its byte offset in FILE;
then nothing is written: OUT appears (mode 0600, via a temp file and rename) only when the whole
file converted cleanly. Nothing is replaced by "?" or U+FFFD. Vendor 外字 in the user-defined area
(cp932 F040–F9FC, euc-jp rows F5–FE) travels as private-use characters U+E000–U+E757.

Charsets:
${Object.entries(charsetNames()).map(([c, names]) => `  ${c.padEnd(7)} ${names.join(', ')}`).join('\n')}
  cp932 is Windows-31J (Microsoft table); euc-jp is eucJP-ms. See docs/ENCODING.md.

Options:
  --from CHARSET   charset of FILE (a UTF-8 byte-order mark at its start is skipped)
  --to CHARSET     charset to write
  --out OUT        output file (its directory must exist; must not be FILE)
  --bom            start OUT with a UTF-8 byte-order mark (--to utf-8 only)

Exit codes: 0 written; 1 findings (listed on stderr, one per line, at most ${MAX_LINES}), nothing written;
2 usage error, unreadable FILE, unknown charset or write failure.
`;

export const transcodeCommand: CliCommand = {
  name: 'transcode',
  summary: 're-encode a file between cp932, euc-jp and utf-8, failing on any bad byte or unrepresentable character',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      bom: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing input FILE' : 'give exactly one input FILE');
    for (const o of ['from', 'to', 'out'] as const) if (!values[o]) throw new UsageError(`--${o} is required`);
    const ac = new AbortController();
    const release = onInterrupt(() => ac.abort());
    try {
      const r = await transcode({
        input: positionals[0],
        from: values.from!,
        to: values.to!,
        output: values.out!,
        cwd: io.cwd,
        bom: values.bom,
        signal: ac.signal,
      });
      if (r.ok) {
        const extras = [r.bomSkipped ? 'byte-order mark skipped' : '', r.puaCharacters ? `${r.puaCharacters} private-use (外字) characters kept` : ''].filter(Boolean);
        writeLine(io.stdout, `wrote ${values.out}: ${r.bytesWritten} bytes ${r.to} from ${r.bytesRead} bytes ${r.from}${extras.length ? ` (${extras.join(', ')})` : ''}`);
        return 0;
      }
      for (const s of r.findings.slice(0, MAX_LINES)) writeLine(io.stderr, `${formatSampleLine(s)}${s.sample ? ` — ${s.sample}` : ''}`);
      const total = Object.values(r.findingCounts).reduce((n, c) => n + c.count, 0);
      if (total > MAX_LINES) writeLine(io.stderr, `… and ${total - MAX_LINES} more (${Object.entries(r.findingCounts).map(([code, c]) => `${code}: ${c.count}`).join(', ')})`);
      writeLine(io.stderr, `chukan transcode: ${total} finding(s); nothing was written to ${values.out}`);
      return 1;
    } finally {
      release();
    }
  },
};
