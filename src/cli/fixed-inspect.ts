import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputNotFoundError, UsageError } from '../core/errors.ts';
import { formatFindingLine, renderFinding, type Finding } from '../core/finding.ts';
import { displayWidth } from '../core/display-width.ts';
import { maskValue } from '../core/mask.ts';
import { inspectRecord, loadFixedLayout, readFixedFile, type FixedSourceRecord } from '../readers/fixed/index.ts';
import { defineCommand, writeLine } from './command.ts';
import { limitOption } from './shared-options.ts';

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - displayWidth(s)));

/** Control characters and PUA shown escaped so the table stays readable and 外字 are visible. */
function visible(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\ue000-\uf8ff\ufffd]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

export const fixedInspect = defineCommand({
  name: 'fixed inspect',
  summary: 'show fixed-length records as a byte/field table against a layout',
  usage: 'FILE --layout LAYOUT [--record N] [--limit N] [--mask]',
  description: `Show fixed-length records byte by byte against a layout: for every field its offset, length,
name, type, raw bytes in hex, decoded value and findings — for when a mainframe layout does not
line up. Records by length (record.length, LF/CRLF) or by IBM descriptor words (record.format:
rdw for RECFM=V, rdw-bdw for RECFM=VB); text in CP932, UTF-8, EUC-JP or an EBCDIC page (ibm930,
ibm939, ibm1390, ibm1399, ibm290, ibm037, ibm1140, ibm500, ibm1047, ibm273, ibm1026, ibm875).`,
  positional: { name: 'FILE', min: 1, max: 1 },
  options: {
    layout: { type: 'string', value: 'L', short: 'l', required: true, help: 'a fixed layout file, or a mapping file whose source is format: fixed (docs/FIXED.md)' },
    record: { type: 'int', value: 'N', short: 'r', help: 'first record to show, 1-based (default 1)' },
    limit: { ...limitOption('how many records to show (default 1)').limit, short: 'n' },
    mask: { type: 'flag', help: 'mask decoded values (for screenshots and tickets)' },
  },
  json: 'one JSON object per record and line: { record, line, offset, byteLength, recordType,\nrole, fields: [{ offset, fileOffset, length, name, type, hex, value?, findings: [codes] }],\nfindings: [codes] }; then file-level findings as { fileFindings: [codes] } when any',
  quiet: 'nothing on stdout (unless --json): the exit code says whether a shown record has error findings',
  notes: `Exit codes: 0 records shown without errors, 1 a shown record has error findings,
2 usage or environment error (no such file, bad layout, record beyond the end).`,
  async run({ values, positionals, io }) {
    const first = values.record ?? 1;
    const limit = values.limit ?? 1;
    const file = positionals[0]!;
    const path = resolve(io.cwd, file);
    const { compiled } = loadFixedLayout(resolve(io.cwd, values.layout), values.layout);
    const text = !values.json && !values.quiet;
    const out = (line: string) => { if (text) writeLine(io.stdout, line); };

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
      if (shown.length === 0) {
        // A file that cannot be framed (an impossible RDW/BDW) has no record to show: say why.
        const errors = fileFindings.filter((f) => f.severity === 'error');
        if (errors.length === 0) throw new UsageError(`record ${first} is beyond the end of ${file} (${total} records)`);
        writeLine(io.stdout, `${file}: ${total} records; record ${first} is not there because:`);
        for (const f of errors) writeLine(io.stdout, `file ${f.severity}: ${formatFindingLine(f, 'en')}`);
        return 1;
      }

      const L = compiled;
      out(`${file}: layout ${L.spec.name ?? values.layout} (charset ${L.charset.name}, ${L.recordFormat === 'fixed' ? `terminator ${L.terminator}` : `record format ${L.recordFormat}`}${L.recordLength ? `, record length ${L.recordLength}` : ''})`);
      let errors = 0;
      for (const r of shown) {
        const bytes = Buffer.alloc(r.byteLength);
        await handle.read(bytes, 0, r.byteLength, r.offset);
        out('');
        out(`record ${r.record}${r.line ? ` (line ${r.line})` : ''} at byte ${r.offset} (0x${r.offset.toString(16).toUpperCase()}), ${r.byteLength} bytes, type ${r.recordType || '(unknown)'}${r.role !== 'unknown' ? ` (${r.role})` : ''}`);
        const rows = inspectRecord(L, r, bytes);
        const shownValue = (v: string | undefined) => (v === undefined ? undefined : values.mask ? maskValue(v) : v);
        if (values.json) {
          writeLine(io.stdout, JSON.stringify({
            record: r.record, line: r.line, offset: r.offset, byteLength: r.byteLength, recordType: r.recordType, role: r.role,
            fields: rows.map((row) => ({ offset: row.offset, fileOffset: row.fileOffset, length: row.length, name: row.name, type: row.type, hex: row.hex, value: shownValue(row.value), findings: row.findings.map((f) => f.code) })),
            findings: (r.findings ?? []).map((f) => f.code),
          }));
        }
        const table = [['offset', 'len', 'field', 'type', 'hex', 'value', 'findings']];
        for (const row of rows) {
          const v = row.value === undefined ? '' : `"${visible(shownValue(row.value)!)}"`;
          const hex = row.hex.length > 48 ? row.hex.slice(0, 48) + '…' : row.hex;
          table.push([String(row.offset), String(row.length), row.name, row.type, hex, v, row.findings.map((f) => f.code).join(' ')]);
        }
        const widths = table[0]!.map((_, c) => Math.max(...table.map((t) => displayWidth(t[c]!))));
        for (const t of table) out('  ' + t.map((cell, c) => (c === t.length - 1 ? cell : pad(cell, widths[c]!))).join('  ').trimEnd());
        for (const f of r.findings ?? []) {
          if (f.severity === 'error') errors++;
          out(`  ${f.severity}: ${formatFindingLine(f, 'en')}`);
          out(`         ${renderFinding(f, 'ja')}`);
        }
      }
      // File-level findings (trailer missing, EOF marker) are shown when reading got that far;
      // the exit code is about the records shown.
      if (fileFindings.length) out('');
      for (const f of fileFindings) out(`file ${f.severity}: ${formatFindingLine(f, 'en')}`);
      if (values.json && fileFindings.length) writeLine(io.stdout, JSON.stringify({ fileFindings: fileFindings.map((f) => f.code) }));
      return errors > 0 ? 1 : 0;
    } finally {
      await handle.close();
    }
  },
});
