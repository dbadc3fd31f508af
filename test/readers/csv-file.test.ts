import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvFile, READ_CHUNK_BYTES, type SourceRecord } from '../../src/readers/index.ts';
import { getCharset } from '../../src/encoding/index.ts';
import { InputNotFoundError } from '../../src/core/errors.ts';
import { cp932 } from './helpers.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('chukan-csv-');

describe('readCsvFile', () => {
  it('streams a multi-chunk CP932 file as batches whose records are whole and in order', async () => {
    const row = (i: number) => `${i},"山田 太郎\n${i}",東京都千代田区\uE001\r\n`;
    const n = 60_000;
    const parts: Buffer[] = [cp932('番号,氏名,住所\r\n')];
    for (let i = 1; i <= n; i++) parts.push(cp932(row(i)));
    const bytes = Buffer.concat(parts);
    expect(bytes.length).toBeGreaterThan(2 * READ_CHUNK_BYTES);
    const path = join(dir, 'many.csv');
    writeFileSync(path, bytes);

    let batches = 0;
    const recs: SourceRecord[] = [];
    for await (const b of readCsvFile(path, { charset: getCharset('cp932'), columns: 'first' })) {
      batches++;
      for (const r of b.records) {
        expect(b.text.slice(r.textStart, r.textEnd).split(',').length).toBeGreaterThanOrEqual(3);
        recs.push(r);
      }
    }
    expect(batches).toBeGreaterThanOrEqual(3);
    expect(recs).toHaveLength(n + 1);
    expect(recs.flatMap((r) => r.findings ?? [])).toEqual([]);
    const last = recs[n];
    expect(last.fields).toEqual([String(n), `山田 太郎\n${n}`, '東京都千代田区\uE001']);
    expect(last.line).toBe(1 + 2 * (n - 1) + 1);
    expect(last.offset + last.byteLength).toBe(bytes.length);
    expect(last.offset).toBe(bytes.length - cp932(row(n)).length);
  });

  it('a missing file is InputNotFoundError', async () => {
    const it = readCsvFile(join(dir, 'nope.csv'), { charset: getCharset('cp932') });
    await expect(async () => {
      for await (const _ of it) void _;
    }).rejects.toThrow(InputNotFoundError);
  });
});
