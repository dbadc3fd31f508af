import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect } from 'vitest';
import { copy, SAMPLE, write, type HostileCase } from './table.ts';

/**
 * Item: nothing left behind after a crash. A process writes a temp file under chukan's name
 * (`.NAME.PID.chukan-tmp`, its own pid) and is killed with SIGKILL, or stays alive; the next run
 * into that directory must remove the dead one's file, say so in its summary and report, and never
 * touch the live one's.
 */
const HOLDER = `
const fs = require('node:fs');
const path = process.argv[1];
const tmp = require('node:path').join(require('node:path').dirname(path), '.' + require('node:path').basename(path) + '.' + process.pid + '.chukan-tmp');
fs.writeFileSync(tmp, '個人,氏名\\r\\n'.repeat(1000));
process.stdout.write(tmp + '\\n');
setInterval(() => {}, 1000);
`;

/** A child that writes the temp file of `finalPath` under its own pid, then waits; resolves with it and the temp path. */
function holder(finalPath: string): Promise<{ child: ChildProcess; temp: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', HOLDER, finalPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (out.endsWith('\n')) resolve({ child, temp: out.trim() });
    });
    child.on('error', reject);
  });
}

/** kill -9 the holder and wait until it is gone (its pid then names a dead process). */
async function killed(finalPath: string): Promise<string> {
  const { child, temp } = await holder(finalPath);
  await new Promise<void>((resolve) => { child.on('exit', () => resolve()); child.kill('SIGKILL'); });
  return temp;
}

const live = new Map<string, { child: ChildProcess; temp: string }>();
const dead = new Map<string, string[]>();

/** Report/summary checks for a case that removed the temp files in `dead`. */
function removed(dir: string, stdout: string, report?: string): void {
  for (const t of dead.get(dir) ?? []) {
    expect(existsSync(t), `${t} removed`).toBe(false);
    expect(stdout).toContain(basename(t));
    if (report) expect(readFileSync(join(dir, report), 'utf8')).toContain(basename(t));
  }
  expect(stdout).toMatch(/removed \d+ temp files? left by killed runs \(pid \d+/);
}

const jumin = (dir: string, rel: string) => write(dir, rel, readFileSync(SAMPLE('samples/vendor-a/JUMIN.csv')).subarray(0, 2000));
const mapping = (dir: string) => { copy(dir, 'mappings/vendor-a', 'm'); return 'm/juki-kojin.yaml'; };
const standardFile = (dir: string, rel: string) => write(dir, rel, '\uFEFF宛名番号,氏名\r\n1,山田\r\n2,佐藤\r\n');

async function deadTemps(dir: string, finals: string[]): Promise<void> {
  const temps: string[] = [];
  for (const f of finals) {
    write(dir, join(dirname(f), '.keep'), '');
    temps.push(await killed(join(dir, f)));
  }
  dead.set(dir, temps);
}

export const crashCases: HostileCase[] = [
  {
    id: 'crash-convert-dead-temp', area: 'crash', about: 'convert into a directory holding the output and rejects temp files of a run killed with SIGKILL',
    expect: { exit: 1, findings: ['staleTempsRemoved'], findingsIn: 'out/report.json' },
    async setup(dir) {
      jumin(dir, 'JUMIN.csv');
      await deadTemps(dir, ['out/JUKI_KOJIN.csv', 'out/rejects/JUMIN.csv.rejects.csv']);
      return { args: ['convert', '--mapping', mapping(dir), '--in', 'JUMIN.csv', '--out', 'out'] };
    },
    verify: (r, dir) => removed(dir, r.stdout, 'out/report.json'),
  },
  {
    id: 'crash-convert-live-temp', area: 'crash', about: 'convert into a directory where another live process is writing its temp file: left alone',
    expect: { exit: 1 },
    async setup(dir) {
      jumin(dir, 'JUMIN.csv');
      write(dir, 'out/.keep', '');
      live.set(dir, await holder(join(dir, 'out/JUKI_KOJIN.csv')));
      return { args: ['convert', '--mapping', mapping(dir), '--in', 'JUMIN.csv', '--out', 'out'] };
    },
    verify(r, dir) {
      const h = live.get(dir)!;
      try {
        expect(existsSync(h.temp), 'the live process\'s temp file is kept').toBe(true);
        expect(r.stdout).not.toMatch(/removed \d+ temp file/);
        expect(readFileSync(join(dir, 'out/report.json'), 'utf8')).not.toContain('staleTempsRemoved');
      } finally {
        h.child.kill('SIGKILL');
      }
    },
  },
  {
    id: 'crash-dedup-dead-temp', area: 'crash', about: 'dedup into a directory holding a killed run\'s temp of duplicates.csv',
    expect: { exit: 0, findings: ['staleTempsRemoved'], findingsIn: 'out/dedup-report.json' },
    async setup(dir) {
      standardFile(dir, 'JUKI_KOJIN.csv');
      await deadTemps(dir, ['out/duplicates.csv']);
      return { args: ['dedup', '--layout', 'juki/kojin', 'JUKI_KOJIN.csv', '--out', 'out', '--no-nayose'], child: true };
    },
    verify: (r, dir) => removed(dir, r.stdout, 'out/dedup-report.json'),
  },
  {
    id: 'crash-check-dead-temp', area: 'crash', about: 'check writing into a report directory holding a killed run\'s report.html temp',
    expect: { exit: 1, findings: ['staleTempsRemoved'], findingsIn: 'r/report.json' },
    async setup(dir) {
      standardFile(dir, 'd/JUKI_KOJIN.csv');
      await deadTemps(dir, ['r/report.html']);
      return { args: ['check', 'd', '--out', 'r'] };
    },
    verify: (r, dir) => removed(dir, r.stdout, 'r/report.json'),
  },
  {
    id: 'crash-transcode-dead-temp', area: 'crash', about: 'transcode into a directory holding a killed transcode\'s temp file',
    expect: { exit: 0 },
    async setup(dir) {
      jumin(dir, 'in.csv');
      await deadTemps(dir, ['o/out.csv']);
      return { args: ['transcode', 'in.csv', '--from', 'cp932', '--to', 'utf-8', '--out', 'o/out.csv'] };
    },
    verify: (r, dir) => removed(dir, r.stdout),
  },
  {
    id: 'crash-layouts-import-dead-temp', area: 'crash', about: 'layouts import into a schemas directory holding a killed import\'s catalog.json temp',
    expect: { exit: 0, findings: ['staleTempsRemoved'], findingsIn: 's/import-report.json' },
    async setup(dir) {
      write(dir, 'book.csv', '\uFEFFファイルID,ファイル名,項目名,データ型,桁数\r\nx/a,A,氏名,文字,10\r\n');
      await deadTemps(dir, ['s/catalog.json']);
      return { args: ['layouts', 'import', 'book.csv', '--out', 's', '--domain', 'x'] };
    },
    verify: (r, dir) => removed(dir, r.stdout, 's/import-report.json'),
  },
];
