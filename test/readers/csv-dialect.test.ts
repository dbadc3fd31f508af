import { describe, expect, it } from 'vitest';
import { getCharset } from '../../src/encoding/index.ts';
import { headerFromData, sniffCsvDialect } from '../../src/readers/csv-dialect.ts';

const cp932 = (s: string) => Buffer.from(getCharset('cp932').encode(s).bytes);

describe('sniffCsvDialect', () => {
  it('finds the delimiter that splits every record alike, also | in CP932 where ポ ends in 0x7C', () => {
    const text = 'ID|氏名|住所\r\n1|ポポ山|東京都\r\n2|ソ表|大阪府\r\n';
    const d = sniffCsvDialect(cp932(text), true);
    expect([d.charset.name, d.delimiter.value, d.columns, d.ragged, d.lineEnds.value]).toEqual(['cp932', '|', 3, 0, 'crlf']);
    expect(d.records[1]).toEqual(['1', 'ポポ山', '東京都']);
  });

  it('quoted values with the delimiter and line breaks inside are read by the reader, not split', () => {
    const text = 'a;b;c\n"x;y";"1\n2";z\n"p";"q";r\n';
    const d = sniffCsvDialect(Buffer.from(text), true);
    expect([d.delimiter.value, d.columns, d.lineEnds.value]).toEqual([';', 3, 'lf']);
    expect(d.records[1]).toEqual(['x;y', '1\n2', 'z']);
  });

  it("takes ' as the quote when values are wrapped in it and never in \"", () => {
    const d = sniffCsvDialect(Buffer.from("'a','b'\r\n'1','x,y'\r\n"), true);
    expect(d.quote.value).toBe("'");
    expect(d.records[1]).toEqual(['1', 'x,y']);
  });
});

describe('headerFromData', () => {
  it('a word above numbers and dates is a header; a first record like the rest is data', () => {
    expect(headerFromData([['番号', '生年月日'], ['1', '3550301'], ['2', '4010108']]).value).toBe(true);
    expect(headerFromData([['1', '3550301'], ['2', '4010108'], ['3', '4020202']]).value).toBe(false);
  });
});
