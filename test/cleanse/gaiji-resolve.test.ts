import { afterAll, describe, expect, it } from 'vitest';
import { getCharset } from '../../src/encoding/index.ts';
import { buildGaijiTable, GaijiTableError, loadGaijiTable, loadMjTable } from '../../src/cleanse/gaiji-table.ts';
import { createGaijiResolver } from '../../src/cleanse/gaiji-resolve.ts';
import { writeGaijiTemplate, gaijiScan } from '../../src/api/gaiji-scan.ts';
import { gaijiStage } from '../../src/pipeline/stages/gaiji.ts';
import type { FieldIssue } from '../../src/core/finding.ts';
import { SAMPLE, MAPPING, convertWith, normaliseFor, tmpDir, writeTmp } from './helpers.ts';
import ExcelJS from 'exceljs';

const t = tmpDir();
afterAll(t.done);
const cp932 = getCharset('cp932');
const HEADER = '外字コード,私用領域コード,変換先UCS,MJ文字図形名,代替文字,代替理由,字形の説明,備考\r\n';
// F040 → 辻 with IVS (U+8FBB U+E0100); F041 → 𠮟 (not in CP932); F9FC → 髙; F540 → substitute 高
const FILLED = HEADER +
  'F040,U+E000,U+8FBB U+E0100,,,,一点しんにょうの辻,\r\n' +
  'F041,U+E001,U+20B9F,,,,,\r\n' +
  'F9FC,U+E757,髙,,,,はしごだか,\r\n' +
  'F540,U+E3AC,,,高,字形不明のため,,\r\n';

describe('外字対応表 loader', () => {
  it('loads a filled table (CSV) and resolves hex and U+ sources through the source charset', async () => {
    const p = writeTmp(t.dir, 'filled.csv', '\uFEFF' + FILLED);
    const table = await loadGaijiTable(p);
    expect(table.size).toBe(4);
    expect(table.get(0xe000)).toMatchObject({ target: '\u8fbb\u{e0100}', how: 'ucs', line: 2 });
    expect(table.get(0xe3ac)).toMatchObject({ target: '高', how: 'substitute', reason: '字形不明のため' });
    expect(table.get(0xe757)!.target).toBe('髙');
  });

  it('reports every malformed row with file:line at once', () => {
    const rows = [
      ['F040', '', 'U+8FBB', '', '', '', '', ''],
      ['U+E000', '', 'U+9AD8', '', '', '', '', ''], // duplicate of F040
      ['ZZ', '', 'U+9AD8', '', '', '', '', ''], // malformed source
      ['F042', '', 'U+E123', '', '', '', '', ''], // PUA target
      ['F043', '', 'U+1000A0', '', '', '', '', ''], // plane-16 PUA, not allowed by default
      ['F044', '', '', '', '高', '', '', ''], // substitute without reason
      ['F045', '', '', 'MJ01234', '', '', '', ''], // malformed MJ name
      ['F046', '', '', 'MJ012345', '', '', '', ''], // MJ with no MJ table
      ['F047', '', 'U+XYZ', '', '', '', '', ''], // malformed target
      ['F048', '', 'U+8FBB', '', '高', 'x', '', ''], // both target and substitute
      ['F049', '', '', '', '', '', '未記入', ''], // not filled: fine
    ];
    let err: GaijiTableError | undefined;
    try {
      buildGaijiTable('t.csv', HEADER.trim().split(','), rows);
    } catch (e) {
      err = e as GaijiTableError;
    }
    expect(err).toBeInstanceOf(GaijiTableError);
    const lines = err!.problems.map((p) => Number(/^t\.csv:(\d+):/.exec(p)![1]));
    expect(lines).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(err!.problems[0]).toMatch(/already mapped on line 2/);
    expect(err!.code).toBe('E_GAIJI_TABLE');
  });

  it('accepts plane-16 targets when allowed, and MJ names through a loaded MJ table', async () => {
    const mj = writeTmp(t.dir, 'mj.csv', 'MJ文字図形名,対応するUCS,実装したMoji_JohoコレクションIVS\r\nMJ012345,U+8FBB,8FBB_E0101\r\n');
    const mjTable = await loadMjTable(mj);
    const table = buildGaijiTable('t.csv', HEADER.trim().split(','), [
      ['F040', '', '', 'MJ012345', '', '', '', ''],
      ['F041', '', 'U+1000A0', '', '', '', '', ''],
    ], { allowPlane16Pua: true, mjTable });
    expect(table.get(0xe000)).toMatchObject({ target: '\u8fbb\u{e0101}', how: 'mj', mj: 'MJ012345' });
    expect(table.get(0xe001)!.target).toBe('\u{1000a0}');
  });

  it('reads the template back after the vendor fills the xlsx', async () => {
    const scan = await gaijiScan({ files: [SAMPLE], mapping: MAPPING });
    const { xlsx } = await writeGaijiTemplate(t.dir, scan.entries);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0];
    ws.eachRow((row, n) => {
      if (n > 1) row.getCell(7).value = 'U+9AD8'; // 変換先UCS
    });
    await wb.xlsx.writeFile(xlsx);
    const table = await loadGaijiTable(xlsx);
    expect(table.size).toBe(scan.entries.length);
    for (const e of scan.entries) expect(table.get(parseInt(e.codePoint.slice(2), 16))!.target).toBe('高');
  });
});

