import { describe, expect, it } from 'vitest';
import { getCharset } from '../../src/encoding/index.ts';
import { readCsvTable, tableErrors } from '../../src/readers/csv-table.ts';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('readCsvTable (the project\'s own CSV tables)', () => {
  it('gives each row with the line it starts on; quoted breaks, CR LF, LF and CR alike; blank lines give no row', () => {
    const t = readCsvTable(utf8('\ufeffa,b\r\n\r\n"c\r\nd",e\n\n,\rf\n'), { file: 't.csv' });
    expect(t.rows.map((r) => [r.line, r.cells])).toEqual([[1, ['a', 'b']], [3, ['c\r\nd', 'e']], [6, ['', '']], [7, ['f']]]);
    expect(t.findings).toEqual([]);
  });

  it('keeps blank lines as empty rows when asked, so row numbers are what a spreadsheet shows', () => {
    const t = readCsvTable(utf8('\n項目,型\n"a\nb",X\n\nc,Y\n'), { file: 'book.csv', blankLines: 'keep' });
    expect(t.rows.map((r) => r.cells)).toEqual([[''], ['項目', '型'], ['a\nb', 'X'], [''], ['c', 'Y']]);
    expect(t.rows.map((r) => r.line)).toEqual([1, 2, 3, 5, 6]);
  });

  it('decodes with the registry charset given: CP932 外字 arrive as the PUA characters they are everywhere else', () => {
    const t = readCsvTable(Buffer.from([0xf0, 0x40, 0x2c, 0x8e, 0x52, 0x0d, 0x0a]), { file: 'g.csv', charset: getCharset('ms932') });
    expect(t.rows[0]!.cells).toEqual(['\ue000', '山']);
  });

  it('reports broken CSV and bad bytes as findings, each with its line, never as an exception', () => {
    const t = readCsvTable(Buffer.concat([utf8('a,"b"x\nc,'), Buffer.from([0xff]), utf8('\n"d\n')]), { file: 't.csv' });
    expect(tableErrors(t, 't.csv').map((e) => e.text)).toEqual([
      't.csv:1: not valid CSV (CSV_QUOTE_GARBAGE)',
      't.csv:2: not valid CSV (ENC_INVALID_BYTES)',
      't.csv:3: not valid CSV (CSV_UNCLOSED_QUOTE)',
    ]);
    const wide = readCsvTable(Buffer.from('\ufeffa,b\r\n', 'utf16le'), { file: 'w.csv' });
    expect(tableErrors(wide, 'w.csv')).toEqual([{ detail: 'not a CSV table chukan can read (ENC_UTF16_INPUT)', text: 'w.csv: not a CSV table chukan can read (ENC_UTF16_INPUT)' }]);
  });
});
