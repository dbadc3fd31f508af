import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createFixedReader, parseFixedSource, compileLayout, readFixedFile, loadFixedLayout, type FixedReadBatch, type FixedSourceRecord } from '../../src/readers/fixed/index.ts';
import type { Finding } from '../../src/core/finding.ts';
import { renderFinding } from '../../src/core/finding.ts';
import { tempDir } from '../helpers/temp.ts';

const LAYOUT_YAML = `
format: fixed
name: test
charset: cp932
record: { length: 40, terminator: crlf }
recordType: { offset: 0, length: 1 }
records:
  - name: header
    role: header
    match: "1"
    fields:
      - { name: kind, length: 1 }
      - { name: created, length: 8, type: date }
      - { name: pad, length: 31, type: filler }
  - name: resident
    role: data
    match: "2"
    fields:
      - { name: kind, length: 1 }
      - { name: id, length: 6, type: zoned }
      - { name: name, length: 10 }
      - { name: kana, length: 8, trim: half }
      - { name: amount, length: 4, type: packed, scale: 2 }
      - { name: birth, length: 8, type: date }
      - { name: flag, length: 3, trim: none }
  - name: trailer
    role: trailer
    match: "9"
    count: { field: count }
    fields:
      - { name: kind, length: 1 }
      - { name: count, length: 7, type: zoned }
      - { name: pad, length: 32, type: filler }
`;

const layout = parseFixedSource(parse(LAYOUT_YAML), 'test.yaml');
const compiled = compileLayout(layout, 'test.yaml');
const sj = (s: string) => iconv.encode(s, 'cp932');
const hex = (h: string) => Buffer.from(h, 'hex');

function rec(...parts: (string | Buffer)[]): Buffer {
  const body = Buffer.concat(parts.map((p) => (typeof p === 'string' ? sj(p) : p)));
  return Buffer.concat([body, Buffer.from('\r\n')]);
}
const header = () => rec('1', '20240401', ' '.repeat(31));
const padTo = (b: Buffer, n: number) => Buffer.concat([b, Buffer.alloc(n - b.length, 0x20)]);
const resident = (id: string, name: Buffer | string, kana: string, amount: string, birth: string, flag = 'ABC') =>
  rec('2', id, padTo(typeof name === 'string' ? sj(name) : name, 10), padTo(sj(kana), 8), hex(amount), birth, flag);
const trailer = (n: string) => rec('9', n, ' '.repeat(32));

function readAll(bytes: Buffer, chunks?: number[], l = compiled): { records: FixedSourceRecord[]; texts: string[]; findings: Finding[] } {
  const reader = createFixedReader(l, { file: 'in.dat' });
  const batches: FixedReadBatch[] = [];
  let pos = 0;
  for (const c of chunks ?? [bytes.length]) { batches.push(reader.push(bytes.subarray(pos, pos + c))); pos += c; }
  if (pos < bytes.length) batches.push(reader.push(bytes.subarray(pos)));
  batches.push(reader.end());
  return {
    records: batches.flatMap((b) => b.records),
    texts: batches.flatMap((b) => b.records.map((r) => b.text.slice(r.textStart, r.textEnd))),
    findings: batches.flatMap((b) => b.findings),
  };
}

const codes = (r: FixedSourceRecord) => (r.findings ?? []).map((f) => f.code);

describe('multi-record-type CP932 file', () => {
  const file = Buffer.concat([
    header(),
    resident('000123', '山田　太　', 'ﾔﾏﾀﾞ ﾀﾛｳ', '0012345C', '19800229'),
    resident('00012}', '佐藤花子', 'ｻﾄｳ', '0000005D', '00000000', 'X  '),
    trailer('000000' + '2'),
  ]);

  it('reads header, data and trailer with locations and exact values', () => {
    const { records, texts, findings } = readAll(file);
    expect(findings).toEqual([]);
    expect(records.map((r) => [r.record, r.line, r.offset, r.byteLength, r.recordType, r.role])).toEqual([
      [1, 1, 0, 42, 'header', 'header'],
      [2, 2, 42, 42, 'resident', 'data'],
      [3, 3, 84, 42, 'resident', 'data'],
      [4, 4, 126, 42, 'trailer', 'trailer'],
    ]);
    expect(records[0]!.fields).toEqual(['1', '2024-04-01']);
    // Full-width padding trimmed from name (default), half-width only from kana, nothing from flag.
    expect(records[1]!.fields).toEqual(['2', '123', '山田　太', 'ﾔﾏﾀﾞ ﾀﾛｳ', '123.45', '1980-02-29', 'ABC']);
    expect(records[2]!.fields).toEqual(['2', '-120', '佐藤花子', 'ｻﾄｳ', '-0.05', '', 'X  ']);
    expect(records[3]!.fields).toEqual(['9', '2']);
    expect(records.every((r) => r.findings === undefined)).toBe(true);
    expect(texts[1]).toBe(records[1]!.fields.join('\t'));
    expect(compiled.types[1]!.fieldNames).toEqual(['kind', 'id', 'name', 'kana', 'amount', 'birth', 'flag']);
  });

  it('reads control bytes 0x1A, 0x1C, 0x7F in text as Windows does, beside kanji and kana', () => {
    // ICU's shift_jis converter swaps these three the IBM way; chukan's CP932 decoder does not.
    const name = Buffer.concat([sj('山'), Buffer.from([0x1a, 0x1c, 0x7f]), sj('田ｱ')]);
    const { records, findings } = readAll(Buffer.concat([header(), resident('000001', name, 'ｱ\x1a', '0000000C', '19800229'), trailer('0000001')]));
    expect(findings).toEqual([]);
    expect(records[1]!.fields.slice(2, 4)).toEqual(['山\x1a\x1c\x7f田ｱ', 'ｱ\x1a']);
  });

  it('gives the same records however the bytes are chunked', () => {
    const norm = (r: ReturnType<typeof readAll>) => JSON.stringify({ ...r, records: r.records.map((x) => ({ ...x, textStart: 0, textEnd: 0 })) });
    const whole = norm(readAll(file));
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 30 }), (chunks) => {
      expect(norm(readAll(file, chunks))).toBe(whole);
    }), { numRuns: 200 });
  });
});

