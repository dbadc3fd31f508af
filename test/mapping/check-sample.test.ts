/** `chukan mapping check M --sample FILE`: the mapping against a real file, before any conversion. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCharset } from '../../src/encoding/index.ts';
import { runCli } from '../helpers/cli.ts';
import { tmp, write } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const cp932 = (s: string) => Buffer.from(getCharset('cp932').encode(s).bytes);

const HEAD = 'layout: juki/setai\nsource: { format: csv, charset: cp932, header: true }\nfields:\n';

describe('mapping check --sample', () => {
  it('a name missing from the header row is a problem at its line, with a did-you-mean after folding', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.csv'), cp932('世帯番号,世帯主氏名,ｾﾀｲﾇｼ ｶﾅ\r\n1,山田　太郎,ﾔﾏﾀﾞ ﾀﾛｳ\r\n'));
    write(dir, 'm.yaml', HEAD + '  setaiNo: 世帯番号\n  setainushiShimei: 世帯主の氏名\n  setainushiShimeiKana: セタイヌシカナ\n');
    const r = await runCli(['mapping', 'check', 'm.yaml', '--sample', 's.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^m\.yaml:5: column "世帯主の氏名" is not in the header row of s\.csv \(did you mean "世帯主氏名"\?\)$/m);
    expect(r.stderr).toMatch(/^m\.yaml:6: column "セタイヌシカナ" is not in the header row of s\.csv \(did you mean "ｾﾀｲﾇｼ ｶﾅ"\?\)$/m);
  });

  it('a position beyond the columns of the file is a problem (from: 16 on a 15-column file)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.csv'), cp932(Array.from({ length: 15 }, (_, i) => String(i)).join(',') + '\r\n'));
    write(dir, 'm.yaml', 'layout: juki/kojin\nsource: { format: csv, charset: cp932, header: false }\nfields:\n  setaiNo: 1\n  biko: 16\n');
    const r = await runCli(['mapping', 'check', 'm.yaml', '--sample', 's.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^m\.yaml:5: from: column 16 is beyond the 15 columns of s\.csv$/m);
  });

  it('runs the mapping over the first N records and prints the findings per field with counts; writes nothing', async () => {
    const dir = tmp();
    const r = await runCli(['mapping', 'check', join(ROOT, 'mappings/vendor-a/juki-kojin.yaml'), '--sample', join(ROOT, 'samples/vendor-a/JUMIN.csv'), '--limit', '100'], dir);
    expect(r.stdout).toMatch(/juki-kojin\.yaml: ok/);
    expect(r.stdout).toMatch(/JUMIN\.csv: read 100 records \(first 100: --limit\): 97 written, 2 rejected, 1 duplicates — dry run, nothing written/);
    expect(r.stdout).toMatch(/^\s+\(record\)\s+ENC_INVALID_BYTES\s+2\s+error/m);
    expect(r.code).toBe(1);
    const j = await runCli(['mapping', 'check', join(ROOT, 'mappings/vendor-a/juki-kojin.yaml'), '--sample', join(ROOT, 'samples/vendor-a/JUMIN.csv'), '--json'], dir);
    const out = JSON.parse(j.stdout);
    expect(out[0].sample).toMatchObject({ read: 316, limit: 1000, limitReached: false });
    expect(out[0].sample.findings).toContainEqual(expect.objectContaining({ field: 'zokugara', code: 'TX_CODE_UNKNOWN', severity: 'error', count: 1 }));
    expect(out[0].problems).toEqual([]);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a CP932 file declared UTF-8: the first finding names the charset the bytes look like', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.csv'), cp932('世帯番号,世帯主氏名\r\n1,山田　太郎\r\n'));
    write(dir, 'm.yaml', 'layout: juki/setai\nsource: { format: csv, charset: utf-8, header: true }\nfields:\n  setaiNo: 1\n');
    const r = await runCli(['mapping', 'check', 'm.yaml', '--sample', 's.csv'], dir);
    const lines = r.stdout.split('\n').filter((l) => /^\s+\S+\s+[A-Z_]+\s+\d+/.test(l));
    expect(lines[0]).toMatch(/ENC_CHARSET_HINT\s+1\s+warning .*charset: cp932/);
  });
});
