// `chukan fixed inspect` on a RECFM=VB file built byte by byte (BDW, RDWs, EBCDIC text, packed).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getEbcdicCharset } from '../../src/encoding/ebcdic/index.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const e1390 = (s: string) => Buffer.from(getEbcdicCharset('ibm1390')!.encode(s).bytes);
const rdw = (data: Buffer) => Buffer.concat([Buffer.from([(data.length + 4) >> 8, (data.length + 4) & 0xff, 0, 0]), data]);
const bdw = (...recs: Buffer[]) => { const b = Buffer.concat(recs); return Buffer.concat([Buffer.from([(b.length + 4) >> 8, (b.length + 4) & 0xff, 0, 0]), b]); };
const pad = (b: Buffer, n: number) => Buffer.concat([b, Buffer.alloc(n - b.length, 0x40)]);

describe('fixed inspect on variable-length (rdw-bdw) records in ibm1390', () => {
  it('shows each record at its data offset, the kanji decoded, and the descriptor findings', async () => {
    const dir = tempDir('chukan-vb-');
    writeFileSync(join(dir, 'vb.layout.yaml'), [
      'format: fixed', 'charset: ibm1390', 'record: { format: rdw-bdw }', 'trailerRequired: false',
      'fields:', '  - { name: id, length: 3, type: packed }', '  - { name: name, length: 12 }', '',
    ].join('\n'));
    const r1 = rdw(Buffer.concat([Buffer.from([0x00, 0x12, 0x3c]), pad(e1390('𠮟山田'), 12)]));
    const r2 = rdw(Buffer.concat([Buffer.from([0x00, 0x45, 0x6c]), pad(e1390('ｱｲ €'), 12)]));
    const file = Buffer.concat([bdw(r1, r2), Buffer.from([0x00, 0x07])]);
    writeFileSync(join(dir, 'vb.dat'), file);
    const r = await runCli(['fixed', 'inspect', 'vb.dat', '--layout', 'vb.layout.yaml', '--limit', '3'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('record format rdw-bdw');
    expect(r.stdout).toContain('record 1 at byte 8 (0x8), 15 bytes');
    expect(r.stdout).toContain('"𠮟山田"');
    expect(r.stdout).toContain(`record 2 at byte ${4 + r1.length + 4}`);
    expect(r.stdout).toContain('"ｱｲ €"');
    expect(r.stdout).toMatch(/file error: .*too few for a descriptor word.*\[FIX_TRAILING_BYTES\]/);
  });

  it('a file whose first RDW is impossible shows why there is no record (exit 1), not a usage error', async () => {
    const dir = tempDir('chukan-vb-');
    writeFileSync(join(dir, 'v.layout.yaml'), 'format: fixed\ncharset: ibm037\nrecord: { format: rdw }\ntrailerRequired: false\nfields:\n  - { name: a, length: 4 }\n');
    // Length in bytes 2-3, little-endian, without the RDW: a non-IBM variant some tools write.
    writeFileSync(join(dir, 'v.dat'), Buffer.from([0x00, 0x00, 0x04, 0x00, 0xc1, 0xc2, 0xc3, 0xc4]));
    const r = await runCli(['fixed', 'inspect', 'v.dat', '--layout', 'v.layout.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/0 records; record 1 is not there because:\nfile error: .*record descriptor word 00000400 at 0x00000000 is impossible \(length below 4\); the 8 bytes from there on cannot be read \[FIX_BAD_RDW\]/);
  });
});
