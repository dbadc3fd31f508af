// The committed EBCDIC tables, checked by their own properties and by characters whose codes are
// fixed by IBM's published code pages; no outside converter needed (scripts/ebcdic-tables.ts
// compares them with Java, glibc and Python by hand, docs/FIXED.md "Code tables").
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EBCDIC_CHARSET_NAMES, ebcdicCharsetNames, getEbcdicCharset, tablesDir } from '../../src/encoding/ebcdic/index.ts';
import { compileLayout, createFixedReader, parseFixedSource } from '../../src/readers/fixed/index.ts';

const SINGLE_BYTE = ['ibm037', 'ibm500', 'ibm1047', 'ibm1140', 'ibm273', 'ibm1026', 'ibm875', 'ibm290'];
const MIXED = ['ibm930', 'ibm939', 'ibm1390', 'ibm1399'];

/** Mappings per table, as scripts/ebcdic-tables.ts last wrote them from ICU 72.1. */
const COUNTS: Record<string, [number, number]> = {
  ibm037: [256, 0], ibm500: [256, 0], ibm1047: [256, 0], ibm1140: [256, 0], ibm273: [256, 0], ibm1026: [256, 0],
  ibm875: [250, 0], ibm290: [228, 0], ibm930: [226, 11635], ibm939: [226, 11635], ibm1390: [227, 22102], ibm1399: [227, 22102],
};

const ch = (name: string, ...bytes: number[]) => getEbcdicCharset(name)!.decode(Uint8Array.from(bytes));
const dbcs = (name: string, code: number) => getEbcdicCharset(name)!.decode(Uint8Array.from([0x0e, code >> 8, code & 0xff, 0x0f]));

