// Variable-length mainframe records (RECFM=V/VB) on files built byte by byte from IBM's
// definition (z/OS DFSMS "Using Data Sets", variable-length record formats):
//   RDW: 4 bytes before each record: LL (2 bytes, big-endian, the record's length INCLUDING the
//        RDW) and 2 bytes zero (they hold the segment code only in spanned VS/VBS records);
//   BDW: 4 bytes before each block: LL (block length including the BDW) and 2 bytes zero; in the
//        extended form the high bit of the first byte is 1 and the other 31 bits are the length.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getEbcdicCharset } from '../../src/encoding/ebcdic/index.ts';
import { compileLayout, createFixedReader, parseFixedSource, readFixedFile, type FixedReadBatch, type FixedSourceRecord } from '../../src/readers/fixed/index.ts';
import type { Finding } from '../../src/core/finding.ts';
import { tempDir } from '../helpers/temp.ts';

const e037 = (s: string) => Buffer.from(getEbcdicCharset('ibm037')!.encode(s).bytes);

/** RDW + data: LL = data + 4, then X'0000'. */
function rdw(data: Buffer, segment = 0): Buffer {
  const n = data.length + 4;
  return Buffer.concat([Buffer.from([n >> 8, n & 0xff, segment, 0]), data]);
}
/** BDW + records: LL = records + 4, then X'0000'. */
function bdw(...records: Buffer[]): Buffer {
  const body = Buffer.concat(records);
  const n = body.length + 4;
  return Buffer.concat([Buffer.from([n >> 8, n & 0xff, 0, 0]), body]);
}
/** Extended BDW: high bit set, 31-bit length in all four bytes. */
function bdwExtended(...records: Buffer[]): Buffer {
  const body = Buffer.concat(records);
  const n = body.length + 4;
  return Buffer.concat([Buffer.from([0x80 | ((n >>> 24) & 0x7f), (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]), body]);
}

const person = (id: string, name: string) => e037(`P${id}${name.padEnd(10)}`);
const note = (text: string) => e037(`N${text}`);

function layout(format: string, extra = '') {
  return compileLayout(parseFixedSource(parse(`
format: fixed
charset: ibm037
record: { format: ${format} }
recordType: { offset: 0, length: 1 }
trailerRequired: false
records:
  - name: person
    match: "P"
    fields:
      - { name: kind, length: 1 }
      - { name: id, length: 4, type: zoned }
      - { name: name, length: 10 }
  - name: note
    match: "N"
    fields:
      - { name: kind, length: 1 }
      - { name: text, length: 11 }
${extra}`), 't.yaml'), 't.yaml');
}

function readAll(file: Buffer, format: string, chunk?: number) {
  const r = createFixedReader(layout(format), { file: 'v.dat' });
  const batches: FixedReadBatch[] = [];
  if (chunk) for (let i = 0; i < file.length; i += chunk) batches.push(r.push(file.subarray(i, i + chunk)));
  else batches.push(r.push(file));
  batches.push(r.end());
  const records: FixedSourceRecord[] = batches.flatMap((b) => b.records);
  const fileFindings: Finding[] = batches.flatMap((b) => b.findings);
  return { records, fileFindings, counters: r.counters };
}
/** Records without their batch-relative text positions (which depend on the chunking). */
const plain = (rs: FixedSourceRecord[]) => JSON.stringify(rs.map((r) => ({ ...r, textStart: 0, textEnd: 0 })));
const codes = (fs: Finding[] | undefined) => (fs ?? []).map((f) => [f.code, f.location.offset]);

describe('record: { format: rdw }', () => {
  const recs = [person('0001', 'YAMADA'), note('HELLO WORLD'), person('0002', 'SATO')];
  const file = Buffer.concat(recs.map((d) => rdw(d)));

  it('reads each record by its RDW, chooses the type by its field, offsets point at the data', () => {
    expect(file.subarray(0, 4)).toEqual(Buffer.from([0x00, 0x13, 0x00, 0x00])); // 15 data bytes + 4
    const { records, fileFindings } = readAll(file, 'rdw');
    expect(fileFindings).toEqual([]);
    expect(records.map((r) => [r.recordType, r.fields, r.offset, r.byteLength, r.findings])).toEqual([
      ['person', ['P', '1', 'YAMADA'], 4, 15, undefined],
      ['note', ['N', 'HELLO WORLD'], 19 + 4, 12, undefined],
      ['person', ['P', '2', 'SATO'], 19 + 16 + 4, 15, undefined],
    ]);
  });

  it('gives the same records whatever the chunking', () => {
    const whole = readAll(file, 'rdw');
    for (const chunk of [1, 3, 5, 17]) expect(plain(readAll(file, 'rdw', chunk).records)).toBe(plain(whole.records));
  });

  it('an impossible RDW length stops the framing with a file finding at the RDW; records before it stand', () => {
    const bad = Buffer.concat([rdw(recs[0]!), Buffer.from([0x00, 0x02, 0x00, 0x00]), rdw(recs[1]!)]);
    const { records, fileFindings } = readAll(bad, 'rdw');
    expect(records).toHaveLength(1);
    expect(fileFindings.map((f) => [f.code, f.location.offset, f.params!.hex, f.params!.skipped])).toEqual([['FIX_BAD_RDW', 19, '00020000', 20]]);
  });

  it('a spanned-record segment code in the RDW is reported (spanned records are not supported)', () => {
    const { fileFindings } = readAll(Buffer.concat([rdw(recs[0]!, 0x01)]), 'rdw');
    expect(fileFindings.map((f) => [f.code, f.location.offset, f.params!.hex])).toEqual([['FIX_BAD_RDW', 0, '00130100']]);
  });

  it('a record running past the end of the file is FIX_RECORD_PAST_EOF and rejected', () => {
    const cut = Buffer.concat([rdw(recs[0]!), rdw(recs[1]!).subarray(0, 10)]);
    const { records, fileFindings } = readAll(cut, 'rdw');
    expect(fileFindings).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[1]!.findings!.map((f) => [f.code, f.location.offset, f.params!.declared, f.params!.actual])).toEqual([['FIX_RECORD_PAST_EOF', 19, 16, 10]]);
    expect(records[1]!.role).toBe('unknown');
  });

  it('fewer than 4 bytes after the last record are FIX_TRAILING_BYTES', () => {
    const { records, fileFindings } = readAll(Buffer.concat([file, Buffer.from([0x00, 0x00])]), 'rdw');
    expect(records).toHaveLength(3);
    expect(fileFindings.map((f) => [f.code, f.location.offset, f.params!.hex])).toEqual([['FIX_TRAILING_BYTES', file.length, '0000']]);
  });

  it('a record longer than its type with bytes that are not blank is FIX_RECORD_LENGTH; shorter is FIX_SHORT_RECORD', () => {
    const long = rdw(Buffer.concat([person('0003', 'ITO'), e037('ZZ')]));
    const short = rdw(person('0004', 'KATO').subarray(0, 9));
    const { records } = readAll(Buffer.concat([long, short]), 'rdw');
    expect(codes(records[0]!.findings)).toEqual([['FIX_RECORD_LENGTH', 4 + 15]]);
    expect(codes(records[1]!.findings)).toEqual([['FIX_SHORT_RECORD', long.length + 4]]);
  });

  it('reads from a file through readFixedFile as from one push', async () => {
    const dir = tempDir('chukan-rdw-');
    writeFileSync(join(dir, 'v.dat'), file);
    const got: FixedSourceRecord[] = [];
    for await (const b of readFixedFile(join(dir, 'v.dat'), layout('rdw'), { highWaterMark: 7, file: 'v.dat' })) got.push(...b.records);
    expect(JSON.stringify(got.map((r) => r.fields))).toBe(JSON.stringify(readAll(file, 'rdw').records.map((r) => r.fields)));
  });
});

