import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBigJob } from './helpers/big-job.ts';
import { BIN, listFiles, runChukan, STACK_LINE, tmp, type RunResult } from './helpers/run.ts';
import type { ChildProcess } from 'node:child_process';

/**
 * Faults, in child processes: kill -9 and SIGINT mid-run, a full disk and a permission error while
 * writing, and --resume after an interruption. The promise under test: a file under a final name
 * is complete (byte-identical to a clean run's), and a re-run gives the complete, identical result.
 */
const RECORDS = Number(process.env.CHUKAN_FAULT_RECORDS ?? 40_000);
let work: string;
let job: string;
let clean: string;
const FINAL = ['JUKI_KOJIN.csv', 'JUKI_SETAI.csv', 'rejects/JUMIN1.csv.rejects.csv', 'rejects/JUMIN2.csv.rejects.csv', 'rejects/SETAI.csv.rejects.csv'];

beforeAll(async () => {
  work = tmp();
  job = makeBigJob(work, RECORDS);
  clean = join(work, 'clean');
  const r = await runChukan(['convert', '--job', job, '--out', clean, '--concurrency', '1'], { cwd: work });
  expect(r.code, r.stderr).toBe(1);
  expect(listFiles(clean)).toEqual([...FINAL, 'report.json'].sort());
}, 300_000);
afterAll(() => { if (work) rmSync(work, { recursive: true, force: true }); });

/** The pause-at preload: stops the child (SIGSTOP) at an exact point of its output, whatever the machine's speed. */
const PAUSE_AT = fileURLToPath(new URL('./helpers/pause-at.mjs', import.meta.url));
const PAUSE_MARKER = 'chukan-test: paused';

/** Whether the process is stopped (state T in /proc/PID/stat). */
function isStopped(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
  } catch {
    return false;
  }
}

/**
 * Runs convert until the second unit's output temp file holds ≥ 1 MiB (the first unit is then
 * complete), where the preload stops it; calls `act` on the stopped child, then lets it go on
 * (SIGCONT), so a signal `act` sent is handled from exactly that point.
 */
function runAndInterrupt(out: string, act: (c: ChildProcess) => void, extra: string[] = []): Promise<RunResult> {
  return runChukan(['convert', '--job', job, '--out', out, '--concurrency', '1', ...extra], {
    cwd: work,
    nodeArgs: ['--import', PAUSE_AT],
    env: { CHUKAN_TEST_PAUSE_AT: String.raw`/\.JUKI_KOJIN\.csv\.[^/]*\.chukan-tmp$`, CHUKAN_TEST_PAUSE_BYTES: String(1 << 20) },
    onSpawn: (child) => {
      let stderr = '';
      const onData = (d: string) => {
        stderr += d;
        if (!stderr.includes(PAUSE_MARKER)) return;
        child.stderr!.off('data', onData);
        // The marker comes just before the child's SIGSTOP: wait until it is stopped, so the
        // SIGCONT cannot come first and leave it stopped.
        const whenStopped = () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          if (!isStopped(child.pid!)) { setTimeout(whenStopped, 1); return; }
          act(child);
          child.kill('SIGCONT');
        };
        whenStopped();
      };
      child.stderr!.on('data', onData);
    },
  });
}

function same(out: string, names: string[]): void {
  for (const n of names) expect(readFileSync(join(out, n)).equals(readFileSync(join(clean, n))), n).toBe(true);
}

function counts(out: string) {
  const r = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  return { totals: r.totals, byCode: Object.fromEntries(Object.entries(r.findings.byCode).map(([k, v]) => [k, (v as { count: number }).count])) };
}