describe('bad data becomes findings with offsets; later records still come out', () => {
  it('a bad packed nibble', () => {
    const file = Buffer.concat([header(), resident('000001', '山田', 'ｱ', '00123A5C', '19800101'), resident('000002', '鈴木', 'ｲ', '0000100C', '19800101'), trailer('0000002')]);
    const { records } = readAll(file);
    const f = records[1]!.findings!;
    expect(f).toHaveLength(1);
    // amount starts at byte 25 of the record; the bad byte (3A) is its second byte; the record starts at 42.
    expect(f[0]).toMatchObject({ code: 'FIX_BAD_NIBBLE', severity: 'error', field: 'amount', location: { file: 'in.dat', record: 2, line: 2, offset: 42 + 25 + 2 } });
    expect(f[0]!.params).toMatchObject({ hex: '3A', fieldHex: '00123A5C', offsetHex: '0x00000045' });
    expect(records[1]!.fields[4]).toBe('');
    expect(records[2]!.fields[4]).toBe('1.00');
    expect(records[2]!.findings).toBeUndefined();
    expect(records[3]!.findings).toBeUndefined(); // the count still matches: both data records were read
  });

  it('a double-byte character cut by the field boundary', () => {
    // name (10 bytes at offset 7): 山田太郎 (8 bytes) + " " + the lead byte of 様; its trail byte lands in kana.
    const sama = sj('様');
    const name = Buffer.concat([sj('山田太郎 '), sama.subarray(0, 1)]);
    const kana = Buffer.concat([sama.subarray(1), sj('ｱｲｳｴｵｶｷ')]);
    const file = Buffer.concat([header(), rec('2', '000001', name, kana, hex('0000100C'), '19800101', 'ABC'), trailer('0000001')]);
    const { records } = readAll(file);
    const f = records[1]!.findings!.filter((x) => x.code === 'FIX_SPLIT_DBCS');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ field: 'name', location: { offset: 42 + 7 + 9 } });
    expect(f[0]!.params!.hex).toBe(sama.toString('hex').toUpperCase());
    expect(records[1]!.fields[2]).toBe('山田太郎');
    expect(renderFinding(f[0]!, 'ja')).toContain('0x0000003A');
    expect(records[2]!.fields).toEqual(['9', '1']);
  });

  it('a trailer count mismatch names both numbers', () => {
    const file = Buffer.concat([header(), resident('000001', '山田', 'ｱ', '0000100C', '19800101'), trailer('0000005')]);
    const { records } = readAll(file);
    const f = records[2]!.findings!;
    expect(f[0]).toMatchObject({ code: 'FIX_TRAILER_COUNT_MISMATCH', field: 'count', location: { record: 3, offset: 84 } });
    expect(f[0]!.params).toMatchObject({ declared: '5', counted: 1 });
    expect(renderFinding(f[0]!, 'en')).toBe('trailer says 5 records but 1 were read');
  });

  it('an unknown record type, a missing trailer', () => {
    const file = Buffer.concat([header(), rec('7', 'x'.repeat(39)), resident('000001', '山田', 'ｱ', '0000100C', '19800101')]);
    const { records, findings } = readAll(file);
    expect(records[1]).toMatchObject({ recordType: '', role: 'unknown', fields: [], offset: 42 });
    expect(records[1]!.findings![0]).toMatchObject({ code: 'FIX_UNKNOWN_RECORD_TYPE', params: { hex: '37' } });
    expect(records[2]!.fields[1]).toBe('1');
    expect(findings.map((f) => f.code)).toEqual(['FIX_TRAILER_MISSING']);
  });

  it('lines shorter or longer than the layout', () => {
    const file = Buffer.concat([
      header(),
      Buffer.from('2000001\r\n'),
      Buffer.concat([resident('000001', '山田', 'ｱ', '0000100C', '19800101').subarray(0, 40), Buffer.from('ZZ\r\n')]),
      Buffer.concat([resident('000002', '山田', 'ｱ', '0000100C', '19800101').subarray(0, 40), Buffer.from('   \r\n')]),
      trailer('0000003'),
    ]);
    const { records } = readAll(file);
    expect(records[1]!.findings![0]).toMatchObject({ code: 'FIX_SHORT_RECORD', params: { expected: 40, actual: 7 } });
    expect(records[2]!.findings![0]).toMatchObject({ code: 'FIX_RECORD_LENGTH', params: { expected: 40, actual: 42, hex: '5A5A' }, location: { offset: 51 + 40 } });
    expect(records[3]!.findings).toBeUndefined();
    expect(records[4]!.findings).toBeUndefined();
  });

  it('a packed byte 0x0A inside a terminated record does not end it', () => {
    const file = Buffer.concat([header(), resident('000001', '山田', 'ｱ', '00100A0C', '19800101'), trailer('0000001')]);
    const { records } = readAll(file, [50, 3, 3, 40]);
    expect(records.map((r) => r.recordType)).toEqual(['header', 'resident', 'trailer']);
    expect(records[1]!.findings![0]).toMatchObject({ code: 'FIX_BAD_NIBBLE', params: { hex: '0A' } });
  });

  it('date validation', () => {
    const file = Buffer.concat([header(), resident('000001', '山田', 'ｱ', '0000100C', '20230229'), trailer('0000001')]);
    const { records } = readAll(file);
    expect(records[1]!.findings![0]).toMatchObject({ code: 'FIX_BAD_DATE', field: 'birth', location: { offset: 42 + 29 } });
  });
});

