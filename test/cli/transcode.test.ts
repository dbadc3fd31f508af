import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

let dir: string;
beforeEach(() => {
  dir = tempDir('chukan-transcode-');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(['transcode', ...argv], dir);

const cp932 = (s: string) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: s });
const files = () => readdirSync(dir).sort();

/** A small resident-register export as a CP932 system writes it: ｶﾅ, ～, NEC ①, IBM 髙, 外字 F040/F9FC. */
function cp932Export(): Buffer {
  return Buffer.concat([
    cp932('ID,氏名,カナ,備考\r\n1,髙橋一郎,ﾀｶﾊｼ,①～\r\n2,山田'),
    Buffer.of(0xf0, 0x40, 0xf9, 0xfc),
    cp932('子,ﾔﾏﾀﾞ,"改行\r\nあり"\r\n'),
  ]);
}

describe('chukan transcode', () => {
  it('converts CP932 → UTF-8 → CP932 byte for byte, 外字 included, and agrees with GNU iconv', async () => {
    const src = cp932Export();
    writeFileSync(join(dir, 'in.csv'), src);
    const a = await run('in.csv', '--from', 'sjis', '--to', 'utf-8', '--out', 'out.csv');
    expect(a).toMatchObject({ code: 0, stderr: '' });
    expect(a.stdout).toMatch(/^wrote out\.csv: \d+ bytes utf-8 .*2 private-use/);
    const utf8 = readFileSync(join(dir, 'out.csv'));
    expect(utf8).toEqual(execFileSync('iconv', ['-f', 'CP932', '-t', 'UTF-8'], { input: src }));
    expect(utf8.toString('utf8')).toContain('山田\ue000\ue757子');
    expect(statSync(join(dir, 'out.csv')).mode & 0o777).toBe(0o600);

    const b = await run('out.csv', '--from', 'utf-8', '--to', 'cp932', '--out', 'back.csv');
    expect(b.code).toBe(0);
    expect(readFileSync(join(dir, 'back.csv'))).toEqual(src);
    expect(files()).toEqual(['back.csv', 'in.csv', 'out.csv']);
  });

  it('converts EUC-JP (eucJP-ms) user-defined rows to the same PUA as CP932', async () => {
    const euc = Buffer.concat([execFileSync('iconv', ['-f', 'UTF-8', '-t', 'EUCJP-MS'], { input: '1,山田' }), Buffer.of(0xf5, 0xa1, 0x0a)]);
    writeFileSync(join(dir, 'e.csv'), euc);
    expect((await run('e.csv', '--from', 'euc-jp', '--to', 'cp932', '--out', 's.csv')).code).toBe(0);
    expect(readFileSync(join(dir, 's.csv'))).toEqual(Buffer.concat([cp932('1,山田'), Buffer.of(0xf0, 0x40, 0x0a)]));
  });

  it('skips a UTF-8 BOM on input and writes one only when asked', async () => {
    writeFileSync(join(dir, 'bom.csv'), Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from('ID\n1\n')]));
    const r = await run('bom.csv', '--from', 'utf8', '--to', 'cp932', '--out', 'x.csv');
    expect(r.stdout).toContain('byte-order mark skipped');
    expect(readFileSync(join(dir, 'x.csv')).toString('latin1')).toBe('ID\n1\n');
    expect((await run('x.csv', '--from', 'cp932', '--to', 'utf-8', '--out', 'y.csv', '--bom')).code).toBe(0);
    expect([...readFileSync(join(dir, 'y.csv')).subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x49]);
    expect((await run('x.csv', '--from', 'cp932', '--to', 'cp932', '--out', 'z.csv', '--bom')).code).toBe(2);
  });

  it('fails on invalid bytes with exact offsets and lines, and leaves no output file', async () => {
    // line 1 fine; line 2: unassigned 85 40 at byte 12; line 3 ends in a lead byte cut by EOF (byte 18).
    const bytes = Buffer.concat([cp932('ID,氏名\n'), Buffer.from('1,'), Buffer.of(0x85, 0x40), Buffer.from('x\n2,'), Buffer.of(0x81)]);
    writeFileSync(join(dir, 'bad.csv'), bytes);
    const r = await run('bad.csv', '--from', 'cp932', '--to', 'utf-8', '--out', 'out.csv');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^bad\.csv, line 2, byte 10: .*\[ENC_INVALID_BYTES\] — bytes 85 40$/);
    expect(lines[1]).toMatch(/^bad\.csv, line 3, byte 16: .*\[ENC_TRUNCATED\] — bytes 81$/);
    expect(lines[2]).toBe('chukan transcode: 2 finding(s); nothing was written to out.csv');
    expect(files()).toEqual(['bad.csv']);
  });

  it('fails on characters the target cannot hold, with their byte offsets, and leaves no output file', async () => {
    writeFileSync(join(dir, 'u.csv'), 'ID,氏名\n1,𠮟責\n2,剝〜\n');
    const r = await run('u.csv', '--from', 'utf-8', '--to', 'cp932', '--out', 'out.csv');
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^u\.csv, line 2, byte 12: U\+20B9F cannot be written in cp932.*\[ENC_UNREPRESENTABLE\] — U\+20B9F$/);
    expect(lines[1]).toMatch(/^u\.csv, line 3, byte 22: U\+525D /);
    expect(lines[2]).toMatch(/^u\.csv, line 3, byte 25: U\+301C .*U\+FF5E/);
    expect(files()).toEqual(['u.csv']);
  });

  it('caps the listed findings at 100 and counts the rest', async () => {
    writeFileSync(join(dir, 'many.csv'), Buffer.alloc(250, 0x80));
    const r = await run('many.csv', '--from', 'cp932', '--to', 'utf-8', '--out', 'out.csv');
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(102);
    expect(lines[100]).toBe('… and 150 more (ENC_INVALID_BYTES: 250)');
    expect(files()).toEqual(['many.csv']);
  });

  it('refuses a UTF-16 file with one clear finding', async () => {
    writeFileSync(join(dir, 'w.csv'), Buffer.from('\ufeffID,氏名\r\n1,山田\r\n', 'utf16le'));
    const r = await run('w.csv', '--from', 'cp932', '--to', 'utf-8', '--out', 'out.csv');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^w\.csv, byte 0: The file looks like UTF-16LE, not cp932.*\[ENC_UTF16_INPUT\]$/);
    expect(files()).toEqual(['w.csv']);
  });

  it('exits 2 with one line for usage errors, a missing file, an unknown charset or a missing output directory', async () => {
    writeFileSync(join(dir, 'in.csv'), 'a\n');
    const cases: Array<[string[], RegExp]> = [
      [['missing.csv', '--from', 'cp932', '--to', 'utf-8', '--out', 'o.csv'], /cannot read input missing\.csv.*\[E_INPUT_NOT_FOUND\]/],
      [['in.csv', '--from', 'latin9', '--to', 'utf-8', '--out', 'o.csv'], /unknown charset "latin9" \[E_UNKNOWN_CHARSET\]/],
      [['in.csv', '--to', 'utf-8', '--out', 'o.csv'], /--from CHARSET is required .*\[E_USAGE\]/],
      [['--from', 'cp932', '--to', 'utf-8', '--out', 'o.csv'], /takes exactly one FILE, got none .*\[E_USAGE\]/],
      [['in.csv', '--from', 'cp932', '--to', 'utf-8', '--out', 'in.csv'], /is the same file as the input in\.csv.*\[E_OUTPUT_IS_INPUT\]/],
      [['in.csv', '--from', 'cp932', '--to', 'utf-8', '--out', 'nodir/o.csv'], /cannot write output nodir\/o\.csv.*\[E_OUTPUT_NOT_WRITABLE\]/],
      [['in.csv', '--from', 'cp932', '--to', 'utf-8', '--out', 'o.csv', '--frmo', 'x'], /unknown option --frmo \(did you mean --from\?\).*\[E_USAGE\]/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect([argv.join(' '), r.code]).toEqual([argv.join(' '), 2]);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(files()).toEqual(['in.csv']);
  });

  it('works as a real process: --help, exit codes', () => {
    const bin = join(import.meta.dirname, '../../bin/chukan.js');
    const help = spawnSync(process.execPath, [bin, 'transcode', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: chukan transcode FILE --from CHARSET --to CHARSET --out OUT');
    const missing = spawnSync(process.execPath, [bin, 'transcode', 'nope.csv', '--from', 'cp932', '--to', 'utf-8', '--out', 'o.csv'], { cwd: dir, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
