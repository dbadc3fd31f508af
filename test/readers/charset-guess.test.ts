import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCharset } from '../../src/encoding/index.ts';
import { charsetHint, guessCsvCharset } from '../../src/readers/charset-guess.ts';
import { readAll, readBytewise } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** Vendor A's export as text (外字 left out: EUC-JP and UTF-8 hold them differently). */
const TEXT = getCharset('cp932').decode(readFileSync(resolve(ROOT, 'samples/vendor-a/JUMIN.csv'))).replace(/[\ue000-\uf8ff]/g, '〓');
const bytesIn = (cs: string, text = TEXT) => Buffer.from(getCharset(cs).encode(text).bytes);

describe('guessCsvCharset', () => {
  it.each(['cp932', 'euc-jp', 'utf-8'] as const)('tells %s from the others, with the evidence, also when the sample cuts a character', (cs) => {
    const bytes = bytesIn(cs);
    const g = guessCsvCharset(bytes);
    expect(g.name).toBe(cs);
    expect(g.tried.find((t) => t.charset === cs)?.invalid).toBe(0);
    for (const t of g.tried.filter((x) => x.charset !== cs)) expect(t.invalid).toBeGreaterThan(0);
    expect(g.evidence).toMatch(/valid (CP932|EUC-JP|UTF-8)/);
    // Cut inside a multibyte character: the cut is not held against the charset.
    for (const cut of [1001, 1002, 1003]) expect(guessCsvCharset(bytes.subarray(0, cut)).name).toBe(cs);
  });

  it('says BOM and pure ASCII apart', () => {
    expect(guessCsvCharset(Buffer.from([0xef, 0xbb, 0xbf, 0x41])).reason).toBe('bom');
    expect(guessCsvCharset(Buffer.from('a,b\r\n1,2\r\n'))).toMatchObject({ name: 'cp932', reason: 'default' });
  });

  it('bytes valid in both CP932 and EUC-JP: half-width kana stay CP932, kana text is EUC-JP', () => {
    const hankaku = bytesIn('cp932', 'ｱｲｳｴｵ,ｶｷｸｹｺ\r\nﾀﾛｳ,ﾊﾅｺ\r\n');
    expect(guessCsvCharset(hankaku).name).toBe('cp932');
    // Hiragana and katakana in EUC-JP (0xA4/0xA5 rows) are valid CP932 bytes too.
    const euc = bytesIn('euc-jp', 'なまえ,ふりがな\r\nたろう,タロウ\r\n');
    expect(getCharset('cp932').findInvalid(euc)).toEqual([]);
    expect(guessCsvCharset(euc)).toMatchObject({ name: 'euc-jp', reason: 'kana-in-euc-jp' });
  });
});

describe('charset hint in the CSV reader', () => {
  it('CP932 bytes read as UTF-8: the first finding says they look like CP932 and how to declare it', () => {
    const r = readAll(bytesIn('cp932'), { charset: getCharset('utf-8') });
    expect(r.fileFindings.map((f) => f.code)).toEqual(['ENC_CHARSET_HINT']);
    const hint = r.fileFindings[0]!;
    expect(hint).toMatchObject({ severity: 'warning', params: { declared: 'utf-8', likely: 'cp932' }, location: { record: 1, offset: 0 } });
    expect(r.records[0]!.findings.map((f) => f.code)).toContain('ENC_INVALID_BYTES');
  });

  it.each([['euc-jp', 'cp932'], ['utf-8', 'cp932'], ['cp932', 'euc-jp']] as const)('%s bytes read as %s get the hint too', (actual, declared) => {
    const r = readAll(bytesIn(actual), { charset: getCharset(declared) });
    expect(r.fileFindings.filter((f) => f.code === 'ENC_CHARSET_HINT').map((f) => f.params?.likely)).toEqual([actual]);
  });

  it('is decided on the first bad record alone: 1-byte chunks give the same finding', () => {
    const bytes = bytesIn('cp932');
    const a = readAll(bytes, { charset: getCharset('utf-8') });
    const b = readBytewise(bytes, { charset: getCharset('utf-8') });
    expect(b.fileFindings).toEqual(a.fileFindings);
  });

  it('no hint when the bytes are right, or when no other charset reads them either', () => {
    expect(readAll(bytesIn('cp932'), { charset: getCharset('cp932') }).fileFindings).toEqual([]);
    const junk = Buffer.from('a,b\r\n\xff\xfe\x80,x\r\n', 'latin1');
    const r = readAll(junk, { charset: getCharset('utf-8') });
    expect(r.records[1]!.findings.map((f) => f.code)).toContain('ENC_INVALID_BYTES');
    expect(r.fileFindings).toEqual([]);
    expect(charsetHint(junk, 'utf-8')).toBeUndefined();
  });
});
