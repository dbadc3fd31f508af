/**
 * Runs one benchmark step as a child process and measures it from outside: wall time (ours), CPU
 * and peak RSS from `/usr/bin/time -v` when the machine has it, else by polling the child's
 * /proc/<pid>/status (VmHWM) — which sees only that process, not its children, so it is the
 * fallback. The step's own stdout/stderr go to files in `logDir`.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Measured {
  seconds: number;
  exitCode: number;
  /** Peak resident set size in bytes (the whole child, or the polled process). */
  peakRssBytes: number;
  userSeconds?: number;
  systemSeconds?: number;
  rssMethod: 'time -v' | 'proc VmHWM';
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

export async function measure(cmd: string, args: string[], opts: { cwd: string; logDir: string; name: string; env?: NodeJS.ProcessEnv }): Promise<Measured> {
  const outPath = join(opts.logDir, `${opts.name}.stdout`);
  const errPath = join(opts.logDir, `${opts.name}.stderr`);
  const timePath = join(opts.logDir, `${opts.name}.time`);
  const useTime = hasGnuTime();
  const argv = useTime ? ['-v', '-o', timePath, cmd, ...args] : args;
  const bin = useTime ? GNU_TIME : cmd;
  const out = openSync(outPath, 'w');
  const err = openSync(errPath, 'w');
  const t0 = performance.now();
  const child = spawn(bin, argv, { cwd: opts.cwd, stdio: ['ignore', out, err], env: opts.env ?? process.env });
  let hwm = 0;
  let poll: NodeJS.Timeout | undefined;
  if (!useTime && child.pid) {
    const status = `/proc/${child.pid}/status`;
    poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'));
        if (m) hwm = Math.max(hwm, Number(m[1]) * 1024);
      } catch { /* exited */ }
    }, 20);
  }
  const exitCode = await new Promise<number>((res, rej) => {
    child.on('error', rej);
    child.on('exit', (code, signal) => res(code ?? (signal ? 128 : 1)));
  });
  const seconds = (performance.now() - t0) / 1000;
  if (poll) clearInterval(poll);
  closeSync(out);
  closeSync(err);
  const result: Measured = {
    seconds, exitCode, peakRssBytes: hwm, rssMethod: useTime ? 'time -v' : 'proc VmHWM',
    stdout: readFileSync(outPath, 'utf8'), stderr: readFileSync(errPath, 'utf8'),
  };
  if (useTime) {
    const t = readFileSync(timePath, 'utf8');
    const num = (re: RegExp) => { const m = re.exec(t); return m ? Number(m[1]) : undefined; };
    result.peakRssBytes = (num(/Maximum resident set size \(kbytes\): (\d+)/) ?? 0) * 1024;
    result.userSeconds = num(/User time \(seconds\): ([\d.]+)/);
    result.systemSeconds = num(/System time \(seconds\): ([\d.]+)/);
    const status = num(/Exit status: (\d+)/);
    if (status !== undefined) result.exitCode = status;
  }
  return result;
}
