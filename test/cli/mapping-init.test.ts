/** `chukan mapping init`: what it writes, where, and what it refuses. */
import { copyFileSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCharset } from '../../src/encoding/index.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const JUMIN = join(ROOT, 'samples/vendor-a/JUMIN.csv');
const tmp = () => tempDir('chukan-init-');

describe('mapping init', () => {
  it('writes only --out: a mapping that loads, with the source stated and reasons beside each decision', async () => {
    const dir = tmp();
    copyFileSync(JUMIN, join(dir, 'JUMIN.csv'));
    const r = await runCli(['mapping', 'init', '--layout', 'juki/kojin', '--sample', 'JUMIN.csv', '--out', 'm.yaml'], dir);
    expect(r.code).toBe(1); // 団体コード is not in vendor A's export: a required item left as TODO
    expect(readdirSync(dir).sort()).toEqual(['JUMIN.csv', 'm.yaml']);
    const y = readFileSync(join(dir, 'm.yaml'), 'utf8');
    expect(y).toMatch(/^  charset: cp932 +# CP932/m);
    expect(y).toMatch(/^  header: true +# 20 of the first record's 20 cells name layout items/m);
    expect(y).toMatch(/^  delimiter: "," +# "," splits/m);
    expect(y).toMatch(/^  quote: '"' +# \d+ values start with "/m);
    expect(y).toMatch(/^  # line ends: CRLF/m);
    // Every unmapped item: a commented TODO with its id, name, type and length.
    expect(y).toMatch(/^  # TODO dantaiCode 団体コード \(文字列 6\(固定\) 文字, required\): no column found$/m);
    expect(y).toMatch(/^  # TODO kojinNo 個人番号 \(文字列 12\(固定\) 文字, optional\)/m);
    expect(y).toMatch(/# confident: 宛名番号 ← header "個人コード" is a synonym of the item/);
    expect(y).toMatch(/seinengappi:\n    from: "生年月日"\n    transforms: \[trim, \{ wareki: \{ eraDigits: "1" \} \}\]/);
    // Vendor A's own 続柄 codes: a skeleton to fill in, never a silent identity.
    expect(y).toMatch(/"01": "TODO" +# \d+× in the sample; not a code of zokugara/);
    expect(y).toMatch(/"1": "1" +# \d+× in the sample; standard 1 is 男/);
    // No personal value from the sample: names, numbers and dates stay out.
    for (const v of ['遠藤', 'ｴﾝﾄﾞｳ', '0000100001', '3351210', '920-0810']) expect(y).not.toContain(v);
    const check = await runCli(['mapping', 'check', 'm.yaml'], dir);
    expect(check.stdout).toMatch(/m\.yaml: ok/);
    expect(check.code).toBe(0);
    // The summary: one screen, the counts that matter.
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(r.stderr).toMatch(/mapped with confidence \(\d+\): atenaNo ← 個人コード/);
    expect(r.stderr).toMatch(/unmapped required items \(1\): dantaiCode 団体コード/);
    expect(r.stderr).toMatch(/wrote m\.yaml — next: chukan mapping check m\.yaml --sample JUMIN\.csv/);
  });

  it('refuses to overwrite an existing file without --force (exit 2), and replaces it with --force', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'm.yaml'), 'mine\n');
    const a = await runCli(['mapping', 'init', '--layout', 'juki/kojin', '--sample', JUMIN, '--out', 'm.yaml'], dir);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/m\.yaml exists; pass --force to replace it \[E_USAGE\]/);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe('mine\n');
    const b = await runCli(['mapping', 'init', '--layout', 'juki/kojin', '--sample', JUMIN, '--out', 'm.yaml', '--force'], dir);
    expect(b.code).toBe(1);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toMatch(/^# Proposed by chukan mapping init/);
    expect(readdirSync(dir)).toEqual(['m.yaml']);
  });

  it('without --out prints the mapping on stdout and writes nothing; --json gives the proposal', async () => {
    const dir = tmp();
    const r = await runCli(['mapping', 'init', '--layout', 'juki/setai', '--sample', join(ROOT, 'samples/vendor-a/SETAI.csv')], dir);
    expect(r.stdout).toMatch(/^# Proposed by chukan mapping init for juki\/setai/);
    expect(readdirSync(dir)).toEqual([]);
    const j = await runCli(['mapping', 'init', '--layout', 'juki/setai', '--sample', join(ROOT, 'samples/vendor-a/SETAI.csv'), '--json'], dir);
    const out = JSON.parse(j.stdout);
    expect(Object.keys(out)).toEqual(['layout', 'sample', 'out', 'records', 'source', 'fields', 'unmapped', 'unusedColumns', 'mapping']);
    expect(out.source.charset.value).toBe('cp932');
    expect(out.source.header).toMatchObject({ value: true });
    const setaiNo = out.fields.find((f: { field: string }) => f.field === 'setaiNo');
    expect(setaiNo).toMatchObject({ from: '世帯コード', confidence: 'confident', name: 'synonym' });
    expect(out.unmapped.map((u: { field: string }) => u.field)).toContain('dantaiCode');
  });

  it('detects EUC-JP and UTF-8 with BOM, TAB and LF, and a headerless file', async () => {
    const dir = tmp();
    const text = '宛名番号\t氏名\t生年月日\n0000000001\t山田　太郎\t3550301\n0000000002\t佐藤　花子\t4010108\n';
    writeFileSync(join(dir, 'e.tsv'), getCharset('euc-jp').encode(text).bytes);
    writeFileSync(join(dir, 'u.tsv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    writeFileSync(join(dir, 'n.csv'), getCharset('cp932').encode('0000000001,山田　太郎,3550301\r\n0000000002,佐藤　花子,4010108\r\n').bytes);
    const e = JSON.parse((await runCli(['mapping', 'init', '--layout', 'juki/kojin', '--sample', 'e.tsv', '--json'], dir)).stdout);
    expect([e.source.charset.value, e.source.delimiter.value, e.source.lineEnds.value, e.source.header.value]).toEqual(['euc-jp', '\t', 'lf', true]);
    const u = JSON.parse((await runCli(['mapping', 'init', '--layout', 'juki/kojin', '--sample', 'u.tsv', '--json'], dir)).stdout);
    expect(u.source.charset).toMatchObject({ value: 'utf-8', reason: expect.stringMatching(/^bom/) });
    const n = JSON.parse((await runCli(['mapping', 'init', '--layout', 'juki/kojin', '--sample', 'n.csv', '--json'], dir)).stdout);
    expect(n.source.header.value).toBe(false);
    expect(n.mapping).toMatch(/^  header: false/m);
    expect(n.fields.find((f: { field: string }) => f.field === 'seinengappi')).toMatchObject({ from: 3, confidence: 'check' });
  });

  it('--help documents the options and exit codes; bad invocations exit 2', async () => {
    const h = await runCli(['mapping', 'init', '--help']);
    expect(h.code).toBe(0);
    for (const o of ['--layout', '--sample', '--out', '--force', '--from', '--header', '--no-header', '--limit', '--schemas', '--json']) expect(h.stdout).toContain(o);
    expect(h.stdout).toMatch(/Exit codes: 0 mapping written/);
    expect((await runCli(['mapping', 'init', '--sample', JUMIN])).code).toBe(2);
    expect((await runCli(['mapping', 'init', '--layout', 'juki/kojin'])).code).toBe(2);
    const missing = await runCli(['mapping', 'init', '--layout', 'juki/kojin', '--sample', 'no/such.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no\/such\.csv.*\[E_INPUT_NOT_FOUND\]/);
    expect((await runCli(['mapping', 'init', '--layout', 'nope/x', '--sample', JUMIN])).stderr).toMatch(/\[E_LAYOUT\]/);
  });
});
