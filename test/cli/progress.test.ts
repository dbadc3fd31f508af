import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatProgress, ProgressLine } from '../../src/cli/progress.ts';

describe('progress line', () => {
  it('shows MiB, records, rate, time left and findings, with thousands separators', () => {
    const line = formatProgress({ doneBytes: 256 * 1048576, totalBytes: 1024 * 1048576, records: 1_234_567, findings: 12_345, elapsedMs: 20_000 });
    expect(line).toBe('256.0 / 1024.0 MiB (25.0%)  1,234,567 records  61,728 records/s  ETA 1:00  12,345 findings');
    expect(line).not.toMatch(/\bMB\b/);
  });

  it('says ETA -- until there is a rate, and hours past one hour', () => {
    expect(formatProgress({ doneBytes: 0, totalBytes: 1048576, records: 0, findings: 1, elapsedMs: 0 })).toBe('0.0 / 1.0 MiB (0.0%)  0 records  0 records/s  ETA --  1 finding');
    expect(formatProgress({ doneBytes: 1048576, totalBytes: 4 * 1048576, records: 10, findings: 0, elapsedMs: 1_500_000 })).toMatch(/ETA 1:15:00/);
    expect(formatProgress({ doneBytes: 5 * 1048576, totalBytes: 0, records: 10, findings: 0, elapsedMs: 1000 })).toBe('5.0 MiB  10 records  10 records/s  ETA --  0 findings');
  });

  it('redraws in place at most every 200 ms, only when enabled, and clears itself', () => {
    let t = 1000;
    const chunks: string[] = [];
    const s = new PassThrough();
    s.on('data', (b) => chunks.push(String(b)));
    const p = new ProgressLine(s, true, 2 * 1048576, () => t);
    t = 2000;
    p.update(1048576, 100, 0);
    t = 2100;
    p.update(1048576 + 1, 150, 0); // within 200 ms: not drawn
    t = 2300;
    p.update(2 * 1048576, 200, 1);
    p.done();
    expect(chunks).toEqual([
      '\r\x1b[K1.0 / 2.0 MiB (50.0%)  100 records  100 records/s  ETA 0:01  0 findings',
      '\r\x1b[K2.0 / 2.0 MiB (100.0%)  200 records  154 records/s  ETA 0:00  1 finding',
      '\r\x1b[K',
    ]);
    const off: string[] = [];
    const quiet = new PassThrough();
    quiet.on('data', (b) => off.push(String(b)));
    const q = new ProgressLine(quiet, false, 10);
    q.update(5, 1, 0);
    q.done();
    expect(off).toEqual([]);
  });
});
