import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getCharset } from '../../src/encoding/index.ts';
import { SNIFF_BYTES } from '../../src/readers/csv-sniff.ts';
import { cp932, readAll, readBytewise, readWithCuts, type Opts } from './helpers.ts';

/** One input holding every feature the reader has, broken records included. */
const body = Buffer.concat([
  cp932('氏名,住所,"備考"\r\n'),
  cp932('"山田\uE000郎","東京都\r\n千代田区",ソ表\n'),
  cp932('\r\n\n\r'), // empty lines: CRLF, LF, lone CR
  cp932('"a""b",,"c\rd"\r'),
  cp932('"ab"c,x"y,z\n'),
  Buffer.from('n\0l,1,2\r\n'),
  cp932('"' + 'long'.repeat(20) + '\n' + '"",'.repeat(10) + '",1,2\r\n'),
  cp932('髙橋,\uE757,3\n'),
  Buffer.from([0x61, 0x81, 0x20, 0x2c, 0xfd, 0x2c, 0x63, 0x0d, 0x0a]), // invalid lead/trail pairs
]);
// Long enough that chunking starts well after the reader's start-of-file sniff window.
const corpus = Buffer.concat([body, body, body, cp932('"unclosed,\r\nstill,open')]);
const utf8 = Buffer.from('名,"値\n改行"\r\n\r"x""y",\uFEFFz\n'.repeat(12) + 'end');
const pipe = cp932('ポ"x|"a|ポ"|c\r\nd|e|"ポ|"\nポ"\n'.repeat(12));

const configs: [string, Buffer, Opts][] = [
  ['cp932 with small cap and column check', corpus, { maxRecordBytes: 64, columns: 'first' }],
  ['cp932 default options', corpus, {}],
  ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), { charset: getCharset('utf-8') }],
  ['cp932 with | delimiter', pipe, { delimiter: '|' }],
];

describe('CSV reader: any chunking gives the same result as one chunk', () => {
  for (const [name, bytes, opts] of configs) {
    const whole = readAll(bytes, opts);

    it(`${name}: sanity of the reference reading`, () => {
      expect(bytes.length).toBeGreaterThan(3 * SNIFF_BYTES);
      expect(whole.records.length).toBeGreaterThan(1);
      expect(whole.counters.bytes).toBe(bytes.length);
    });

    it(`${name}: 1-byte chunks`, () => {
      const r = readBytewise(bytes, opts);
      expect(r.records).toEqual(whole.records);
      expect(r.fileFindings).toEqual(whole.fileFindings);
      expect(r.counters).toEqual(whole.counters);
    });

    it(`${name}: every single cut point`, () => {
      for (let i = 1; i < bytes.length; i++) {
        const r = readWithCuts(bytes, [i], opts);
        expect(r.records, `cut at ${i}`).toEqual(whole.records);
        expect(r.counters, `cut at ${i}`).toEqual(whole.counters);
      }
    });

    it(`${name}: random chunkings (fast-check)`, () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }), (cuts) => {
          const r = readWithCuts(bytes, [...cuts].sort((a, b) => a - b), opts);
          expect(r.records).toEqual(whole.records);
          expect(r.fileFindings).toEqual(whole.fileFindings);
          expect(r.counters).toEqual(whole.counters);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('the corpus yields the findings it was built to hold', () => {
    const r = readAll(corpus, { maxRecordBytes: 64, columns: 'first' });
    const once = [[], [], ['CSV_QUOTE_GARBAGE', 'CSV_BARE_QUOTE'], ['CSV_NUL_BYTES'], ['CSV_RECORD_TOO_LONG'], [], ['ENC_INVALID_BYTES', 'ENC_INVALID_BYTES']];
    expect(r.records.map((x) => x.findings.map((f) => f.code))).toEqual([
      [],
      ...once,
      [],
      ...once,
      [],
      ...once,
      ['CSV_UNCLOSED_QUOTE', 'CSV_TOO_FEW_FIELDS'],
    ]);
    expect(r.records[1].fields).toEqual(['山田\uE000郎', '東京都\r\n千代田区', 'ソ表']);
    expect(r.records[2].fields).toEqual(['a"b', '', 'c\rd']);
    expect(r.records[6].fields).toEqual(['髙橋', '\uE757', '3']);
  });
});
