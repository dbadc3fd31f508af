/**
 * The README's vendor walkthrough, run as written: its three commands (mapping init → mapping
 * check --sample → convert) on a freshly generated export that is not in samples/ — other column
 * names and order than vendor A's, CP932, no header row, 和暦 written with era letters.
 */
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCharset } from '../../src/encoding/index.ts';
import { generate } from '../fixtures/onboard/generate.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The shell lines of the README's walkthrough block, comments dropped. */
function walkthrough(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf('### Vendor walkthrough');
  const block = readme.slice(readme.indexOf('```sh', at) + 5, readme.indexOf('```', readme.indexOf('```sh', at) + 5));
  return block.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter((l) => l.startsWith('chukan ')).map((l) => l.split(/\s+/).slice(1));
}

describe('README vendor walkthrough', () => {
  it('is three commands, and they turn a new headerless CP932 export with 和暦 letters into the standard layout', async () => {
    const steps = walkthrough();
    expect(steps.map((s) => s.slice(0, 2).join(' '))).toEqual(['mapping init', 'mapping check', 'convert --mapping']);
    const gen = tempDir('chukan-walk-gen-');
    generate(gen);
    const dir = tempDir('chukan-walk-');
    copyFileSync(join(gen, 'c-kojin-cp932-noheader', 'export.csv'), join(dir, 'EXPORT.csv'));
    const sample = getCharset('cp932').decode(readFileSync(join(dir, 'EXPORT.csv')));
    expect(sample.split('\r\n')[0]).toMatch(/^\d{6},\d+,\d+,/); // data from the first line: no header row
    expect(sample).toMatch(/,[MTSHR]\d\d\.\d\d\.\d\d,/);        // 和暦 as era letters

    const [init, check, conv] = await (async () => {
      const out = [];
      for (const argv of steps) out.push(await runCli(argv, dir));
      return out;
    })();
    expect(init!.code, init!.stderr).toBe(0);
    expect(init!.stderr).toMatch(/unmapped required items \(0\)/);
    const mapping = readFileSync(join(dir, steps[0]![steps[0]!.indexOf('--out') + 1]!), 'utf8');
    expect(mapping).toMatch(/^  header: false/m);
    // Era letters declared in the mapping: wareki's `from` where this chukan has it, else an eras table.
    expect(mapping).toMatch(/\{ wareki: \{ (from: "GY\.M\.D"|eras: \{ "M": "meiji", "T": "taisho", "S": "showa", "H": "heisei", "R": "reiwa" \}) \} \}/);
    expect(check!.code, check!.stdout + check!.stderr).toBe(0);
    expect(check!.stdout).toMatch(/EXPORT\.csv: read 60 records \(the whole file\): 60 written, 0 rejected, 0 duplicates — dry run, nothing written/);
    expect(conv!.code, conv!.stderr).toBe(0);
    expect(conv!.stdout).toMatch(/EXPORT\.csv: read 60, written 60, rejected 0, duplicates 0/);
    // The same standard-layout records the hand-written mapping gives (test/fixtures/onboard).
    const outDir = join(dir, steps[2]![steps[2]!.indexOf('--out') + 1]!);
    expect(readdirSync(outDir).sort()).toEqual(['JUKI_KOJIN.csv', 'rejects', 'report.json']);
    expect(readFileSync(join(outDir, 'JUKI_KOJIN.csv'), 'utf8')).toBe(readFileSync(join(gen, 'c-kojin-cp932-noheader', 'expected.csv'), 'utf8'));
  });
});
