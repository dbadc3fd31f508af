import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { copy, write, type HostileCase } from './table.ts';

/**
 * Item: a clear message where there was none. An input that is not a regular file is named for
 * what it is (a FIFO would block the run, /dev/zero would never end), never "no such file".
 */
const notAFile = (id: string, about: string, what: RegExp, setup: (dir: string) => { args: string[]; child?: boolean }): HostileCase => ({
  id, area: 'message', about, expect: { exit: 2, error: 'E_INPUT_NOT_FOUND' },
  setup,
  verify(r) {
    expect(r.stderr).toMatch(what);
    expect(r.stderr).not.toMatch(/no such file/);
  },
});

const mkfifo = (p: string) => execFileSync('mkfifo', [p]);
const convertArgs = (dir: string, input: string) => {
  copy(dir, 'mappings/vendor-a', 'm');
  return ['convert', '--mapping', 'm/juki-kojin.yaml', '--in', input, '--out', 'out'];
};

export const messageCases: HostileCase[] = [
  notAFile('input-directory', 'convert --in DIR (a directory given as the export)', /is a directory, not a file/, (dir) => {
    write(dir, 'exports/.keep', '');
    return { args: convertArgs(dir, 'exports') };
  }),
  notAFile('input-fifo', 'convert --in FIFO (a named pipe: reading it would block)', /is a FIFO \(named pipe\)/, (dir) => {
    mkfifo(join(dir, 'pipe.csv'));
    return { args: convertArgs(dir, 'pipe.csv') };
  }),
  notAFile('input-dev-zero', 'convert --in /dev/zero (never ends)', /is a character device/, (dir) => ({ args: convertArgs(dir, '/dev/zero') })),
  notAFile('dedup-input-directory', 'dedup --layout juki/kojin DIR', /is a directory, not a file/, (dir) => {
    write(dir, 'd/.keep', '');
    return { args: ['dedup', '--layout', 'juki/kojin', 'd', '--out', 'out'], child: true };
  }),
  notAFile('gaiji-scan-fifo', 'gaiji scan FIFO (would block before this change)', /is a FIFO \(named pipe\)/, (dir) => {
    mkfifo(join(dir, 'pipe.csv'));
    return { args: ['gaiji', 'scan', 'pipe.csv'], child: true };
  }),
  notAFile('validate-dev-zero', 'validate --layout juki/kojin /dev/zero', /is a character device/, () => ({ args: ['validate', '--layout', 'juki/kojin', '/dev/zero'] })),
  notAFile('transcode-directory', 'transcode DIR --out FILE', /is a directory, not a file/, (dir) => {
    write(dir, 'd/.keep', '');
    return { args: ['transcode', 'd', '--from', 'cp932', '--to', 'utf-8', '--out', 'o.csv'] };
  }),
];
