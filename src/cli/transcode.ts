import { transcode } from '../api/transcode.ts';
import { charsetNames } from '../encoding/index.ts';
import { formatSampleLine } from '../report/run-report.ts';
import { count, defineCommand, writeLine } from './command.ts';
import { describeSwept } from '../pipeline/stale-temps.ts';
import { charsetOption } from './shared-options.ts';
import { onInterrupt } from './interrupt.ts';

const MAX_LINES = 100;

export const transcodeCommand = defineCommand({
  name: 'transcode',
  summary: 're-encode a file between cp932, euc-jp, utf-8 and the EBCDIC pages, failing on any bad byte or unrepresentable character',
  usage: 'FILE --from CHARSET --to CHARSET --out OUT [--bom]',
  description: `Re-encode a whole file, byte for byte strict. Every byte that is not valid in --from and every
character --to cannot hold (e.g. 𠮟 U+20B9F in cp932) is reported with its byte offset in FILE;
then nothing is written: OUT appears (mode 0600, via a temp file and rename) only when the whole
file converted cleanly. Nothing is replaced by "?" or U+FFFD. Vendor 外字 in the user-defined area
(cp932 F040–F9FC, euc-jp rows F5–FE) travels as private-use characters U+E000–U+E757.

Charsets:
${Object.entries(charsetNames()).map(([c, names]) => `  ${c.padEnd(7)} ${names.join(', ')}`).join('\n')}
  cp932 is Windows-31J (Microsoft table); euc-jp is eucJP-ms. See docs/ENCODING.md.`,
  positional: { name: 'FILE', min: 1, max: 1 },
  options: {
    from: { ...charsetOption('').from, required: true, help: 'charset of FILE (a UTF-8 byte-order mark at its start is skipped)' },
    to: { type: 'string', value: 'CHARSET', required: true, help: 'charset to write' },
    out: { type: 'string', value: 'OUT', required: true, help: 'output file (its directory must exist; must not be FILE)' },
    bom: { type: 'flag', help: 'start OUT with a UTF-8 byte-order mark (--to utf-8 only)' },
  },
  json: 'print the result as JSON on stdout: { ok, input, output, from, to, bytesRead,\nbytesWritten, bomSkipped, puaCharacters, findings, findingCounts, findingsTruncated }',
  quiet: 'no summary on stdout (findings still go to stderr; the exit code tells the outcome)',
  notes: `Exit codes: 0 written; 1 findings (listed on stderr, one per line, at most ${MAX_LINES}), nothing written;
2 usage error, unreadable FILE, unknown charset or write failure.`,
  async run({ values, positionals, io }) {
    const ac = new AbortController();
    const release = onInterrupt(() => ac.abort());
    try {
      const r = await transcode({
        input: positionals[0],
        from: values.from,
        to: values.to,
        output: values.out,
        cwd: io.cwd,
        bom: values.bom,
        signal: ac.signal,
      });
      if (values.json) io.stdout.write(JSON.stringify(r, null, 2) + '\n');
      if (r.ok) {
        const extras = [r.bomSkipped ? 'byte-order mark skipped' : '', r.puaCharacters ? `${count(r.puaCharacters)} private-use (外字) characters kept` : ''].filter(Boolean);
        if (!values.json && !values.quiet && r.staleTempsRemoved) writeLine(io.stdout, describeSwept(r.staleTempsRemoved));
        if (!values.json && !values.quiet) writeLine(io.stdout, `wrote ${values.out}: ${count(r.bytesWritten)} bytes ${r.to} from ${count(r.bytesRead)} bytes ${r.from}${extras.length ? ` (${extras.join(', ')})` : ''}`);
        return 0;
      }
      for (const s of r.findings.slice(0, MAX_LINES)) writeLine(io.stderr, `${formatSampleLine(s)}${s.sample ? ` — ${s.sample}` : ''}`);
      const total = Object.values(r.findingCounts).reduce((n, c) => n + c.count, 0);
      if (total > MAX_LINES) writeLine(io.stderr, `… and ${count(total - MAX_LINES)} more (${Object.entries(r.findingCounts).map(([code, c]) => `${code}: ${count(c.count)}`).join(', ')})`);
      writeLine(io.stderr, `chukan transcode: ${count(total)} finding(s); nothing was written to ${values.out}`);
      return 1;
    } finally {
      release();
    }
  },
});
