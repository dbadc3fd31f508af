import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { gaijiScan } from '../../src/api/gaiji-scan.ts';
import { gaijiScanCommand } from '../../src/cli/gaiji-scan.ts';
import { getRepertoire } from '../../src/cleanse/repertoire.ts';
import { tempDir } from '../helpers/temp.ts';

const SAMPLE = 'samples/gaiji/jumin-gaiji.csv';
const MAPPING = 'samples/gaiji/jumin-gaiji.mapping.yaml';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Independent oracle: walk the CP932 bytes and note every user-defined-area code (lead F0–F9) with its offset and line. */
function userDefinedCodes(bytes: Buffer): { hex: string; cp: number; offset: number; line: number }[] {
  const out: { hex: string; cp: number; offset: number; line: number }[] = [];
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a) line++;
    const lead = (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
    if (!lead) continue;
    if (b >= 0xf0 && b <= 0xf9) {
      const t = bytes[i + 1];
      const cp = 0xe000 + (b - 0xf0) * 188 + (t - 0x40 - (t > 0x7f ? 1 : 0));
      out.push({ hex: bytes.subarray(i, i + 2).toString('hex').toUpperCase(), cp, offset: i, line });
    }
    i++;
  }
  return out;
}

describe('gaiji scan on real CP932 bytes', () => {
  const bytes = readFileSync(SAMPLE);
  const oracle = userDefinedCodes(bytes);

  it('inventories every user-defined code with correct bytes, counts and exact locations', async () => {
    const r = await gaijiScan({ files: [SAMPLE], mapping: MAPPING });
    const pua = r.entries.filter((e) => e.kind === 'pua');
    const expected = new Map<number, typeof oracle>();
    for (const o of oracle) (expected.get(o.cp) ?? expected.set(o.cp, []).get(o.cp)!).push(o);
    expect(oracle.length).toBeGreaterThanOrEqual(5);
    expect(pua.map((e) => e.codePoint)).toEqual([...expected.keys()].sort((a, b) => a - b).map((cp) => 'U+' + cp.toString(16).toUpperCase()));
    for (const e of pua) {
      const exp = expected.get(parseInt(e.codePoint.slice(2), 16))!;
      expect(e.bytes).toBe(exp[0].hex);
      expect(e.count).toBe(exp.length);
      expect(e.locations.map((l) => [l.offset, l.line])).toEqual(exp.map((o) => [o.offset, o.line]));
      for (const l of e.locations) expect(l.file).toBe(SAMPLE);
    }
    // fields named by the mapping's target; the F9FC after a quoted line break is in jushoMachiaza on line 5
    const f9fc = pua.find((e) => e.bytes === 'F9FC')!;
    expect(f9fc.locations[0]).toMatchObject({ field: 'jushoMachiaza', record: 4, line: 5 });
    expect(pua.find((e) => e.bytes === 'F040')!.fields).toEqual({ shimei: 2, jushoMachiaza: 1 });
    expect(r.files).toEqual([{ file: SAMPLE, records: 5 }]);
  });

  it('without a mapping numbers the columns; with a repertoire lists IBM-extension kanji too', async () => {
    const r = await gaijiScan({ files: [SAMPLE], header: true, repertoire: 'jisx0208' });
    const outside = r.entries.filter((e) => e.kind === 'outside');
    expect(outside.map((e) => e.char).sort()).toEqual(['髙', '﨑'].sort());
    for (const e of outside) {
      const hexOffset = bytes.indexOf(Buffer.from(e.bytes, 'hex'));
      expect(e.locations[0].offset).toBe(hexOffset);
      expect(e.locations[0].field).toBe('氏名');
    }
    const pua = r.entries.filter((e) => e.kind === 'pua');
    expect(pua.find((e) => e.bytes === 'F041')!.fields).toEqual({ 氏名: 1 });
    const bare = await gaijiScan({ files: [SAMPLE] });
    expect(bare.entries.find((e) => e.bytes === 'F041')!.fields).toEqual({ '#2': 1 });
    expect(bare.files[0].records).toBe(6);
    const x0213 = await gaijiScan({ files: [SAMPLE], header: true, repertoire: 'jisx0213' });
    expect(x0213.entries.filter((e) => e.kind === 'outside').map((e) => e.char)).toEqual(['髙']);
  });

  it('caps locations but never counts', async () => {
    const r = await gaijiScan({ files: [SAMPLE, SAMPLE], mapping: MAPPING, maxLocations: 1 });
    const f040 = r.entries.find((e) => e.bytes === 'F040')!;
    expect(f040.count).toBe(2 * oracle.filter((o) => o.hex === 'F040').length);
    expect(f040.locations).toHaveLength(1);
  });

  it('--json prints exactly the array, and the template files hold every code for the vendor', async () => {
    const dir = tempDir('gaiji-');
    dirs.push(dir);
    let out = '';
    const io = { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: () => true }, isTTY: false, cwd: process.cwd() } as never;
    const code = await gaijiScanCommand.run([SAMPLE, '--mapping', MAPPING, '--json', '--template-out', dir], io);
    expect(code).toBe(0);
    const arr = JSON.parse(out) as Record<string, unknown>[];
    expect(Array.isArray(arr)).toBe(true);
    expect(Object.keys(arr[0]).slice(0, 4)).toEqual(['codePoint', 'bytes', 'count', 'locations']);
    const csv = readFileSync(join(dir, 'gaiji-table-template.csv'), 'utf8');
    for (const e of arr) expect(csv).toContain(`${e.bytes},${e.codePoint}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'gaiji-table-template.xlsx'));
    expect(wb.worksheets[0].rowCount).toBe(arr.length + 1);
  });
});

describe('repertoires', () => {
  it('know the JIS X 0208 / 0213 / CP932 boundaries', () => {
    const has = (r: 'jisx0208' | 'jisx0213' | 'cp932', c: string) => getRepertoire(r).has(c.codePointAt(0)!);
    expect(has('jisx0208', '亜') && has('jisx0208', 'ｱ') && has('jisx0208', '〜')).toBe(true);
    expect(has('jisx0208', '髙') || has('jisx0208', '①') || has('jisx0208', '鷗')).toBe(false);
    expect(has('jisx0213', '鷗') && has('jisx0213', '𠮟') && has('jisx0213', '﨑') && has('jisx0213', '①')).toBe(true);
    expect(has('jisx0213', '髙')).toBe(false);
    expect(has('cp932', '髙') && has('cp932', '①')).toBe(true);
    expect(has('cp932', '𠮟') || has('cp932', '\ue000')).toBe(false);
  });
});
