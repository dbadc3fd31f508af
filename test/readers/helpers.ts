import iconv from 'iconv-lite';
import type { Finding } from '../../src/core/finding.ts';
import { createCsvReader, type CsvReaderOptions } from '../../src/readers/index.ts';
import { getCharset } from '../../src/encoding/index.ts';

export interface SeenRecord {
  record: number;
  line: number;
  offset: number;
  byteLength: number;
  fields: string[];
  /** The record's raw text, taken from its batch through textStart/textEnd. */
  text: string;
  findings: Finding[];
}

export interface ReadResult {
  records: SeenRecord[];
  fileFindings: Finding[];
  counters: { bytes: number; lines: number; records: number };
  maxBuffered: number;
}

export type Opts = Partial<CsvReaderOptions>;

/** Feeds `bytes` to a fresh reader cut at `cuts` (sorted offsets) and collects everything. */
export function readWithCuts(bytes: Uint8Array, cuts: number[], opts: Opts = {}): ReadResult {
  const reader = createCsvReader({ file: 't.csv', charset: getCharset('cp932'), ...opts });
  const records: SeenRecord[] = [];
  const fileFindings: Finding[] = [];
  let maxBuffered = 0;
  const take = (b: ReturnType<typeof reader.push>) => {
    for (const r of b.records) {
      records.push({
        record: r.record,
        line: r.line,
        offset: r.offset,
        byteLength: r.byteLength,
        fields: r.fields,
        text: b.text.slice(r.textStart, r.textEnd),
        findings: r.findings ?? [],
      });
    }
    fileFindings.push(...b.findings);
  };
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    take(reader.push(bytes.subarray(prev, c)));
    maxBuffered = Math.max(maxBuffered, reader.bufferedBytes);
    prev = c;
  }
  take(reader.end());
  return { records, fileFindings, counters: { ...reader.counters }, maxBuffered };
}

export function readAll(bytes: Uint8Array, opts: Opts = {}): ReadResult {
  return readWithCuts(bytes, [], opts);
}

export function readBytewise(bytes: Uint8Array, opts: Opts = {}): ReadResult {
  const cuts: number[] = [];
  for (let i = 1; i < bytes.length; i++) cuts.push(i);
  return readWithCuts(bytes, cuts, opts);
}

/** CP932 bytes; `\uE000`-`\uE757` (外字) are written as the user-defined-area bytes by hand, because iconv-lite's encoder turns them into `?`. */
export function cp932(text: string): Buffer {
  const parts: Buffer[] = [];
  let plain = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xe000 && cp <= 0xe757) {
      parts.push(iconv.encode(plain, 'cp932'));
      plain = '';
      const n = cp - 0xe000;
      const lead = 0xf0 + Math.floor(n / 188);
      const t = n % 188;
      parts.push(Buffer.from([lead, t < 63 ? 0x40 + t : 0x80 + (t - 63)]));
    } else {
      plain += ch;
    }
  }
  parts.push(iconv.encode(plain, 'cp932'));
  return Buffer.concat(parts);
}

export function codes(fs: Finding[]): string[] {
  return fs.map((f) => f.code);
}