describe('faults', () => {
  it('kill -9 mid-run leaves no partial file under a final name; a re-run gives the identical result', async () => {
    const out = join(work, 'killed');
    const r = await runAndInterrupt(out, (c) => c.kill('SIGKILL'));
    expect(r.signal).toBe('SIGKILL');
    const left = listFiles(out);
    // The first unit finished before the kill: complete and identical. The second left temp files only.
    expect(left.filter((n) => !n.includes('.chukan-tmp'))).toEqual(['JUKI_SETAI.csv', 'rejects/SETAI.csv.rejects.csv']);
    same(out, ['JUKI_SETAI.csv', 'rejects/SETAI.csv.rejects.csv']);
    expect(left.some((n) => n.endsWith('.chukan-tmp'))).toBe(true);
    const temps = left.filter((n) => n.endsWith('.chukan-tmp'));
    const again = await runChukan(['convert', '--job', job, '--out', out, '--concurrency', '1', '--resume'], { cwd: work });
    expect(again.code, again.stderr).toBe(1);
    same(out, FINAL);
    expect(counts(out)).toEqual(counts(clean));
    // The killed run's temp files (personal data under a hidden name) are gone, and the re-run says so.
    expect(listFiles(out).filter((n) => n.includes('.chukan-tmp'))).toEqual([]);
    const removed = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).staleTempsRemoved as { file: string; pid: number }[];
    const name = (p: string) => p.split('/').at(-1);
    expect(removed.map((t) => name(t.file)).sort()).toEqual(temps.map(name).sort());
    expect(new Set(removed.map((t) => t.pid)).size).toBe(1);
    expect(again.stdout).toMatch(/removed \d+ temp files? left by killed runs/);
  }, 300_000);

  it('SIGINT stops at a batch boundary: exit 130, a partial report saying so, no partial outputs; --resume completes it identically', async () => {
    const out = join(work, 'interrupted');
    const r = await runAndInterrupt(out, (c) => c.kill('SIGINT'));
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toContain('interrupted: partial report');
    expect(listFiles(out)).toEqual(['JUKI_SETAI.csv', 'rejects/SETAI.csv.rejects.csv', 'report.json']);
    const partial = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(partial.status).toBe('interrupted');
    const setai = partial.files.find((f: { input: string }) => f.input.endsWith('SETAI.csv'));
    expect(setai).toMatchObject({ complete: true, reconciled: true });
    expect(setai.outputSha256).toMatch(/^[0-9a-f]{64}$/);
    for (const f of partial.files.filter((x: { input: string }) => x.input.includes('JUMIN'))) {
      expect(f.complete).toBe(false);
      expect(f.outputSha256).toBeUndefined();
    }

    const resumed = await runChukan(['convert', '--job', job, '--out', out, '--concurrency', '1', '--resume'], { cwd: work });
    expect(resumed.code, resumed.stderr).toBe(1);
    expect(resumed.stdout).toMatch(/SETAI\.csv: .*\(resumed: verified by SHA-256/);
    expect(resumed.stdout).not.toMatch(/JUMIN\d\.csv: .*resumed/);
    same(out, FINAL);
    expect(counts(out)).toEqual(counts(clean));
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.status).toBe('findings');
    expect(report.files.filter((f: { resumed?: boolean }) => f.resumed).map((f: { input: string }) => f.input)).toEqual(['SETAI.csv']);

    // Resuming a complete run converts nothing; a tampered output is converted again.
    const all = await runChukan(['convert', '--job', job, '--out', out, '--resume'], { cwd: work });
    expect(all.stdout.match(/resumed: verified/g)?.length).toBe(3);
    execFileSync('sh', ['-c', `printf x >> '${join(out, 'JUKI_KOJIN.csv')}'`]);
    const fixed = await runChukan(['convert', '--job', job, '--out', out, '--resume'], { cwd: work });
    expect(fixed.stdout.match(/resumed: verified/g)?.length).toBe(1);
    same(out, FINAL);
  }, 300_000);

  it('a full disk (ENOSPC on a 1 MiB tmpfs) fails the run with one clear line and no final-named partial output', () => {
    const script = [
      'set -e',
      'mount -t tmpfs -o size=1m,mode=0755 tmpfs "$MNT"',
      'set +e',
      `"${process.execPath}" "${BIN}" convert --job "${job}" --out "$MNT/out" --concurrency 1 2>"$MNT/err"; echo "exit=$?"`,
      'cat "$MNT/err"',
      'cd "$MNT/out" && find . -type f | sort | sed "s/^/file: /"',
      'cat report.json',
    ].join('\n');
    const mnt = tmp();
    const text = execFileSync('unshare', ['-m', 'sh', '-c', script], { cwd: work, env: { ...process.env, MNT: mnt }, encoding: 'utf8', timeout: 240_000 });
    expect(text).toContain('exit=2');
    expect(text).toMatch(/^chukan convert: writing .*JUKI_KOJIN\.csv failed \(ENOSPC\); no partial output was left under a final name \[E_WRITE_FAILED\]$/m);
    expect(text).not.toMatch(STACK_LINE);
    const files = [...text.matchAll(/^file: \.\/(.*)$/gm)].map((m) => m[1]);
    expect(files.filter((f) => f.includes('chukan-tmp'))).toEqual([]);
    expect(files).not.toContain('JUKI_KOJIN.csv');
    // What was committed before the failure is complete; the report says the run failed.
    const report = JSON.parse(text.slice(text.indexOf('{')));
    expect(report.status).toBe('failed');
    expect(report.error.code).toBe('E_WRITE_FAILED');
  }, 300_000);

  it('a permission error (EACCES creating the rejects file, as an unprivileged user) fails cleanly', async () => {
    const out = join(tmp(), 'out');
    chmodSync(join(out, '..'), 0o755);
    mkdirSync(join(out, 'rejects'), { recursive: true });
    chownSync(out, 65534, 65534);
    chmodSync(join(out, 'rejects'), 0o555);
    const r = await runChukan(['convert', '--job', job, '--out', out, '--concurrency', '1'], {
      cwd: work, prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'], env: { HOME: '/tmp' },
    });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^chukan convert: writing .*SETAI\.csv\.rejects\.csv failed \(EACCES\); no partial output was left under a final name \[E_WRITE_FAILED\]\n$/);
    expect(listFiles(out).filter((f) => f !== 'report.json')).toEqual([]);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).status).toBe('failed');
  }, 300_000);
});
