import { isUtf8 } from 'node:buffer';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.ts';
import { makeManifest } from '../../src/api/manifest.ts';
import { main } from '../../src/cli/main.ts';
import { getCharset } from '../../src/encoding/index.ts';
import { Utf8Validator } from '../../src/encoding/utf-8.ts';
import { DEFAULT_PROFILE, parseProfile } from '../../src/pipeline/delivery-profile.ts';
import { buildRepertoire, CharTally } from '../../src/pipeline/delivery-repertoire.ts';
import { orderForKeys } from '../../src/pipeline/delivery-keys.ts';
import { FILES, SMALL, csvText, generateDelivery, makeTestSchemas, tempRoot, writeDelivery } from './delivery.ts';
import { samplesOf } from '../../src/report/check-report.ts';

let root: string;
let schemasDir: string;
beforeAll(() => {
  root = tempRoot();
  schemasDir = makeTestSchemas(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const codesOf = (r: { findings: { byCode: Record<string, { count: number }> } }) =>
  Object.fromEntries(Object.entries(r.findings.byCode).map(([c, t]) => [c, t.count]));

describe('Utf8Validator (the UTF-8 check of a delivered file)', () => {
  it('agrees with a whole-buffer check however the bytes are cut, and counts what the decoder counts', () => {
    const bytes = fc.uint8Array({ minLength: 0, maxLength: 200 });
    const text = fc.string({ unit: 'binary', maxLength: 60 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8')));
    fc.assert(fc.property(fc.oneof(bytes, text), fc.array(fc.nat(), { maxLength: 6 }), (b, cuts) => {
      const c = new Utf8Validator();
      const points = [...new Set(cuts.map((x) => x % (b.length + 1)))].sort((x, y) => x - y);
      let prev = 0;
      for (const p of [...points, b.length]) {
        c.push(b.subarray(prev, p));
        prev = p;
      }
      c.end();
      expect(c.valid).toBe(isUtf8(b));
      // One count for one rule: the issues findInvalid gives (one per U+FFFD), as the reader reports them.
      const issues = getCharset('utf-8').findInvalid(b);
      expect(c.invalid).toBe(issues.length);
      expect(c.firstInvalidOffset).toBe(issues.length > 0 ? issues[0]!.offset : -1);
    }), { numRuns: 500 });
  });

  it('counts a run of stray continuation bytes and an over-long lead as the decoder does (one per U+FFFD)', () => {
    const c = new Utf8Validator();
    c.push(Uint8Array.of(0x41, 0x80, 0x80, 0x80, 0x42, 0xf0, 0x80, 0x80));
    c.push(Uint8Array.of(0x80));
    c.end();
    expect(new TextDecoder().decode(Uint8Array.of(0x41, 0x80, 0x80, 0x80, 0x42, 0xf0, 0x80, 0x80, 0x80)).split('\ufffd').length - 1).toBe(7);
    expect([c.invalid, c.firstInvalidOffset]).toEqual([7, 1]);
  });

  it('points at the first bad byte', () => {
    const c = new Utf8Validator();
    c.push(Buffer.from('abc'));
    c.push(Uint8Array.of(0xe3, 0x81)); // cut inside あ
    c.push(Uint8Array.of(0x82, 0x41, 0x82, 0xa0)); // あ, A, then CP932 あ (invalid as UTF-8)
    c.end();
    expect(c.valid).toBe(false);
    expect(c.firstInvalidOffset).toBe(7);
  });
});

describe('profile', () => {
  it('parses every setting and refuses unknown ones with a usable message', () => {
    const p = parseProfile({ charset: 'Shift_JIS', bom: 'forbid', header: false, domains: ['juki'], requireAllFiles: false, repertoire: { base: 'cp932', allow: '𠮟', ranges: ['U+F0000-U+FFFFD'] }, severity: { CHECK_PUA_CHAR: 'warning', DELIVERY_FILE_UNEXPECTED: 'off' }, keyMemoryMiB: 64 });
    expect(p).toMatchObject({ charset: 'cp932', bom: 'forbid', header: false, domains: ['juki'], requireAllFiles: false, keyMemoryMiB: 64 });
    expect(parseProfile(undefined)).toEqual(DEFAULT_PROFILE);
    expect(() => parseProfile({ charst: 'utf-8' })).toThrow(/unknown setting "charst"/);
    expect(() => parseProfile({ severity: { CHECK_PUA_CHAR: 'fatal' } })).toThrow(/error, warning, info or off/);
    expect(() => parseProfile({ repertoire: { ranges: ['E000-F8FF'] } })).toThrow(/U\+20000-U\+2A6DF/);
  });
});

describe('repertoire', () => {
  const hits = (base: 'unicode' | 'cp932' | 'jisx0208', text: string, allow = '', ranges: string[] = []) =>
    [...text.matchAll(buildRepertoire(base, allow, ranges).disallowed)].map((m) => m[0]);
  it('unicode: only private use and controls are outside', () => {
    expect(hits('unicode', '山田\u3000太郎,𠮷田,辻󠄀\uE000\u{F0001}\u0007')).toEqual(['\uE000', '\u{F0001}', '\u0007']);
  });
  it('cp932: what CP932 holds without its user-defined area; extras by character and by range', () => {
    expect(hits('cp932', '髙橋①ｱ山田𠮷剝\uE000')).toEqual(['𠮷', '剝', '\uE000']);
    expect(hits('cp932', '𠮷剝', '剝')).toEqual(['𠮷']);
    expect(hits('cp932', '𠮷\u{F0001}', '', ['U+20000-U+2A6DF', 'U+F0000-U+FFFFD'])).toEqual([]);
  });
  it('jisx0208: no NEC or IBM extensions', () => {
    expect(hits('jisx0208', '山田①髙')).toEqual(['①', '髙']);
  });
  it('tallies private use as pua and the plane 15/16 noncharacters (U+FFFFE, U+10FFFF) as outside, as the 外字 scan does', () => {
    const t = new CharTally();
    for (const cp of [0xe000, 0xf0000, 0xffffd, 0xffffe, 0x10fffd, 0x10ffff]) t.add(cp, 'F.csv', 2, 'shimei');
    expect(Object.fromEntries(t.list().map((e) => [e.codePoint, e.kind]))).toEqual({
      'U+E000': 'pua', 'U+F0000': 'pua', 'U+FFFFD': 'pua', 'U+FFFFE': 'outside', 'U+10FFFD': 'pua', 'U+10FFFF': 'outside',
    });
  });
});

describe('key order', () => {
  it('referenced layouts first; a cycle is broken at its smallest file, which is deferred', () => {
    const { order, deferred } = orderForKeys([
      { layout: 'a/kojin', bytes: 300, references: ['a/setai'] },
      { layout: 'a/setai', bytes: 100, references: ['a/kojin'] },
      { layout: 'b/x', bytes: 10, references: ['a/kojin', 'b/y'] },
      { layout: 'b/y', bytes: 5, references: [] },
      { layout: 'b/self', bytes: 5, references: ['b/self', 'zz/absent'] },
    ]);
    expect(order.indexOf('a/setai')).toBeLessThan(order.indexOf('a/kojin'));
    expect(order.indexOf('a/kojin')).toBeLessThan(order.indexOf('b/x'));
    expect(order.indexOf('b/y')).toBeLessThan(order.indexOf('b/x'));
    expect([...deferred.entries()].map(([k, v]) => [k, [...v]])).toEqual([['a/setai', ['a/kojin']], ['b/self', ['b/self']]]);
  });
});

describe('encoding and BOM', () => {
  it('a file that is not UTF-8 is DELIVERY_ENCODING_INVALID; a BOM against the profile is flagged', async () => {
    const gen = generateDelivery(schemasDir, { ...SMALL, persons: 9 }, 17);
    const d = writeDelivery(gen, join(root, 'enc'));
    const kojin = join(d.dir, FILES['juki/kojin']);
    const text = readFileSync(kojin);
    // A vendor's CP932 bytes (山 = 0x8E 0x52) pasted into the UTF-8 file's last record.
    writeFileSync(kojin, Buffer.concat([text.subarray(0, text.length - 2), Uint8Array.of(0x8e, 0x52), Buffer.from('\r\n')]));
    const setai = join(d.dir, FILES['juki/setai']);
    writeFileSync(setai, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(setai)]));
    const res = await check({ dir: d.dir, schemasDir, out: false, profile: { ...structuredClone(DEFAULT_PROFILE), bom: 'forbid' } });
    const codes = codesOf(res.report);
    expect(codes.DELIVERY_ENCODING_INVALID).toBe(1);
    expect(codes.DELIVERY_BOM_PRESENT).toBe(1);
    const enc = samplesOf(res.report, 'DELIVERY_ENCODING_INVALID')[0];
    expect(enc.file).toBe(FILES['juki/kojin']);
    expect(enc.offset).toBe(text.length - 2);
    expect(res.report.domains[0].files.find((f) => f.fileName === FILES['juki/kojin'])!.encoding.valid).toBe(false);
    // The manifest says what the files are: the BOM file is utf-8 with bom, the broken one unknown.
    const m = await makeManifest({ dir: d.dir, schemasDir, out: false });
    const files = m.manifest.domains[0].files;
    expect(files.find((f) => f.fileName === FILES['juki/setai'])).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(files.find((f) => f.fileName === FILES['juki/kojin'])!.encoding).not.toBe('utf-8');
  });

  it('an empty file is reported, and counted as zero records', async () => {
    const gen = generateDelivery(schemasDir, { ...SMALL, persons: 9 }, 18);
    const d = writeDelivery(gen, join(root, 'empty'));
    writeFileSync(join(d.dir, FILES['juki/ido']), '');
    const res = await check({ dir: d.dir, schemasDir, out: false });
    expect(codesOf(res.report)).toEqual({ FILE_EMPTY: 1 });
    expect(res.exitCode).toBe(0); // a warning: the vendor is asked to confirm, not to fix
  });
});

describe('interruption', () => {
  it('an interrupted check claims no verdict', async () => {
    const gen = generateDelivery(schemasDir, { ...SMALL, persons: 9 }, 19);
    const d = writeDelivery(gen, join(root, 'interrupted'));
    const ac = new AbortController();
    ac.abort();
    const res = await check({ dir: d.dir, schemasDir, out: join(d.dir, 'own-report'), signal: ac.signal });
    expect(res.report.verdict).toBe('incomplete');
    expect(res.report.verdictLabel.ja).toBe('検査未完了');
    expect(res.exitCode).toBe(130);
    // A report directory inside the delivery is not mistaken for delivered data.
    expect(res.report.unexpectedFiles).toEqual([]);
  });
});

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

describe('CLI', () => {
  it('chukan manifest then chukan check: exit 0 clean, 1 with findings, 2 when it cannot run', async () => {
    const gen = generateDelivery(schemasDir, { ...SMALL, persons: 12 }, 21);
    const d = writeDelivery(gen, join(root, 'cli'));
    const run = async (args: string[]) => {
      const stdout = new Sink();
      const stderr = new Sink();
      const code = await main(args, { stdout, stderr, isTTY: false, cwd: root });
      return { code, out: stdout.text, err: stderr.text };
    };
    const m = await run(['manifest', d.dir, '--schemas', schemasDir]);
    expect(m.code).toBe(0);
    expect(m.out).toContain('manifest.json');
    const ok = await run(['check', d.dir, '--schemas', schemasDir, '--out', join(root, 'cli-check')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('受入可');
    expect(ok.err).toBe('');
    writeFileSync(join(d.dir, FILES['juki/setai']), csvText(gen.layouts.get('juki/setai')!, [...gen.rows.get('juki/setai')!, gen.rows.get('juki/setai')![0]]));
    const bad = await run(['check', d.dir, '--schemas', schemasDir, '--out', join(root, 'cli-check'), '--json']);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.out);
    expect(Object.keys(report.findings.byCode).sort()).toEqual(['CHECK_PK_DUPLICATE', 'DELIVERY_COUNT_MISMATCH', 'DELIVERY_HASH_MISMATCH']);
    const none = await run(['check', join(root, 'does-not-exist'), '--schemas', schemasDir]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/E_INPUT_NOT_FOUND/);
    mkdirSync(join(root, 'unrelated'), { recursive: true });
    writeFileSync(join(root, 'unrelated', 'x.csv'), 'a\r\n');
    const nothing = await run(['check', join(root, 'unrelated'), '--schemas', schemasDir]);
    expect(nothing.code).toBe(2);
    expect(nothing.err).toMatch(/no file named as in catalog/);
    writeFileSync(join(root, 'p.yaml'), 'charset: ebcdic\n');
    const badProfile = await run(['check', d.dir, '--schemas', schemasDir, '--profile', join(root, 'p.yaml')]);
    expect(badProfile.code).toBe(2);
    expect(badProfile.err).toMatch(/charset must be utf-8 or cp932/);
  });
});