describe('record: { format: rdw-bdw }', () => {
  const r1 = rdw(person('0001', 'YAMADA'));
  const r2 = rdw(note('HELLO WORLD'));
  const r3 = rdw(person('0002', 'SATO'));

  it('reads the records of each block, including a block with an extended (31-bit) BDW', () => {
    const file = Buffer.concat([bdw(r1, r2), bdwExtended(r3)]);
    expect(file.subarray(0, 4)).toEqual(Buffer.from([0x00, 4 + r1.length + r2.length, 0x00, 0x00]));
    const { records, fileFindings } = readAll(file, 'rdw-bdw');
    expect(fileFindings).toEqual([]);
    expect(records.map((r) => [r.recordType, r.fields, r.offset])).toEqual([
      ['person', ['P', '1', 'YAMADA'], 8],
      ['note', ['N', 'HELLO WORLD'], 4 + r1.length + 4],
      ['person', ['P', '2', 'SATO'], 4 + r1.length + r2.length + 8],
    ]);
    for (const chunk of [1, 2, 6]) expect(plain(readAll(file, 'rdw-bdw', chunk).records)).toBe(plain(records));
  });

  it('a record running past its block is FIX_RDW_PAST_BLOCK; reading goes on with the next block', () => {
    // The block claims only 10 bytes of r2 (the RDW says 10 + 4).
    const shortBlock = bdw(r1, r2.subarray(0, 6));
    const { records, fileFindings } = readAll(Buffer.concat([shortBlock, bdw(r3)]), 'rdw-bdw');
    expect(fileFindings).toEqual([]);
    expect(records.map((r) => r.recordType)).toEqual(['person', '', 'person']);
    expect(records[1]!.findings!.map((f) => [f.code, f.location.offset, f.params!.declared, f.params!.actual])).toEqual([['FIX_RDW_PAST_BLOCK', 4 + r1.length, r2.length, 6]]);
    expect(records[2]!.fields).toEqual(['P', '2', 'SATO']);
  });

  it('an impossible RDW inside a block rejects the rest of that block and resumes at the next', () => {
    const broken = bdw(r1, Buffer.from([0x00, 0x01, 0x00, 0x00, 0xc1, 0xc1]));
    const { records } = readAll(Buffer.concat([broken, bdw(r3)]), 'rdw-bdw');
    expect(records.map((r) => [r.recordType, codes(r.findings)])).toEqual([
      ['person', []], ['', [['FIX_BAD_RDW', 4 + r1.length]]], ['person', []],
    ]);
  });

  it('1 to 3 bytes left in a block after its last record are FIX_TRAILING_BYTES', () => {
    const padded = bdw(r1, Buffer.from([0x40, 0x40, 0x40]));
    const { records, fileFindings } = readAll(Buffer.concat([padded, bdw(r3)]), 'rdw-bdw');
    expect(records).toHaveLength(2);
    expect(fileFindings.map((f) => [f.code, f.location.offset, f.params!.hex])).toEqual([['FIX_TRAILING_BYTES', 4 + r1.length, '404040']]);
  });

  it('an impossible BDW stops the framing; a block running past the file is FIX_BLOCK_PAST_EOF', () => {
    const bad = readAll(Buffer.concat([bdw(r1), Buffer.from([0x00, 0x03, 0x00, 0x00]), r3]), 'rdw-bdw');
    expect(bad.records).toHaveLength(1);
    expect(bad.fileFindings.map((f) => [f.code, f.location.offset, f.params!.hex])).toEqual([['FIX_BAD_BDW', 4 + r1.length, '00030000']]);
    const cut = Buffer.concat([bdw(r1), bdw(r2, r3).subarray(0, 4 + r2.length)]);
    const past = readAll(cut, 'rdw-bdw');
    expect(past.records.map((r) => r.recordType)).toEqual(['person', 'note']);
    expect(past.fileFindings.map((f) => [f.code, f.location.offset, f.params!.declared, f.params!.actual])).toEqual([['FIX_BLOCK_PAST_EOF', 4 + r1.length, 4 + r2.length + r3.length, 4 + r2.length]]);
  });
});

describe('layout checks for variable records', () => {
  it('refuses a terminator or an unknown format', () => {
    expect(() => parseFixedSource(parse('record: { format: rdw, terminator: crlf }\nfields:\n  - { name: a, length: 1 }'), 'x.yaml')).toThrow(/x\.yaml: record\.terminator: variable-length records \(rdw, rdw-bdw\) have no terminator/);
    expect(() => parseFixedSource(parse('record: { format: vb }\nfields:\n  - { name: a, length: 1 }'), 'x.yaml')).toThrow(/record\.format: must be one of fixed, rdw, rdw-bdw/);
  });
});
