import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { copy, SAMPLE, write, type HostileCase } from './table.ts';

/**
 * Item: inside a job, every file a mapping names is fenced to the job's root like the job's own
 * paths — codeMap files, the 外字対応表, the MJ table, a fixed-length layout and its charset tables —
 * with the same message, and nothing outside is read.
 */
const ESCAPES = /escapes the job's directory/;

/** A job over vendor A's mapping, with `edit` applied to the mapping text. */
function jobWith(dir: string, edit: (yaml: string) => string): { args: string[] } {
  copy(dir, 'mappings/vendor-a', 'job/m');
  write(dir, 'job/m/juki-kojin.yaml', edit(readFileSync(SAMPLE('mappings/vendor-a/juki-kojin.yaml'), 'utf8')));
  copy(dir, 'samples/vendor-a/JUMIN.csv', 'job/JUMIN.csv');
  write(dir, 'job/job.yaml', 'out: out\nunits:\n  - mapping: m/juki-kojin.yaml\n    inputs: [JUMIN.csv]\n');
  write(dir, 'outside.csv', 'code,value\r\n1,1\r\n');
  return { args: ['convert', '--job', 'job/job.yaml'] };
}

/** A job over the fixed-length 住登外 mapping (layout file beside it), with `edit` applied to the layout or the mapping. */
function fixedJobWith(dir: string, editMapping: (y: string) => string, editLayout: (y: string) => string = (y) => y): { args: string[] } {
  copy(dir, 'mappings/fixed', 'job/m');
  write(dir, 'job/m/jutogai-kojin.yaml', editMapping(readFileSync(SAMPLE('mappings/fixed/jutogai-kojin.yaml'), 'utf8')));
  write(dir, 'job/m/jutogai.layout.yaml', editLayout(readFileSync(SAMPLE('mappings/fixed/jutogai.layout.yaml'), 'utf8')));
  copy(dir, 'samples/fixed-jutogai/JUTOGAI.dat', 'job/JUTOGAI.dat');
  copy(dir, 'mappings/fixed/jutogai.layout.yaml', 'outside.layout.yaml');
  write(dir, 'job/job.yaml', 'out: out\nunits:\n  - mapping: m/jutogai-kojin.yaml\n    inputs: [JUTOGAI.dat]\n');
  return { args: ['convert', '--job', 'job/job.yaml'] };
}

const fenced = (id: string, about: string, setup: (dir: string) => { args: string[] }): HostileCase => ({
  id, area: 'job fence', about, expect: { exit: 2, error: 'E_MAPPING' },
  setup,
  verify(r) {
    expect(r.stderr).toMatch(ESCAPES);
    expect(r.stdout).toBe('');
  },
});

export const fenceCases: HostileCase[] = [
  fenced('fence-codemap-absolute', 'a job\'s mapping names codeMap file: /etc/passwd', (dir) =>
    jobWith(dir, (y) => y.replace('file: codes/zokugara.csv', 'file: /etc/passwd'))),
  fenced('fence-codemap-dotdot', 'a job\'s mapping names codeMap file: ../../../../etc/passwd', (dir) =>
    jobWith(dir, (y) => y.replace('file: codes/zokugara.csv', 'file: ../../../../etc/passwd'))),
  fenced('fence-codemap-sibling', 'a job\'s mapping names a code table beside the job folder (../../outside.csv)', (dir) =>
    jobWith(dir, (y) => y.replace('file: codes/zokugara.csv', 'file: ../../outside.csv'))),
  fenced('fence-gaiji-table', 'a job\'s mapping names cleanse.gaiji.table: /etc/passwd', (dir) =>
    jobWith(dir, (y) => y.replace('table: gaiji.csv', 'table: /etc/passwd'))),
  fenced('fence-mj-table', 'a job\'s mapping names cleanse.gaiji.mjTable: ../../outside.csv', (dir) =>
    jobWith(dir, (y) => y.replace('table: gaiji.csv', 'table: gaiji.csv\n    mjTable: ../../outside.csv'))),
  fenced('fence-fixed-layout', 'a job\'s fixed-length mapping names source.layout: ../../outside.layout.yaml', (dir) =>
    fixedJobWith(dir, (y) => y.replace('layout: jutogai.layout.yaml', 'layout: ../../outside.layout.yaml'))),
  fenced('fence-fixed-charset-table', 'a job\'s fixed-length layout names a charset table /etc/passwd (charsets: dbcs)', (dir) =>
    fixedJobWith(dir, (y) => y, (y) => y.replace('charset: cp932\n', 'charset: cp932\ncharsets:\n  jef: { sbcs: ebcdic-jp-kana, dbcs: /etc/passwd }\n'))),
  {
    id: 'fence-root-widened', area: 'job fence', about: 'the same sibling code table with root: .. in the job: read (the fence is the job\'s root, not its folder)',
    expect: { exit: 1, findings: ['TX_CODE_UNKNOWN'], findingsIn: 'job/out/report.json' },
    setup(dir) {
      const run = jobWith(dir, (y) => y.replace('file: codes/zokugara.csv', 'file: ../../outside.csv'));
      write(dir, 'job/job.yaml', 'root: ..\nout: out\nunits:\n  - mapping: m/juki-kojin.yaml\n    inputs: [JUMIN.csv]\n');
      return run;
    },
  },
];
