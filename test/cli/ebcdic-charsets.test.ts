// EBCDIC pages are charsets wherever chukan takes a charset name: transcode converts them both
// ways; the CSV tools (peek, a CSV mapping source) refuse them with a reason instead of
// "unknown charset" — an EBCDIC file is read with a fixed layout.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { charsetNames, getCharset, getEbcdicCharset } from '../../src/encoding/index.ts';
import { readMapping } from '../../src/mapping/load-mapping.ts';
import { runCli } from '../helpers/cli.ts';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'chukan-ebcdic-cs-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const enc = (name: string, s: string) => Buffer.from(getEbcdicCharset(name)!.encode(s).bytes);

describe('EBCDIC charset names', () => {
  it('getCharset knows every page and its aliases; charsetNames lists them', () => {
    for (const n of ['ibm1390', 'CCSID1399', 'cp500', 'ibm-1047', 'IBM01140', 'ibm273', 'cp1026', 'ibm875', 'ebcdic-jp-kana', 'ibm930']) {
      expect(getCharset(n).asciiTransparent).toBe(false);
    }
    expect(charsetNames().ibm1390).toContain('ccsid1390');
  });

  it('transcode reads ibm1390 (a long double-byte run, cut by the reader) and writes ibm037', async () => {
    const text = 'ABC ' + '𠮟山田太郎'.repeat(300_000) + ' XYZ\n';
    const bytes = enc('ibm1390', text);
    expect(bytes.length).toBeGreaterThan(1 << 20); // more than one read chunk, inside one SO…SI
    writeFileSync(join(dir, 'in.dat'), bytes);
    const a = await runCli(['transcode', 'in.dat', '--from', 'ibm1390', '--to', 'utf-8', '--out', 'out.txt'], dir);
    expect(a).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe(text);

    writeFileSync(join(dir, 'latin.txt'), 'Hello [World] 123\n');
    const b = await runCli(['transcode', 'latin.txt', '--from', 'utf-8', '--to', 'ibm037', '--out', 'latin.ebc'], dir);
    expect(b.code).toBe(0);
    expect(readFileSync(join(dir, 'latin.ebc'))).toEqual(enc('ibm037', 'Hello [World] 123\n'));
    expect(readFileSync(join(dir, 'latin.ebc'))[0]).toBe(0xc8);
  });

  it('transcode reports a character the target lacks at its EBCDIC byte offset', async () => {
    const bytes = enc('ibm1390', 'AB𠮟C');
    writeFileSync(join(dir, 'in.dat'), bytes);
    const a = await runCli(['transcode', 'in.dat', '--from', 'ibm1390', '--to', 'cp932', '--out', 'out.csv'], dir);
    expect(a.code).toBe(1);
    // A B SO [B3 8D] SI C: the kanji's two bytes start at offset 3.
    expect(a.stderr).toMatch(/ENC_UNREPRESENTABLE.*U\+20B9F/);
    expect(a.stderr).toMatch(/offset 3\b|byte 3\b|at 3\b|0x00000003/);
  });

  it('peek refuses an EBCDIC charset with the reason, not as unknown', async () => {
    writeFileSync(join(dir, 'x.csv'), enc('ibm930', 'A,B\n'));
    const r = await runCli(['peek', 'x.csv', '--from', 'ibm930'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read charset ibm930.*fixed layout/);
    expect(r.stderr).not.toMatch(/unknown charset/i);
  });

  it('a CSV mapping source in an EBCDIC charset is a mapping problem naming the fix', async () => {
    writeFileSync(join(dir, 'm.yaml'), 'layout: jumin/kojin\nsource:\n  charset: ibm1390\nfields: {}\n');
    const { problems } = await readMapping(join(dir, 'm.yaml'));
    expect(problems.map((p) => p.message).join('\n')).toMatch(/source\.charset "ibm1390" is EBCDIC.*format: fixed/);
  });
});
