import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { peek } from '../../src/api/peek.ts';
import { cp932 } from '../readers/helpers.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

let dir: string;
beforeEach(() => {
  dir = tempDir('chukan-peek-');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(['peek', ...argv], dir);

/** A CP932 export: header, a quoted newline, 外字 (F040 → U+E000), a broken record, more rows. */
function exportBytes(): Buffer {
  const rows = ['ID,氏名,住所\r\n', '1,"山田\uE000郎","東京都\r\n千代田区"\r\n', '2,"田中"x,大阪\r\n'];
  for (let i = 3; i <= 15; i++) rows.push(`${i},髙橋,福岡\r\n`);
  return cp932(rows.join(''));
}

describe('chukan peek', () => {
  it('--json: one object per record, header included, findings as codes only when present; default limit 10', async () => {
    const bytes = exportBytes();
    writeFileSync(join(dir, 'a.csv'), bytes);
    const r = await run('a.csv', '--json');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    const h = cp932('ID,氏名,住所\r\n').length;
    const r2 = cp932('1,"山田\uE000郎","東京都\r\n千代田区"\r\n').length;
    expect(lines[0]).toBe('{"record":1,"line":1,"offset":0,"fields":["ID","氏名","住所"]}');
    expect(lines[1]).toBe(`{"record":2,"line":2,"offset":${h},"fields":["1","山田\uE000郎","東京都\\r\\n千代田区"]}`);
    expect(lines[2]).toBe(`{"record":3,"line":4,"offset":${h + r2},"fields":["2","田中x","大阪"],"findings":["CSV_QUOTE_GARBAGE"]}`);
    expect(JSON.parse(lines[9])).toEqual({ record: 10, line: 11, offset: expect.any(Number), fields: ['9', '髙橋', '福岡'] });
    expect(r.stderr).toContain('as cp932 (the bytes are valid CP932 only: UTF-8: ');
  });

  it('--limit and an explicit --from; text output shows fields and findings', async () => {
    writeFileSync(join(dir, 'a.csv'), exportBytes());
    const r = await run('a.csv', '--from', 'shift_jis', '--limit', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('record 3  line 4  byte');
    expect(r.stdout).toContain('"山田\uE000郎"');
    expect(r.stdout).toContain('! error CSV_QUOTE_GARBAGE');
    expect(r.stdout).not.toContain('record 4');
    expect(r.stderr).toContain('as cp932 (as given by --from)');
  });

  it('guesses UTF-8 from a BOM (and from valid UTF-8 text) and honours --delimiter', async () => {
    writeFileSync(join(dir, 'bom.tsv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('名前\t年齢\n太郎\t3\n')]));
    const r = await run('bom.tsv', '--delimiter', '\t', '--json');
    expect(r.stdout.trimEnd().split('\n')).toEqual(['{"record":1,"line":1,"offset":3,"fields":["名前","年齢"]}', '{"record":2,"line":2,"offset":17,"fields":["太郎","3"]}']);
    expect(r.stderr).toContain('utf-8 (UTF-8 byte-order mark');
    writeFileSync(join(dir, 'plain.csv'), '名前,年齢\n');
    expect((await run('plain.csv', '--json')).stdout).toBe('{"record":1,"line":1,"offset":0,"fields":["名前","年齢"]}\n');
  });

  it('a UTF-16 file: no records, one finding line on stderr, exit 0', async () => {
    writeFileSync(join(dir, 'w.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\r\n1,2\r\n', 'utf16le')]));
    const r = await run('w.csv', '--from', 'cp932');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').filter((l) => l.includes('ENC_UTF16_INPUT'))).toHaveLength(1);
  });

  it('exit 2 with one clear line for a missing file, an unknown charset, a bad option', async () => {
    writeFileSync(join(dir, 'a.csv'), 'a\n');
    for (const argv of [['missing.csv'], ['a.csv', '--from', 'klingon'], ['a.csv', '--limit', 'x'], ['a.csv', '--delimiter', ';;'], []]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
    }
    expect((await run('missing.csv')).stderr).toContain('[E_INPUT_NOT_FOUND]');
    expect((await run('a.csv', '--from', 'klingon')).stderr).toContain('[E_UNKNOWN_CHARSET]');
  });

  it('the API stops reading at the limit', async () => {
    writeFileSync(join(dir, 'a.csv'), exportBytes());
    const seen = [];
    for await (const r of peek({ file: 'a.csv', cwd: dir, limit: 2 })) seen.push(r);
    expect(seen.map((r) => r.record)).toEqual([1, 2]);
    expect(seen[1]).toMatchObject({ line: 2, findings: [] });
  });
});
