import { describe, expect, it } from 'vitest';
import { createCsvReader, DEFAULT_MAX_RECORD_BYTES, type SourceRecord } from '../../src/readers/index.ts';
import { getCharset } from '../../src/encoding/index.ts';

describe('CSV reader: bounded memory', () => {
  it('a 100 MiB quoted field is skipped without being held (buffer never above the cap)', () => {
    const reader = createCsvReader({ file: 'big.csv', charset: getCharset('cp932') });
    const MiB = 1024 * 1024;
    // 1 KiB pattern inside the quoted value: doubled quotes, a delimiter and a line break, so the
    // skipping scan must keep quote state and count lines. One buffer reused for every chunk.
    const pattern = 'x'.repeat(1019) + '""' + ',' + '\n' + 'y';
    const chunk = Buffer.from(pattern.repeat(MiB / 1024));
    expect(chunk.length).toBe(MiB);
    const records: SourceRecord[] = [];
    let maxBuffered = 0;
    const take = (b: { records: SourceRecord[] }) => records.push(...b.records);
    take(reader.push(Buffer.from('h\n"')));
    for (let i = 0; i < 100; i++) {
      take(reader.push(chunk));
      maxBuffered = Math.max(maxBuffered, reader.bufferedBytes);
    }
    take(reader.push(Buffer.from('"\nnext,1\n')));
    take(reader.end());

    expect(maxBuffered).toBeLessThanOrEqual(DEFAULT_MAX_RECORD_BYTES + 1);
    expect(reader.bufferedBytes).toBe(0);
    expect(records.map((r) => r.fields)).toEqual([['h'], [], ['next', '1']]);
    expect(records[1]).toMatchObject({ record: 2, line: 2, offset: 2, byteLength: 100 * MiB + 3 });
    expect(records[1].findings?.map((f) => f.code)).toEqual(['CSV_RECORD_TOO_LONG']);
    expect(records[2]).toMatchObject({ line: 2 + 100 * 1024 + 1, offset: 2 + 100 * MiB + 3 });
    expect(reader.counters).toEqual({ bytes: 3 + 100 * MiB + 9, lines: 100 * 1024 + 3, records: 3 });
  });

  it('a caller that refills one chunk buffer after every push reads what one push reads', () => {
    // The scanner keeps the partial record in its own working buffer (reused, grown when a held
    // record and the next chunk do not fit): nothing may still point into the caller's chunk.
    const rows: string[] = [];
    for (let i = 0; i < 400; i++) rows.push(i % 37 === 0 ? `${i},"${'長い値'.repeat(i * 40)}\n続き",x` : `${i},"山田,太郎","a""b"`);
    const bytes = Buffer.from(rows.join('\r\n') + '\r\n');
    const read = (size: number) => {
      const reader = createCsvReader({ file: 'f.csv', charset: getCharset('utf-8') });
      const chunk = Buffer.alloc(size);
      const out: SourceRecord[] = [];
      for (let i = 0; i < bytes.length; i += size) {
        const n = bytes.copy(chunk, 0, i, i + size);
        out.push(...reader.push(chunk.subarray(0, n)).records);
        chunk.fill(0x41);
      }
      out.push(...reader.end().records);
      return out.map((r) => [r.record, r.line, r.offset, r.fields, r.findings?.map((f) => f.code)]);
    };
    const whole = read(bytes.length);
    expect(whole).toHaveLength(400);
    for (const size of [1, 7, 100, 4096, 65_536]) expect(read(size)).toEqual(whole);
  });

  it('records under the cap spanning many chunks are held, then released', () => {
    const reader = createCsvReader({ file: 'f.csv', charset: getCharset('utf-8') });
    const value = 'v'.repeat(300_000);
    const bytes = Buffer.from(`a,"${value}"\nb,c\n`);
    const out: SourceRecord[] = [];
    for (let i = 0; i < bytes.length; i += 65_536) out.push(...reader.push(bytes.subarray(i, i + 65_536)).records);
    out.push(...reader.end().records);
    expect(out.map((r) => r.fields)).toEqual([['a', value], ['b', 'c']]);
    expect(reader.bufferedBytes).toBe(0);
  });
});
