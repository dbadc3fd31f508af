import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputNotFoundError, UsageError } from '../core/errors.ts';
import { formatFindingLine, renderFinding, type Finding } from '../core/finding.ts';
import { maskValue } from '../core/mask.ts';
import { inspectRecord, loadFixedLayout, readFixedFile, type FixedSourceRecord } from '../readers/fixed/index.ts';
import { parseCommandArgs, writeLine, type CliCommand } from './command.ts';

const HELP = `Usage: chukan fixed inspect FILE --layout LAYOUT [--record N] [--limit N] [--mask]

Show fixed-length records byte by byte against a layout: for every field its offset, length,
name, type, raw bytes in hex, decoded value and findings — for when a mainframe layout does not
line up.

  FILE             the fixed-length export
  --layout, -l L   a fixed layout file, or a mapping file whose source is format: fixed (docs/FIXED.md)
  --record, -r N   first record to show, 1-based (default 1)
  --limit, -n N    how many records to show (default 1)
  --mask           mask decoded values (for screenshots and tickets)

Exit codes: 0 records shown without errors, 1 a shown record has error findings,
2 usage or environment error (no such file, bad layout, record beyond the end).
`;

function positiveInt(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^[1-9][0-9]*$/.test(v)) throw new UsageError(`${name} must be a positive whole number, got "${v}"`);
  return Number(v);
}

/** Display width: full-width and wide characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/** Control characters and PUA shown escaped so the table stays readable and 外字 are visible. */
function visible(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\ue000-\uf8ff\ufffd]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

export const fixedInspect: CliCommand = {
  name: 'fixed inspect',
  summary: 'show fixed-length records as a byte/field table against a layout',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      layout: { type: 'string', short: 'l' },
      record: { type: 'string', short: 'r' },
      limit: { type: 'string', short: 'n' },
      mask: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE (see chukan fixed inspect --help)');
    if (!values.layout) throw new UsageError('--layout is required (see chukan fixed inspect --help)');
    const first = positiveInt(values.record, '--record', 1);
    const limit = positiveInt(values.limit, '--limit', 1);
    const file = positionals[0]!;
    const path = resolve(io.cwd, file);
    const { compiled } = loadFixedLayout(resolve(io.cwd, values.layout), values.layout);

    let handle;
    try {
      handle = await open(path, 'r');
    } catch (err) {
      throw new InputNotFoundError(file, { cause: err });
    }
    const shown: FixedSourceRecord[] = [];
    const fileFindings: Finding[] = [];
    let total = 0;
    try {
      for await (const batch of readFixedFile(path, compiled, { file })) {
        fileFindings.push(...batch.findings);
        for (const r of batch.records) {
          total = r.record;
          if (r.record >= first && r.record < first + limit) shown.push(r);
        }
        if (total >= first + limit - 1) break;
      }
      if (shown.length === 0) throw new UsageError(`record ${first} is beyond the end of ${file} (${total} records)`);

      const L = compiled;
      writeLine(io.stdout, `${file}: layout ${L.spec.name ?? values.layout} (charset ${L.charset.name}, terminator ${L.terminator}${L.recordLength ? `, record length ${L.recordLength}` : ''})`);
      let errors = 0;
      for (const r of shown) {
        const bytes = Buffer.alloc(r.byteLength);
        await handle.read(bytes, 0, r.byteLength, r.offset);
        writeLine(io.stdout, '');
        writeLine(io.stdout, `record ${r.record}${r.line ? ` (line ${r.line})` : ''} at byte ${r.offset} (0x${r.offset.toString(16).toUpperCase()}), ${r.byteLength} bytes, type ${r.recordType || '(unknown)'}${r.role !== 'unknown' ? ` (${r.role})` : ''}`);
        const rows = inspectRecord(L, r, bytes);
        const table = [['offset', 'len', 'field', 'type', 'hex', 'value', 'findings']];
        for (const row of rows) {
          const v = row.value === undefined ? '' : `"${visible(values.mask ? maskValue(row.value) : row.value)}"`;
          const hex = row.hex.length > 48 ? row.hex.slice(0, 48) + '…' : row.hex;
          table.push([String(row.offset), String(row.length), row.name, row.type, hex, v, row.findings.map((f) => f.code).join(' ')]);
        }
        const widths = table[0]!.map((_, c) => Math.max(...table.map((t) => width(t[c]!))));
        for (const t of table) writeLine(io.stdout, '  ' + t.map((cell, c) => (c === t.length - 1 ? cell : pad(cell, widths[c]!))).join('  ').trimEnd());
        for (const f of r.findings ?? []) {
          if (f.severity === 'error') errors++;
          writeLine(io.stdout, `  ${f.severity}: ${formatFindingLine(f, 'en')}`);
          writeLine(io.stdout, `         ${renderFinding(f, 'ja')}`);
        }
      }
      // File-level findings (trailer missing, EOF marker) are shown when reading got that far;
      // the exit code is about the records shown.
      if (fileFindings.length) writeLine(io.stdout, '');
      for (const f of fileFindings) writeLine(io.stdout, `file ${f.severity}: ${formatFindingLine(f, 'en')}`);
      return errors > 0 ? 1 : 0;
    } finally {
      await handle.close();
    }
  },
};
