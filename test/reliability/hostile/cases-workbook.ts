import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { writeXlsxBomb, writeZip, type ZipPart } from '../helpers/xlsx-bomb.ts';
import { copy, write, type HostileCase } from './table.ts';

/** The peak RSS every workbook bomb must stay under (issue: ~300 MB), the child's whole process. */
const BOMB_RSS = 300 * 1024 * 1024;
const underBombRss = (r: { peakRss?: number }) => {
  expect(r.peakRss, 'peak RSS measured').toBeGreaterThan(0);
  expect(r.peakRss!).toBeLessThan(BOMB_RSS);
};

const importBomb = (id: string, about: string, kind: 'sheet' | 'shared-string', bytes: number, error: string, lie = false): HostileCase => ({
  id, area: 'workbook', about, expect: { exit: 2, error },
  setup(dir) {
    writeXlsxBomb(join(dir, 'book.xlsx'), kind, bytes, { lie });
    return { args: ['layouts', 'import', 'book.xlsx', '--out', 'schemas', '--domain', 'x'], measure: true };
  },
  verify: underBombRss,
});

/** A mapping of vendor A's JUMIN.csv whose 外字対応表 is `table` (in the case directory). */
function gaijiTableMapping(dir: string, table: string): string {
  const text = readFileSync(copy(dir, 'mappings/vendor-a/juki-kojin.yaml', 'm/juki-kojin.yaml'), 'utf8');
  copy(dir, 'mappings/vendor-a/codes', 'm/codes');
  return write(dir, 'm/juki-kojin.yaml', text.replace('table: gaiji.csv', `table: ${table}`));
}

export const workbookCases: HostileCase[] = [
  importBomb('workbook-sheet-400mb', 'layouts import: an .xlsx whose worksheet inflates to 400 MB (headers honest)', 'sheet', 400e6, 'E_WORKBOOK_LIMIT'),
  importBomb('workbook-shared-string-300mb', 'layouts import: an .xlsx holding one 300 MB shared string', 'shared-string', 300e6, 'E_WORKBOOK_LIMIT'),
  importBomb('workbook-sheet-1200mb', 'layouts import: an .xlsx whose worksheet inflates to 1.2 GB (past V8\'s longest string)', 'sheet', 1200e6, 'E_WORKBOOK_LIMIT'),
  importBomb('workbook-lying-header', 'layouts import: the zip headers declare 1 KiB for a worksheet that inflates to 400 MB', 'sheet', 400e6, 'E_WORKBOOK_UNREADABLE', true),
  {
    id: 'workbook-ratio', area: 'workbook', about: 'layouts import: a 2 MB worksheet compressed ~190× (past the ratio limit of 100)',
    expect: { exit: 2, error: 'E_WORKBOOK_LIMIT' },
    setup(dir) {
      writeXlsxBomb(join(dir, 'book.xlsx'), 'sheet', 2e6);
      return { args: ['layouts', 'import', 'book.xlsx', '--out', 'schemas', '--domain', 'x'] };
    },
  },
  {
    id: 'workbook-ratio-raised', area: 'workbook', about: 'the same workbook with --workbook-limits ratio=1000: read, then refused for having no item header',
    expect: { exit: 2, error: 'E_LAYOUT' },
    setup(dir) {
      writeXlsxBomb(join(dir, 'book.xlsx'), 'sheet', 2e6);
      return { args: ['layouts', 'import', 'book.xlsx', '--out', 'schemas', '--domain', 'x', '--workbook-limits', 'ratio=1000'] };
    },
  },
  {
    id: 'workbook-entries', area: 'workbook', about: 'layouts import: a zip of 10,001 parts (limit 10,000)',
    expect: { exit: 2, error: 'E_WORKBOOK_LIMIT' },
    setup(dir) {
      const parts: ZipPart[] = Array.from({ length: 10_001 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: Buffer.from(String(i)) }));
      writeZip(join(dir, 'book.xlsx'), parts);
      return { args: ['layouts', 'import', 'book.xlsx', '--out', 'schemas', '--domain', 'x'] };
    },
  },
  {
    id: 'workbook-not-a-zip', area: 'workbook', about: 'layouts import: a file named .xlsx holding CSV text',
    expect: { exit: 2, error: 'E_WORKBOOK_UNREADABLE' },
    setup(dir) {
      write(dir, 'book.xlsx', '項目名,データ型\r\n氏名,文字\r\n');
      return { args: ['layouts', 'import', 'book.xlsx', '--out', 'schemas', '--domain', 'x'] };
    },
  },
  {
    id: 'workbook-limits-malformed', area: 'workbook', about: 'layouts import --workbook-limits size=0',
    expect: { exit: 2, error: 'E_USAGE' },
    setup(dir) {
      writeXlsxBomb(join(dir, 'book.xlsx'), 'sheet', 1e4);
      return { args: ['layouts', 'import', 'book.xlsx', '--out', 'schemas', '--workbook-limits', 'size=0'] };
    },
  },
  {
    id: 'workbook-gaiji-table-bomb', area: 'workbook', about: 'convert: the mapping\'s 外字対応表 is an .xlsx whose worksheet inflates to 400 MB',
    expect: { exit: 2, error: 'E_WORKBOOK_LIMIT' },
    setup(dir) {
      writeXlsxBomb(join(dir, 'm/gaiji.xlsx'), 'sheet', 400e6);
      gaijiTableMapping(dir, 'gaiji.xlsx');
      copy(dir, 'samples/vendor-a/JUMIN.csv', 'JUMIN.csv');
      return { args: ['convert', '--mapping', 'm/juki-kojin.yaml', '--in', 'JUMIN.csv', '--out', 'out'], measure: true };
    },
    verify: underBombRss,
    },
  {
    id: 'workbook-mj-table-shared-string', area: 'workbook', about: 'convert: the 外字 section\'s MJ table is an .xlsx with a 300 MB shared string',
    expect: { exit: 2, error: 'E_WORKBOOK_LIMIT' },
    setup(dir) {
      writeXlsxBomb(join(dir, 'm/mj.xlsx'), 'shared-string', 300e6);
      const p = gaijiTableMapping(dir, 'gaiji.csv');
      copy(dir, 'mappings/vendor-a/gaiji.csv', 'm/gaiji.csv');
      write(dir, 'm/juki-kojin.yaml', readFileSync(p, 'utf8').replace('    table: gaiji.csv', '    table: gaiji.csv\n    mjTable: mj.xlsx'));
      copy(dir, 'samples/vendor-a/JUMIN.csv', 'JUMIN.csv');
      return { args: ['convert', '--mapping', 'm/juki-kojin.yaml', '--in', 'JUMIN.csv', '--out', 'out'], measure: true };
    },
    verify: underBombRss,
    },
];
