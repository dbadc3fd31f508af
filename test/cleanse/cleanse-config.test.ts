import { afterAll, describe, expect, it } from 'vitest';
import { getCharset } from '../../src/encoding/index.ts';
import { MappingError } from '../../src/core/errors.ts';
import { buildCleanseStages, parseCleanseConfig } from '../../src/pipeline/stages/cleanse-config.ts';
import { convertWith, tmpDir, writeTmp } from './helpers.ts';

const t = tmpDir();
afterAll(t.done);

describe('cleanse: section', () => {
  it('rejects unknown keys and bad policies with the file named', () => {
    expect(() => parseCleanseConfig({ gaiji: { unmapped: 'drop' } }, 'm.yaml', '/')).toThrow(MappingError);
    expect(() => parseCleanseConfig({ normalize: true }, 'm.yaml', '/')).toThrow(/unknown key "normalize"/);
    expect(() => parseCleanseConfig({ normalise: { fields: { shimei: ['nfkc'] } } }, 'm.yaml', '/')).toThrow(/list of rules/);
  });

  it('builds normalise → 外字 → (validate) → dedup stages that run in the real pipeline', async () => {
    const table = writeTmp(t.dir, 'g.csv', '外字コード,変換先UCS,代替文字,代替理由\r\nF040,U+8FBB U+E0100,,\r\n');
    const cfg = parseCleanseConfig({ gaiji: { table: 'g.csv', unmapped: 'substitute' }, dedup: { exact: true } }, 'm.yaml', t.dir);
    let built!: Awaited<ReturnType<typeof buildCleanseStages>>;
    const { compileLayout, loadLayout } = await import('../../src/layouts/index.ts');
    const compiled = compileLayout(loadLayout('juki/kojin'));
    built = await buildCleanseStages(cfg, { fields: compiled.fields, primaryKey: compiled.primaryKey, sourceCharset: getCharset('cp932'), outputCharset: getCharset('utf-8'), file: 'x' });
    const r = await convertWith({ dir: t.dir, beforeValidate: () => [...built.beforeValidate, ...built.afterValidate] });
    built.close();
    expect(r.text).toContain('山\u8fbb\u{e0100}　太郎');
    expect(r.text).toContain('ヤマザキ　タロウ');
    expect(r.findings.filter((f) => f.code === 'GAIJI_UNMAPPED_SUBSTITUTED').length).toBe(3);
    const rep = built.report();
    expect(rep.gaiji!.find((g) => g.codePoint === 'U+E000')!.outcomes).toEqual({ resolved: 3 });
    expect(rep.normalise!.some((n) => n.field === 'shimeiKana' && n.rule === 'halfKanaToFull')).toBe(true);
    expect(r.stats.read).toBe(r.stats.written + r.stats.rejected + r.stats.duplicates);
  });
});
