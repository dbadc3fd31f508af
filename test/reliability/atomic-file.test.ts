import { existsSync, lstatSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicFileWriter, unwritten } from '../../src/pipeline/atomic-file.ts';
import { tmp } from './helpers/run.ts';

/** The writer behind every output, rejects file and report: atomic, 0600, and not fooled by what already sits at its temp name. */
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const mk = () => { const d = tmp(); dirs.push(d); return d; };
const tempName = (final: string) => join(final, '..', `.${final.split('/').pop()}.${process.pid}.chukan-tmp`);

describe('AtomicFileWriter', () => {
  it('nothing under the final name until commit; 0600; hash of what was written', async () => {
    const d = mk();
    const final = join(d, 'OUT.csv');
    const w = await AtomicFileWriter.create(final);
    await w.write(Buffer.from('a,b\r\n'));
    expect(existsSync(final)).toBe(false);
    expect((statSync(w.tempPath).mode & 0o777).toString(8)).toBe('600');
    await w.commit();
    expect(readFileSync(final, 'utf8')).toBe('a,b\r\n');
    expect((statSync(final).mode & 0o777).toString(8)).toBe('600');
    expect(w.sha256).toBe(createHash('sha256').update('a,b\r\n').digest('hex'));
    expect(readdirSync(d)).toEqual(['OUT.csv']);
  });

  it('abort leaves nothing, and an existing final file untouched', async () => {
    const d = mk();
    const final = join(d, 'OUT.csv');
    writeFileSync(final, 'previous complete run');
    const w = await AtomicFileWriter.create(final);
    await w.write(Buffer.alloc(3 << 20, 'x'));
    await w.abort();
    expect(readdirSync(d)).toEqual(['OUT.csv']);
    expect(readFileSync(final, 'utf8')).toBe('previous complete run');
  });

  it('a symlink planted at the temp name is not followed (its target is not written)', async () => {
    const d = mk();
    const victim = join(d, 'victim.txt');
    writeFileSync(victim, 'victim');
    const final = join(d, 'OUT.csv');
    symlinkSync(victim, tempName(final));
    const w = await AtomicFileWriter.create(final);
    await w.write(Buffer.from('personal data'));
    await w.commit();
    expect(readFileSync(victim, 'utf8')).toBe('victim');
    expect(lstatSync(final).isFile()).toBe(true);
    expect(readFileSync(final, 'utf8')).toBe('personal data');
  });

  it('a stale world-readable file at the temp name does not make the output world-readable', async () => {
    const d = mk();
    const final = join(d, 'OUT.csv');
    writeFileSync(tempName(final), 'stale', { mode: 0o644 });
    const w = await AtomicFileWriter.create(final);
    await w.write(Buffer.from('x'));
    await w.commit();
    expect((statSync(final).mode & 0o777).toString(8)).toBe('600');
  });

  it('past the background-sync threshold: content and hash whole, and a failed background datasync fails commit', async () => {
    const d = mk();
    const final = join(d, 'OUT.csv');
    const w = await AtomicFileWriter.create(final);
    // A fresh block each time: the writer keeps what it is given until it is on disk.
    const expected = createHash('sha256');
    for (let i = 0; i < 70; i++) { const block = Buffer.alloc(1 << 20, 65 + (i % 26)); await w.write(block); expected.update(block); }
    await w.commit();
    expect(statSync(final).size).toBe(70 << 20);
    expect(w.sha256).toBe(expected.digest('hex'));

    const failing = join(d, 'FAIL.csv');
    const f = await AtomicFileWriter.create(failing);
    const handle = (f as unknown as { handle: { datasync: () => Promise<void> } }).handle;
    handle.datasync = () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));
    const block = Buffer.alloc(1 << 20);
    for (let i = 0; i < 40; i++) await f.write(block).catch(() => undefined);
    await expect(f.commit()).rejects.toMatchObject({ code: 'E_WRITE_FAILED', sysCode: 'EIO' });
    await f.abort();
    expect(existsSync(failing)).toBe(false);
  });

  it('a short writev is resumed where it stopped: every byte lands once, in order', async () => {
    const d = mk();
    const final = join(d, 'SHORT.csv');
    const w = await AtomicFileWriter.create(final);
    const handle = (w as unknown as { handle: { writev: (b: Uint8Array[]) => Promise<{ bytesWritten: number }> } }).handle;
    const real = handle.writev.bind(handle);
    // The kernel may take fewer bytes than asked; here it takes at most 100 KB a call.
    handle.writev = (bufs) => {
      const taken: Uint8Array[] = [];
      let room = 100_000;
      for (const b of bufs) {
        if (room === 0) break;
        taken.push(b.subarray(0, room));
        room -= taken[taken.length - 1].length;
      }
      return real(taken);
    };
    const parts: Buffer[] = [];
    for (let i = 0; i < 30; i++) parts.push(Buffer.alloc(37_000 + i * 1000, 97 + (i % 26)));
    for (const p of parts) await w.write(p);
    await w.commit();
    expect(readFileSync(final).equals(Buffer.concat(parts))).toBe(true);
  });

  it('done is called once a part is on disk, never before and never for a failed write', async () => {
    const d = mk();
    const final = join(d, 'DONE.csv');
    const w = await AtomicFileWriter.create(final);
    const onDisk: number[] = [];
    const parts = Array.from({ length: 60 }, (_, i) => Buffer.alloc(50_000, 65 + (i % 26)));
    let expectedLength = 0;
    for (const [i, p] of parts.entries()) {
      expectedLength += p.length;
      // At the callback the temp file already holds every byte up to and including this part.
      const upTo = expectedLength;
      await w.write(p, () => { onDisk.push(i); expect(statSync(w.tempPath).size).toBeGreaterThanOrEqual(upTo); });
    }
    // 3 MB written in ~1 MiB flushes: the first parts are done, the tail waits for commit.
    expect(onDisk.length).toBeGreaterThan(0);
    expect(onDisk.length).toBeLessThan(parts.length);
    await w.commit();
    expect(onDisk).toEqual(parts.map((_, i) => i));
    let empty = 0;
    const e = await AtomicFileWriter.create(join(d, 'EMPTY.csv'));
    await e.write(new Uint8Array(0), () => { empty++; });
    expect(empty).toBe(1);
    await e.abort();

    const failing = await AtomicFileWriter.create(join(d, 'FAIL.csv'));
    const handle = (failing as unknown as { handle: { writev: () => Promise<never> } }).handle;
    handle.writev = () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }));
    let called = 0;
    for (let i = 0; i < 30; i++) await failing.write(Buffer.alloc(50_000), () => { called++; }).catch(() => undefined);
    await expect(failing.commit()).rejects.toMatchObject({ code: 'E_WRITE_FAILED' });
    await failing.abort();
    expect(called).toBe(0);
  });

  it('unwritten: what is left after a partial write of several parts', () => {
    const a = Buffer.from('abc'), b = Buffer.from('defg'), c = Buffer.from('hi');
    expect(unwritten([a, b, c], 0).map(String)).toEqual(['abc', 'defg', 'hi']);
    expect(unwritten([a, b, c], 3).map(String)).toEqual(['defg', 'hi']);
    expect(unwritten([a, b, c], 5).map(String)).toEqual(['fg', 'hi']);
    expect(unwritten([a, b, c], 9)).toEqual([]);
  });
});