function lines(file: string): string[] {
  return readFileSync(join(tablesDir(), file), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
}

describe('shipped EBCDIC tables', () => {
  it('are the pages chukan names, each file sorted with no code twice', () => {
    expect([...EBCDIC_CHARSET_NAMES].sort()).toEqual([...SINGLE_BYTE, ...MIXED].sort());
    const files = readdirSync(tablesDir()).filter((f) => f.endsWith('.txt')).sort();
    expect(files).toEqual([...SINGLE_BYTE.map((n) => `${n}.sbcs.txt`), ...MIXED.flatMap((n) => [`${n}.sbcs.txt`, `${n}.dbcs.txt`])].sort());
    for (const f of files) {
      const codes = lines(f).map((l) => l.split('\t')[0]!);
      expect([...codes].sort()).toEqual(codes);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it.each(Object.entries(COUNTS))('%s has its mappings', (name, [single, double]) => {
    expect(lines(`${name}.sbcs.txt`)).toHaveLength(single);
    if (double) expect(lines(`${name}.dbcs.txt`)).toHaveLength(double);
  });

  it.each(SINGLE_BYTE)('%s: no two bytes decode to the same character, every byte encodes back to itself', (name) => {
    const cs = getEbcdicCharset(name)!;
    const seen = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const text = cs.decode(Uint8Array.of(b));
      if (text === '\uFFFD') continue;
      expect(seen.has(text), `${name} 0x${b.toString(16)} and 0x${seen.get(text)?.toString(16)}`).toBe(false);
      seen.set(text, b);
      expect([...cs.encode(text).bytes]).toEqual([b]);
    }
    // The full Latin pages are bijections of all 256 bytes.
    if (COUNTS[name]![0] === 256) expect(seen.size).toBe(256);
  });

  it.each(MIXED)('%s: every double-byte code encodes back to itself, except where the character has a lower code', (name) => {
    const cs = getEbcdicCharset(name)!;
    const first = new Map<string, number>();
    let roundTrips = 0;
    for (const line of lines(`${name}.dbcs.txt`)) {
      const code = parseInt(line.split('\t')[0]!, 16);
      const text = dbcs(name, code);
      const enc = cs.encode(text);
      expect(enc.unrepresentable).toEqual([]);
      expect(cs.decode(enc.bytes)).toBe(text);
      // Characters the single-byte part also has (€ in 1390/1399) are written single-byte, and
      // the 25 two-code-point sequences of JIS X 0213 (か゚) as their two characters.
      if (enc.bytes.length !== 4) continue;
      const back = (enc.bytes[1]! << 8) | enc.bytes[2]!;
      if (!first.has(text)) first.set(text, code);
      expect(back).toBe(first.get(text));
      if (back === code) roundTrips++;
    }
    // IBM's DBCS has few duplicates (IBM-selected kanji twice, NEC/IBM symbols).
    expect(roundTrips).toBeGreaterThan(COUNTS[name]![1] - 400);
  });

  it('ibm1390/ibm1399 hold every ibm930/ibm939 mapping unchanged, plus the euro and JIS X 0213', () => {
    for (const [newer, older] of [['ibm1390', 'ibm930'], ['ibm1399', 'ibm939']] as const) {
      for (const kind of ['sbcs', 'dbcs']) {
        const mine = new Set(lines(`${newer}.${kind}.txt`));
        for (const l of lines(`${older}.${kind}.txt`)) expect(mine.has(l), `${newer} ${l}`).toBe(true);
      }
      expect(ch(newer, 0xe1)).toBe('€');
      expect(dbcs(newer, 0x42e1)).toBe('€');
      expect(dbcs(newer, 0xb38d)).toBe('𠮟'); // U+20B9F, outside the BMP
      expect(dbcs(newer, 0xecb5)).toBe('\u304B\u309A'); // か゚: one code, two code points
      expect(dbcs(older, 0xb38d)).toBe('\uFFFD');
    }
  });

  it('known characters of each page', () => {
    expect(ch('ibm037', 0xc1, 0x4a, 0x5b, 0x9f)).toBe('A¢$¤');
    expect(ch('ibm1140', 0x9f)).toBe('€');
    expect(ch('ibm500', 0x4a, 0x5a)).toBe('[]');
    expect(ch('ibm1047', 0xad, 0xbd, 0x5f, 0x15, 0x25)).toBe('[]^\u0085\n');
    expect(ch('ibm273', 0x4a, 0x5a, 0x7c, 0xa1, 0xc0, 0xe0)).toBe('ÄÜ§ßäÖ');
    expect(ch('ibm1026', 0x4a, 0x5b, 0x7b)).toBe('ÇİÖ');
    expect(ch('ibm875', 0x41, 0xc1)).toBe('ΑA');
    expect(ch('ibm290', 0xc1, 0x4a, 0x5b, 0x81)).toBe('A£¥ｱ');
    expect(ch('ibm930', 0x0e, 0x45, 0x41, 0x0f)).toBe('一');
  });
});

describe('ibm290 (EBCDIK)', () => {
  it('decodes the 34 bytes ICU and Java decode: a–z, [ ] ^ ¢ \\ { } ~', () => {
    const bytes = [0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x8b, 0x9b, 0xab, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9];
    expect(ch('ibm290', ...bytes)).toBe('abcdefghijklmnopqrstuvwxyz');
    const symbols = [0x70, 0x80, 0xb0, 0xb1, 0xb2, 0xc0, 0xd0, 0xa0].map((b) => ch('ibm290', b)).join('');
    expect([...symbols].sort().join('')).toBe([...'[]^¢\\{}~'].sort().join(''));
    expect(getEbcdicCharset('ebcdic-jp-kana')!.name).toBe('ibm290');
  });

  it('a 2-byte text field C1 62 reads "Aa" without findings; 0x6A is undefined', () => {
    const yaml = 'charset: ibm290\nrecord: { length: 2 }\nfields:\n  - { name: t, length: 2 }\n';
    const read = (bytes: number[]) => {
      const r = createFixedReader(compileLayout(parseFixedSource(parse(yaml), 't.yaml'), 't.yaml'), { file: 't.dat' });
      const recs = [...r.push(Buffer.from(bytes)).records, ...r.end().records];
      return { fields: recs[0]!.fields, codes: (recs[0]!.findings ?? []).map((f) => [f.code, f.location.offset]) };
    };
    expect(read([0xc1, 0x62])).toEqual({ fields: ['Aa'], codes: [] });
    expect(read([0xc1, 0x6a]).codes).toEqual([['FIX_INVALID_BYTES', 1]]);
  });
});

describe('one katakana width for every Japanese EBCDIC page', () => {
  it('half-width by default in ibm290, ibm930 and ibm1390; kanaWidth: full gives full-width in all three', () => {
    const kana = [0x81, 0x82, 0x58, 0xbe, 0x41]; // ｱｲｰﾞ｡
    for (const name of ['ibm290', 'ibm930', 'ibm1390']) {
      expect(ch(name, ...kana)).toBe('ｱｲｰﾞ｡');
      expect(getEbcdicCharset(name, { kana: 'full' })!.decode(Uint8Array.from(kana))).toBe('アイー゛。');
    }
    const yaml = (w: string) => `charset: ibm930\n${w}record: { length: 5 }\nfields:\n  - { name: t, length: 5 }\n`;
    const read = (w: string) => {
      const r = createFixedReader(compileLayout(parseFixedSource(parse(yaml(w)), 't.yaml'), 't.yaml'), { file: 't.dat' });
      return r.push(Buffer.from(kana)).records[0]!.fields[0];
    };
    expect(read('')).toBe('ｱｲｰﾞ｡');
    expect(read('kanaWidth: full\n')).toBe('アイー゛。');
    expect(() => parseFixedSource(parse(yaml('kanaWidth: wide\n')), 'x.yaml')).toThrow(/kanaWidth: must be one of half, full/);
  });
});

describe('charset names', () => {
  it('every page answers to ibmNNN, cpNNN, ibm-NNN and ccsidNNN, in any case', () => {
    const names = ebcdicCharsetNames();
    for (const name of EBCDIC_CHARSET_NAMES) {
      const n = name.slice(3);
      for (const alias of [name, `cp${n}`, `IBM-${n}`, `CCSID${n}`]) expect(getEbcdicCharset(alias)?.name).toBe(name);
      expect(names[name]).toContain(`cp${n}`);
    }
    expect(getEbcdicCharset('IBM01140')!.name).toBe('ibm1140');
    expect(getEbcdicCharset('cp932')).toBeUndefined();
  });
});