describe('unterminated fixed-length records', () => {
  const l = compileLayout(parseFixedSource({ ...parse(LAYOUT_YAML), record: { length: 40, terminator: 'none' } }, 't'));
  const strip = (b: Buffer) => b.subarray(0, b.length - 2);

  it('frames by length, no line numbers, short last record reported', () => {
    const file = Buffer.concat([strip(header()), strip(resident('000001', '山田', 'ｱ', '0000100C', '19800101')), strip(trailer('0000001')), sj('2000002山田')]);
    const { records, findings } = readAll(file, [7, 33, 40, 1000], l);
    expect(records.map((r) => [r.record, r.line, r.offset])).toEqual([[1, 0, 0], [2, 0, 40], [3, 0, 80], [4, 0, 120]]);
    expect(records[3]!.findings![1]).toMatchObject({ code: 'FIX_SHORT_RECORD', location: { offset: 120, line: undefined }, params: { expected: 40, actual: 11 } });
    expect(records[3]!.findings!.map((f) => f.code)).toEqual(['FIX_RECORD_AFTER_TRAILER', 'FIX_SHORT_RECORD']);
    expect(findings).toEqual([]);
  });

  it('ignores a DOS end-of-file marker', () => {
    const file = Buffer.concat([strip(header()), strip(trailer('0000000')), Buffer.from([0x1a])]);
    const { records, findings } = readAll(file, undefined, l);
    expect(records).toHaveLength(2);
    expect(findings).toMatchObject([{ code: 'FIX_EOF_MARKER', severity: 'info', location: { offset: 80 } }]);
  });
});

