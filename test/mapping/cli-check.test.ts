import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { tmp, write } from './helpers.ts';
import { runCli } from '../helpers/cli.ts';

async function cli(args: string[], cwd: string) {
  const r = await runCli(args, cwd);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const ROOT = new URL('../..', import.meta.url).pathname;

describe('chukan mapping check', () => {
  it('exits 0 for the bundled mappings', async () => {
    const r = await cli(['mapping', 'check', 'mappings/vendor-a/juki-kojin.yaml', 'mappings/vendor-a/juki-setai.yaml'], ROOT);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/juki-kojin\.yaml: ok \(layout juki\/kojin, \d+ fields mapped\)/);
    expect(r.code).toBe(0);
  });

  it('exits 1 and prints every problem as file:line, plus unmapped required fields as warnings', async () => {
    const dir = tmp();
    write(dir, 'm.yaml', [
      'layout: juki/kojin',
      'fields:',
      '  atenaNo: 宛名番号',
      '  shimie: 氏名',
      '  seinengappi: { from: 生年月日, transforms: [{ wareki: { eraDigits: "3" } }] }',
      '',
    ].join('\n'));
    const r = await cli(['mapping', 'check', 'm.yaml'], dir);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toMatch(/^m\.yaml:4: "shimie" is not a field of layout juki\/kojin \(did you mean "shimei"\?\)$/);
    expect(lines[1]).toMatch(/^m\.yaml:5: field seinengappi: wareki: eraDigits must be one of 1, 2, auto/);
    expect(lines.filter((l) => l.includes('warning: required field'))).toContainEqual(expect.stringContaining('dantaiCode'));
    expect(r.out).toBe('m.yaml: 2 problems\n');
  });

  it('reports an unknown layout at the layout line', async () => {
    const dir = tmp();
    write(dir, 'm.yaml', '# vendor B\nlayout: juki/nothing\nfields:\n  a: x\n');
    const r = await cli(['mapping', 'check', 'm.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^m\.yaml:2: layout juki\/nothing: unknown layout/);
  });

  it('exits 2 for a file it cannot read, and prints help', async () => {
    const r = await cli(['mapping', 'check', 'absent.yaml'], tmp());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/absent\.yaml.*\[E_INPUT_NOT_FOUND\]/);
    const h = await cli(['mapping', 'check', '--help'], tmp());
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/Exit codes: 0 valid; 1 problems found; 2 a file could not be read/);
  });
});
