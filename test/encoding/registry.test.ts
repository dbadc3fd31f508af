import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { charsetDefinitions, charsetLabel, charsetNames, findCharset, getCharset } from '../../src/encoding/index.ts';
import { byteLengthIn } from '../../src/layouts/index.ts';
import { loadMapping } from '../../src/mapping/load-mapping.ts';
import { parseProfile } from '../../src/pipeline/delivery-profile.ts';
import { compileLayout, parseFixedSource } from '../../src/readers/fixed/index.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

/**
 * The one charset registry: every name of a charset resolves to it, and every verb and loader
 * takes the same names (ms932 was accepted by getCharset only; layouts' byte lengths, check
 * profiles and mapping outputs each had their own shorter list).
 */

const CP932_NAMES = ['cp932', 'CP932', 'shift_jis', 'Shift_JIS', 'shift-jis', 'sjis', 'SJIS', 'windows-31j', 'Windows-31J', 'ms932', 'MS932', ' ms932 '];

describe('the charset registry', () => {
  it('resolves every name of every charset, whatever its case, to that charset and its codec', () => {
    for (const d of charsetDefinitions()) {
      for (const n of [d.name, ...d.aliases]) {
        for (const given of [n, n.toUpperCase(), ` ${n} `]) {
          expect(findCharset(given)?.name, given).toBe(d.name);
          expect(getCharset(given).name, given).toBe(d.name);
        }
      }
    }
    expect(charsetNames().cp932).toEqual(['cp932', 'shift_jis', 'shift-jis', 'sjis', 'windows-31j', 'ms932']);
    expect(charsetNames().ibm1390).toEqual(expect.arrayContaining(['ibm1390', 'cp1390', 'ibm-1390', 'ccsid1390']));
    expect(charsetLabel('ms932')).toBe('CP932');
    expect(findCharset('latin1')).toBeUndefined();
  });

  it('gives a byte-length rule to cp932 and utf-8 only, and the EBCDIC flag to the EBCDIC pages only', () => {
    expect(charsetDefinitions().filter((d) => d.byteLength).map((d) => d.name)).toEqual(['cp932', 'utf-8']);
    for (const d of charsetDefinitions()) expect(d.ebcdic, d.name).toBe(!d.codec().asciiTransparent);
  });
});

describe('every loader asks the registry', () => {
  const dir = tempDir();

  it('layouts: a bytes length in any name of CP932', () => {
    for (const n of CP932_NAMES) expect(byteLengthIn(n, '山田ｱ'), n).toBe(5);
    expect(() => byteLengthIn('ibm930', 'a')).toThrow(/no byte-length rule for charset "ibm930" \(known: cp932, utf-8\)/);
  });

  it('check profiles: charset in any name of CP932 or UTF-8', () => {
    for (const n of CP932_NAMES) expect(parseProfile({ charset: n }).charset, n).toBe('cp932');
    expect(parseProfile({ charset: 'UTF8' }).charset).toBe('utf-8');
    expect(() => parseProfile({ charset: 'euc-jp' })).toThrow(/charset must be utf-8 or cp932/);
  });

  it('mappings: source and output charset in any name', async () => {
    for (const [i, n] of CP932_NAMES.entries()) {
      const path = join(dir, `m${i}.yaml`);
      writeFileSync(path, `layout: juki/setai\nsource: { format: csv, charset: "${n}", header: true }\noutput: { charset: "${n}" }\nfields:\n  setaiNo: 世帯コード\n`);
      const m = await loadMapping(path);
      expect([m.source.charset, m.output.charset], n).toEqual(['cp932', 'cp932']);
    }
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'layout: juki/setai\noutput: { charset: euc-jp }\nfields:\n  setaiNo: 世帯コード\n');
    await expect(loadMapping(bad)).rejects.toThrow(/output.charset must be one of utf-8, cp932 \(got "euc-jp"\)/);
  });

  it('fixed layouts: IBM pages by ibmNNN, cpNNN, ibm-NNN and ccsidNNN, CP932 by ms932', () => {
    const layout = (charset: string) => compileLayout(parseFixedSource({ format: 'fixed', charset, record: { length: 2 }, records: [{ name: 'r', role: 'data', fields: [{ name: 'a', length: 2 }] }] }, 'inline'));
    for (const n of ['ibm1390', 'IBM1390', 'cp1390', 'ibm-1390', 'CCSID1390']) expect(layout(n).charset.name, n).toBe('ibm1390');
    expect(layout('ms932').charset.name).toBe('cp932');
  });

  it('verbs: --from ms932 on transcode and peek', async () => {
    const file = join(dir, 'in.csv');
    writeFileSync(file, Buffer.from([0x8e, 0x52, 0x93, 0x63, 0x0d, 0x0a])); // 山田 in CP932
    const t = await runCli(['transcode', file, '--from', 'ms932', '--to', 'utf8', '--out', join(dir, 'out.csv')]);
    expect(t.code, t.stderr).toBe(0);
    const p = await runCli(['peek', file, '--from', 'MS932', '--json']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toContain('山田');
  });
});
