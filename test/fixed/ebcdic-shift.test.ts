// Shift-state recovery in mixed EBCDIC fields (issue 27 §3), as ICU's ibm-930 converter does it:
// `printf '\x0e\x45\x41\x45\x0f\xc1\xc1' | uconv -f ibm-930 -t utf-8 --from-callback escape-c`
// prints `一\x45AA`: the odd byte before SI is one bad byte, SI is obeyed, the rest is read.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getEbcdicCharset } from '../../src/encoding/ebcdic/index.ts';
import { compileLayout, createFixedReader, parseFixedSource } from '../../src/readers/fixed/index.ts';

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/ /g, ''), 'hex'));
const ibm930 = getEbcdicCharset('ibm930')!;

function readOne(fieldHex: string) {
  const bytes = hex(fieldHex);
  const yaml = `charset: ibm930\nrecord: { length: ${bytes.length + 1} }\nfields:\n  - { name: kind, length: 1 }\n  - { name: name, length: ${bytes.length} }\n`;
  const reader = createFixedReader(compileLayout(parseFixedSource(parse(yaml), 't.yaml'), 't.yaml'), { file: 't.dat' });
  const b = reader.push(Buffer.concat([Buffer.from([0xf1]), bytes]));
  b.records.push(...reader.end().records);
  const r = b.records[0]!;
  return { fields: r.fields, findings: (r.findings ?? []).map((f) => [f.code, f.location.offset, f.params?.hex]) };
}

describe('SO/SI recovery (ibm930)', () => {
  it('an odd byte before SI is one bad byte; SI is obeyed and the single-byte text after it is read', () => {
    const r = ibm930.decodeField(hex('0E 4541 45 0F C1C1'));
    expect(r.text).toBe('一\uFFFDAA');
    expect(r.issues).toEqual([{ offset: 3, length: 1, kind: 'invalid' }]);
  });

  it('an odd byte before a second SO is one bad byte; the double-byte text goes on', () => {
    const r = ibm930.decodeField(hex('0E 45 0E 4541 0F'));
    expect(r.text).toBe('\uFFFD一');
    expect(r.issues).toEqual([{ offset: 1, length: 1, kind: 'invalid' }]);
  });

  it('in a fixed record: one FIX_INVALID_BYTES at the odd byte, no FIX_SPLIT_DBCS, nothing more', () => {
    const r = readOne('0E 4541 45 0F C1C1');
    expect(r.findings).toEqual([['FIX_INVALID_BYTES', 1 + 3, '45']]);
  });

  it('a field ending in double-byte mode with half a character: FIX_SPLIT_DBCS and EBCDIC_UNBALANCED_SHIFT at the SO byte', () => {
    const r = readOne('C1 0E 4541 45');
    expect(r.findings).toEqual([['FIX_SPLIT_DBCS', 1 + 4, '45'], ['EBCDIC_UNBALANCED_SHIFT', 1 + 1, undefined]]);
  });

  it('a field ending in double-byte mode on a whole character: EBCDIC_UNBALANCED_SHIFT at the SO byte that opened the run', () => {
    const r = readOne('C1 0F 0E 4541 0E 4541');
    expect(r.findings).toEqual([['EBCDIC_UNBALANCED_SHIFT', 1 + 2, undefined]]);
  });
});