describe('外字 resolution on real CP932 exports', () => {
  const tablePath = () => writeTmp(t.dir, 'filled2.csv', FILLED);

  it('a filled table resolves every 外字; IVS targets survive to UTF-8 output', async () => {
    const table = await loadGaijiTable(tablePath());
    let resolver!: ReturnType<typeof createGaijiResolver>;
    const r = await convertWith({
      dir: t.dir,
      beforeValidate: (fields) => {
        resolver = createGaijiResolver({ table, outputCharset: getCharset('utf-8'), sourceCharset: cp932 });
        return [normaliseFor(fields), gaijiStage(resolver, fields)];
      },
    });
    expect(r.text).not.toMatch(/[\ue000-\uf8ff]/);
    expect(r.text).toContain('山\u8fbb\u{e0100}　太郎');
    expect(r.text).toContain('\u{20b9f}田　花子');
    expect(r.stats.read).toBe(5);
    expect(r.stats.written + r.stats.rejected).toBe(5);
    const counts = Object.fromEntries(resolver.counts().map((c) => [c.codePoint, c.outcomes]));
    expect(counts['U+E000']).toEqual({ resolved: 3 });
    expect(counts['U+E3AC']).toEqual({ substituted: 1 });
    expect(r.findings.filter((f) => f.code === 'GAIJI_SUBSTITUTED')).toHaveLength(1);
    expect(r.findings.some((f) => f.code.startsWith('GAIJI_UNMAPPED'))).toBe(false);
  });

  it('CP932 output: a non-encodable result is caught; IVS falls back to the base character when configured', async () => {
    const table = await loadGaijiTable(tablePath());
    const strict = await convertWith({
      dir: t.dir,
      outputCharset: 'cp932',
      beforeValidate: (fields) => [normaliseFor(fields), gaijiStage(createGaijiResolver({ table, outputCharset: cp932 }), fields)],
    });
    const unenc = strict.findings.filter((f) => f.code === 'GAIJI_OUTPUT_UNENCODABLE');
    expect(unenc.map((f) => [f.location.record, f.params?.codePoint]).sort()).toEqual([[2, 'U+E0100'], [3, 'U+20B9F'], [3, 'U+E0100'], [6, 'U+E0100']].sort());
    expect(strict.stats.rejected).toBe(4); // 2, 3, 6 unencodable; 4 holds a line break inside its address (layout char class)
    expect(strict.bytes.includes(0x3f)).toBe(false); // never '?'
    const lenient = await convertWith({
      dir: t.dir,
      outputCharset: 'cp932',
      beforeValidate: (fields) => [normaliseFor(fields), gaijiStage(createGaijiResolver({ table, outputCharset: cp932, ivsFallback: 'base' }), fields)],
    });
    expect(lenient.findings.filter((f) => f.code === 'GAIJI_IVS_DROPPED')).toHaveLength(3);
    expect(lenient.findings.filter((f) => f.code === 'GAIJI_OUTPUT_UNENCODABLE').map((f) => f.params?.codePoint)).toEqual(['U+20B9F']);
    expect(lenient.text).toContain('山辻　太郎');
  });

  it('unmapped policies: reject, substitute 〓, keep — each with a finding', async () => {
    const run = (unmapped: 'reject' | 'substitute' | 'keep') =>
      convertWith({ dir: t.dir, beforeValidate: (fields) => [normaliseFor(fields), gaijiStage(createGaijiResolver({ unmapped, outputCharset: getCharset('utf-8'), sourceCharset: cp932 }), fields)] });
    const rej = await run('reject');
    const rejected = rej.findings.filter((f) => f.code === 'GAIJI_UNMAPPED_REJECTED');
    expect(rejected.map((f) => f.params?.bytes).sort()).toEqual(['F040', 'F040', 'F040', 'F041', 'F540', 'F9FC'].sort());
    expect(new Set(rejected.map((f) => f.location.record))).toEqual(new Set([2, 3, 4, 6]));
    expect(rej.stats.rejected).toBeGreaterThanOrEqual(4);
    expect(rej.text).not.toMatch(/[\ue000-\uf8ff]/);
    const sub = await run('substitute');
    expect(sub.findings.filter((f) => f.code === 'GAIJI_UNMAPPED_SUBSTITUTED')).toHaveLength(6);
    expect(sub.text).toContain('山〓　太郎');
    expect(sub.text).not.toMatch(/[\ue000-\uf8ff]/);
    const keep = await run('keep');
    expect(keep.findings.filter((f) => f.code === 'GAIJI_UNMAPPED_KEPT')).toHaveLength(6);
    expect(keep.text).toContain('山\ue000　太郎');
    for (const r of [rej, sub, keep]) expect(r.stats.read).toBe(r.stats.written + r.stats.rejected + r.stats.duplicates);
  });

  it('keep on an output charset that cannot hold the PUA character is an error, not a silent loss', () => {
    const ascii = { ...getCharset('utf-8'), name: 'test-no-pua', encode: (s: string) => ({ bytes: new Uint8Array(), unrepresentable: /\ue000/.test(s) ? [{ index: s.indexOf('\ue000'), codePoint: 0xe000 }] : [] }) };
    const r = createGaijiResolver({ unmapped: 'keep', outputCharset: ascii as never });
    const issues: FieldIssue[] = [];
    expect(r.resolve('a\ue000', 'f', issues)).toBe('a\ue000');
    expect(issues.map((i) => i.code)).toEqual(['GAIJI_UNMAPPED_KEPT', 'GAIJI_OUTPUT_UNENCODABLE']);
  });
});