describe('EBCDIC (IBM930) fixed-length file', () => {
  const yaml = `
format: fixed
charset: ibm930
record: { length: 30 }
recordType: { offset: 0, length: 1 }
trailerRequired: false
records:
  - name: data
    role: data
    match: "1"
    fields:
      - { name: kind, length: 1 }
      - { name: name, length: 14 }
      - { name: kanji, length: 4, dbcsOnly: true }
      - { name: amount, length: 5, type: zoned, scale: 2 }
      - { name: total, length: 3, type: packed }
      - { name: born, length: 3, type: filler }
`;
  const l = loadLayoutFromText(yaml);
  const e930 = (s: string) => execFileSync('/usr/bin/iconv', ['-f', 'UTF-8', '-t', 'IBM930'], { input: Buffer.from(s, 'utf8') });
  const pad = (b: Buffer, n: number) => Buffer.concat([b, Buffer.alloc(n - b.length, 0x40)]);

  it('decodes mixed SO/SI text, DBCS-only, EBCDIC zoned and packed', () => {
    const name = pad(e930('ﾔﾏﾀﾞ山田'), 14);
    const kanji = e930('太郎').subarray(1, 5);
    const file = Buffer.concat([e930('1'), name, kanji, hex('F0F1F2F3D4'), hex('00999C'), hex('404040')]);
    expect(file.length).toBe(30);
    const { records } = readAll(file, undefined, l);
    expect(records[0]!.fields).toEqual(['1', 'ﾔﾏﾀﾞ山田', '太郎', '-12.34', '999']);
    expect(records[0]!.findings).toBeUndefined();
  });

  it('reports SO without SI at the end of a field', () => {
    const name = Buffer.concat([e930('A'), hex('0E45654565'), hex('4040404040404040')]);
    const file = Buffer.concat([e930('1'), name, hex('45654565'), hex('F0F0F0F0C0'), hex('00000C'), hex('404040')]);
    const { records } = readAll(file, undefined, l);
    expect(records[0]!.findings!.map((f) => f.code)).toEqual(['EBCDIC_UNBALANCED_SHIFT']);
    // At the SO byte that opened the run (record byte 2), not past the field.
    expect(records[0]!.findings![0]!.location.offset).toBe(2);
  });
});

describe('layout loading', () => {
  it('mapping file with source: and a standalone layout both load; mistakes name the key', () => {
    const dir = tempDir('chukan-fixed-');
    const p = join(dir, 'm.yaml');
    writeFileSync(p, `source:\n  format: fixed\n  charset: cp932\n  record: { length: 4 }\n  fields:\n    - { name: a, length: 4, type: zoned }\n`);
    expect(loadFixedLayout(p).compiled.types[0]!.fieldNames).toEqual(['a']);
    const bad = (y: string) => () => parseFixedSource(parse(y), 'x.yaml');
    expect(bad('record: { length: 4 }\nfields:\n  - { name: a, length: 4, typo: 1 }')).toThrow(/x\.yaml: records\[0\]\.fields\[0\]\.typo: unknown key/);
    expect(bad('numbers: { signs: { positive: C, negative: C } }\nfields: []')).toThrow(/numbers\.signs/);
    expect(() => compileLayout(parseFixedSource(parse('record: { length: 4 }\nfields:\n  - { name: a, length: 5 }'), 'y.yaml'), 'y.yaml')).toThrow(/past the record length/);
    expect(() => compileLayout(parseFixedSource(parse('record: { length: 40 }\nfields:\n  - { name: a, length: 40, type: zoned }'), 'y.yaml'), 'y.yaml')).toThrow(/exceeds maxDigits 31/);
  });

  it('readFixedFile streams the same records as one push', async () => {
    const dir = tempDir('chukan-fixed-');
    const p = join(dir, 'in.dat');
    const file = Buffer.concat([header(), resident('000001', '山田', 'ｱ', '0000100C', '19800101'), trailer('0000001')]);
    writeFileSync(p, file);
    const got: FixedSourceRecord[] = [];
    for await (const b of readFixedFile(p, compiled, { highWaterMark: 5, file: 'in.dat' })) got.push(...b.records);
    expect(JSON.stringify(got.map((r) => ({ ...r, textStart: 0, textEnd: 0 })))).toBe(JSON.stringify(readAll(file).records.map((r) => ({ ...r, textStart: 0, textEnd: 0 }))));
  });
});

function loadLayoutFromText(yaml: string) {
  return compileLayout(parseFixedSource(parse(yaml), 'inline.yaml'), 'inline.yaml');
}

describe('failsafe YAML (every scalar text), as the mapping loader reads it', () => {
  it('accepts numbers and booleans written as text, bytes as hex text', () => {
    const doc = parse(LAYOUT_YAML, { schema: 'failsafe' });
    const l = compileLayout(parseFixedSource(doc, 'f.yaml'), 'f.yaml');
    const file = Buffer.concat([header(), resident('000001', '山田', 'ｱ', '0000100C', '19800101'), trailer('0000001')]);
    expect(JSON.stringify(readAll(file, undefined, l))).toBe(JSON.stringify(readAll(file)));
    const v = parseFixedSource(parse('charset: ibm930\nrecord: { length: "4" }\ntrailerRequired: "false"\ncharsets:\n  jef: { sbcs: ebcdic-jp-kana, shiftOut: ["28", "0x38"], shiftIn: "29" }\nfields:\n  - { name: a, length: "4", dbcsOnly: "true" }', { schema: 'failsafe' }), 'v.yaml');
    expect(v.charsets!.jef).toMatchObject({ shiftOut: [0x28, 0x38], shiftIn: [0x29] });
    expect(v.trailerRequired).toBe(false);
    expect(v.records[0]!.fields[0]).toMatchObject({ length: 4, dbcsOnly: true });
  });
});
