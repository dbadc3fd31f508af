import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import iconv from 'iconv-lite';
import { compileLayout, createFixedReader, parseFixedSource, type FixedSourceRecord } from '../../src/readers/fixed/index.ts';

function read(yaml: string, bytes: Buffer): FixedSourceRecord[] {
  const r = createFixedReader(compileLayout(parseFixedSource(parse(yaml), 't.yaml'), 't.yaml'), { file: 't' });
  return [...r.push(bytes).records, ...r.end().records];
}

describe('dates stored as text, zoned and packed', () => {
  const yaml = `
charset: cp932
record: { length: 21 }
fields:
  - { name: t, length: 8, type: date }
  - { name: z, length: 8, type: date, encoding: zoned }
  - { name: p, length: 5, type: date, encoding: packed }
`;
  it('valid, empty (all zeros / blanks) and invalid', () => {
    const ok = Buffer.concat([Buffer.from('20240229'), Buffer.from('19991231'), Buffer.from('020000101F', 'hex')]);
    expect(read(yaml, ok)[0]!.fields).toEqual(['2024-02-29', '1999-12-31', '2000-01-01']);
    const empty = Buffer.concat([Buffer.from('00000000'), Buffer.from('        '), Buffer.from('000000000F', 'hex')]);
    const e = read(yaml, empty)[0]!;
    expect(e.fields).toEqual(['', '', '']);
    expect(e.findings).toBeUndefined();
    const bad = Buffer.concat([Buffer.from('20230229'), Buffer.from('2024013A'), Buffer.from('020241301C', 'hex')]);
    const b = read(yaml, bad)[0]!;
    expect(b.findings!.map((f) => [f.code, f.field, f.location.offset])).toEqual([['FIX_BAD_DATE', 't', 0], ['FIX_BAD_DATE', 'z', 8], ['FIX_BAD_DATE', 'p', 16]]);
  });
});

describe('per-field charset override', () => {
  it('an EBCDIC (IBM930) field inside a CP932 record, and a UTF-8 field cut mid-character', () => {
    const yaml = `
charset: cp932
record: { length: 24 }
fields:
  - { name: sj, length: 6 }
  - { name: eb, length: 12, charset: ibm930 }
  - { name: u8, length: 6, charset: utf-8 }
`;
    const eb = execFileSync('/usr/bin/iconv', ['-f', 'UTF-8', '-t', 'IBM930'], { input: Buffer.from('ﾔﾏ山田', 'utf8') });
    const bytes = Buffer.concat([iconv.encode('山田　', 'cp932'), eb, Buffer.alloc(12 - eb.length, 0x40), Buffer.from('あい', 'utf8')]);
    const r = read(yaml, bytes)[0]!;
    expect(r.fields).toEqual(['山田', 'ﾔﾏ山田', 'あい']);
    // u8 = "abcd" + the first two bytes of あ (E3 81 82).
    const c = read(yaml, Buffer.concat([bytes.subarray(0, 18), Buffer.from([0x61, 0x62, 0x63, 0x64, 0xe3, 0x81])]))[0]!;
    expect(c.findings!.map((f) => [f.code, f.field, f.location.offset, f.params!.hex])).toEqual([['FIX_SPLIT_DBCS', 'u8', 22, 'E381']]);
    expect(c.fields[2]).toBe('abcd');
  });

  it('invalid CP932 bytes are reported with their offset', () => {
    const yaml = 'charset: cp932\nrecord: { length: 4 }\nfields:\n  - { name: a, length: 4 }\n';
    const r = read(yaml, Buffer.from([0x41, 0x85, 0x40, 0x42]))[0]!;
    expect(r.findings!.map((f) => [f.code, f.location.offset])).toEqual([['FIX_INVALID_BYTES', 1]]);
  });
});
