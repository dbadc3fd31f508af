import { createHash } from 'node:crypto';
import { linkSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import { copy, SAMPLE, write, type HostileCase } from './table.ts';

/**
 * Item: no verb writes over what it reads. Each case puts an input (or the mapping's table, the
 * manifest's data…) where the verb would write, under another spelling, a hard link or a symbolic
 * link: the run must stop with E_OUTPUT_IS_INPUT before reading a record, and the file must keep
 * its bytes.
 */
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function kept(rel: string, dir: string, before: Map<string, string>): void {
  expect(sha(join(dir, rel)), `${rel} unchanged`).toBe(before.get(rel));
}

/** Records the hash of `rels` in the case directory, to compare after the run. */
function remember(dir: string, rels: string[]): Map<string, string> {
  return new Map(rels.map((r) => [r, sha(join(dir, r))]));
}

const hashes = new Map<string, Map<string, string>>();
/** `child`: verbs whose CLI passes paths on as given (dedup, gaiji scan) run in a child process in the case directory. */
type Setup = { args: string[]; keep: string[]; child?: boolean };
const guard = (id: string, about: string, setup: (dir: string) => Setup | Promise<Setup>): HostileCase => ({
  id, area: 'own input', about, expect: { exit: 2, error: 'E_OUTPUT_IS_INPUT' },
  async setup(dir) {
    const { args, keep, child } = await setup(dir);
    hashes.set(dir, remember(dir, keep));
    return { args, child };
  },
  verify(_r, dir) {
    for (const [rel] of hashes.get(dir)!) kept(rel, dir, hashes.get(dir)!);
  },
});

/** Vendor A's export cut after its first records (a real CP932 file, small). */
const jumin2 = (dir: string, rel: string) => write(dir, rel, readFileSync(SAMPLE('samples/vendor-a/JUMIN.csv')).subarray(0, 2000));
const mapping = (dir: string) => {
  copy(dir, 'mappings/vendor-a', 'm');
  return 'm/juki-kojin.yaml';
};

/** A small standard-layout file (convert's output for two vendor records). */
const standardFile = (dir: string, rel: string) => write(dir, rel, '\uFEFF宛名番号,氏名\r\n1,山田\r\n1,山田\r\n');

export const ownInputCases: HostileCase[] = [
  guard('own-input-convert-output-name', 'convert --in OUT/JUKI_KOJIN.csv --out OUT: the export has the output\'s name', (dir) => {
    jumin2(dir, 'x/JUKI_KOJIN.csv');
    return { args: ['convert', '--mapping', mapping(dir), '--in', 'x/JUKI_KOJIN.csv', '--out', 'x'], keep: ['x/JUKI_KOJIN.csv'] };
  }),
  guard('own-input-convert-report', 'convert: an input named report.json in the output directory', (dir) => {
    jumin2(dir, 'x/report.json');
    return { args: ['convert', '--mapping', mapping(dir), '--in', 'x/report.json', '--out', './x/../x'], keep: ['x/report.json'] };
  }),
  guard('own-input-convert-hard-link', 'convert: OUT/JUKI_KOJIN.csv is a hard link to the export (another name, same inode)', (dir) => {
    jumin2(dir, 'JUMIN.csv');
    write(dir, 'x/.keep', '');
    linkSync(join(dir, 'JUMIN.csv'), join(dir, 'x/JUKI_KOJIN.csv'));
    return { args: ['convert', '--mapping', mapping(dir), '--in', 'JUMIN.csv', '--out', 'x'], keep: ['JUMIN.csv'] };
  }),
  guard('own-input-convert-rejects-symlink', 'convert: OUT/rejects/JUMIN.csv.rejects.csv is a symbolic link to the export', (dir) => {
    jumin2(dir, 'JUMIN.csv');
    write(dir, 'x/rejects/.keep', '');
    symlinkSync(join(dir, 'JUMIN.csv'), join(dir, 'x/rejects/JUMIN.csv.rejects.csv'));
    return { args: ['convert', '--mapping', mapping(dir), '--in', 'JUMIN.csv', '--out', 'x'], keep: ['JUMIN.csv'] };
  }),
  guard('own-input-job-out-dot', 'convert --job: out: . and the job\'s input is JUKI_KOJIN.csv beside it', (dir) => {
    jumin2(dir, 'JUKI_KOJIN.csv');
    mapping(dir);
    write(dir, 'job.yaml', 'out: .\nunits:\n  - mapping: m/juki-kojin.yaml\n    inputs: [JUKI_KOJIN.csv]\n');
    return { args: ['convert', '--job', 'job.yaml'], keep: ['JUKI_KOJIN.csv'] };
  }),
  guard('own-input-convert-code-table', 'convert: the mapping\'s codeMap table is what OUT/report.json would be (a link)', (dir) => {
    jumin2(dir, 'JUMIN.csv');
    mapping(dir);
    write(dir, 'x/.keep', '');
    symlinkSync(join(dir, 'm/codes/zokugara.csv'), join(dir, 'x/report.json'));
    return { args: ['convert', '--mapping', 'm/juki-kojin.yaml', '--in', 'JUMIN.csv', '--out', 'x'], keep: ['m/codes/zokugara.csv'] };
  }),
  guard('own-input-convert-gaiji-table', 'convert: the 外字対応表 sits where OUT/JUKI_KOJIN.csv goes (out = the mapping\'s folder, table linked)', (dir) => {
    jumin2(dir, 'JUMIN.csv');
    mapping(dir);
    symlinkSync(join(dir, 'm/gaiji.csv'), join(dir, 'm/JUKI_KOJIN.csv'));
    return { args: ['convert', '--mapping', 'm/juki-kojin.yaml', '--in', 'JUMIN.csv', '--out', 'm'], keep: ['m/gaiji.csv'] };
  }),
  guard('own-input-dedup', 'dedup FILE --out DIR-of-FILE (the kept records would replace the file)', (dir) => {
    standardFile(dir, 'd/JUKI_KOJIN.csv');
    return { args: ['dedup', '--layout', 'juki/kojin', 'd/JUKI_KOJIN.csv', '--out', 'd'], keep: ['d/JUKI_KOJIN.csv'], child: true };
  }),
  guard('own-input-merge', 'merge U0 U1 --out U0 (the joined output over unit 0\'s own)', async (dir) => {
    jumin2(dir, 'JUMIN.csv');
    // Units need a mapping without a cleanse section (its stages keep a file in one piece).
    const m = mapping(dir);
    write(dir, m, readFileSync(join(dir, m), 'utf8').replace(/\ncleanse:\n[^]*?\nfields:/, '\nfields:'));
    for (const i of [0, 1]) {
      const r = await runCli(['convert', '--mapping', m, '--in', 'JUMIN.csv', '--out', `u${i}`, '--unit', `${i}/2`, '--quiet'], dir);
      expect(r.code, r.stderr).toBeLessThan(2);
    }
    return { args: ['merge', 'u0', 'u1', '--out', 'u0'], keep: ['u0/JUKI_KOJIN.csv', 'u1/JUKI_KOJIN.csv'] };
  }),
  guard('own-input-manifest', 'manifest DIR --out DIR/JUKI_KOJIN.csv (the manifest over a data file)', (dir) => {
    standardFile(dir, 'd/JUKI_KOJIN.csv');
    standardFile(dir, 'd/JUKI_SETAI.csv');
    return { args: ['manifest', 'd', '--out', 'd/JUKI_KOJIN.csv'], keep: ['d/JUKI_KOJIN.csv'] };
  }),
  guard('own-input-check', 'check DIR --out R where R/report.json is the profile the check reads', (dir) => {
    standardFile(dir, 'd/JUKI_KOJIN.csv');
    write(dir, 'r/report.json', '{}\n');
    return { args: ['check', 'd', '--profile', 'r/report.json', '--out', 'r'], keep: ['r/report.json'] };
  }),
  guard('own-input-gaiji-template', 'gaiji scan FILE --template-out DIR where FILE is DIR/gaiji-table-template.csv', (dir) => {
    jumin2(dir, 't/gaiji-table-template.csv');
    return { args: ['gaiji', 'scan', 't/gaiji-table-template.csv', '--template-out', 't'], keep: ['t/gaiji-table-template.csv'], child: true };
  }),
  guard('own-input-layouts-import', 'layouts import BOOK.csv --out DIR where DIR/import-report.json is a link to the book', (dir) => {
    write(dir, 'book.csv', '\uFEFFファイルID,項目名,データ型,桁数\r\nx/a,氏名,文字,10\r\n');
    write(dir, 's/.keep', '');
    symlinkSync(join(dir, 'book.csv'), join(dir, 's/import-report.json'));
    return { args: ['layouts', 'import', 'book.csv', '--out', 's', '--domain', 'x'], keep: ['book.csv'] };
  }),
  guard('own-input-layouts-export', 'layouts export juki --format csv --schemas S --out S/catalog.json (the catalog it reads)', (dir) => {
    copy(dir, 'schemas', 's');
    return { args: ['layouts', 'export', 'juki', '--format', 'csv', '--schemas', 's', '--out', 's/catalog.json'], keep: ['s/catalog.json'] };
  }),
  guard('own-input-transcode-hard-link', 'transcode IN --out OUT where OUT is a hard link to IN', (dir) => {
    jumin2(dir, 'in.csv');
    linkSync(join(dir, 'in.csv'), join(dir, 'out.csv'));
    return { args: ['transcode', 'in.csv', '--from', 'cp932', '--to', 'utf-8', '--out', 'out.csv'], keep: ['in.csv'] };
  }),
];
