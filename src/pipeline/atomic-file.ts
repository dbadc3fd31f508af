import { createHash, type Hash } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WriteFailedError } from '../core/errors.ts';

/** A background datasync after every this many bytes written (see syncInBackground). */
const SYNC_EVERY_BYTES = 32 << 20;

/**
 * A file that appears under its final name only when complete: bytes go to a hidden temp name in
 * the same directory (so rename is atomic on one file system), then fsync, then rename. A crash or
 * kill -9 leaves at most a `.chukan-tmp` file that no reader mistakes for a finished output.
 */
export class AtomicFileWriter {
  readonly tempPath: string;
  private handle: FileHandle | undefined;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** The `done` callbacks of the pending parts: called once those parts are written. */
  private pendingDone: (() => void)[] = [];
  private failed: WriteFailedError | undefined;
  /** The one flush allowed in flight; it never rejects (a failure lands in `failed`). */
  private inflight: Promise<void> | undefined;
  /** The one background datasync allowed in flight (never rejects), and the bytes written since the last one began. */
  private syncing: Promise<void> | undefined;
  private unsynced = 0;
  bytesWritten = 0;
  /** SHA-256 of every byte written, hashed on the way (report.json records it; --resume verifies it). */
  private readonly hash: Hash = createHash('sha256');
  private digest: string | undefined;

  private constructor(readonly finalPath: string, private readonly mode: number) {
    this.tempPath = join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}.chukan-tmp`);
  }

  /** `mode` 0o600 for anything holding personal values (outputs, rejects, reports). */
  static async create(finalPath: string, mode = 0o600): Promise<AtomicFileWriter> {
    const w = new AtomicFileWriter(finalPath, mode);
    try {
      w.handle = await openFresh(w.tempPath, mode);
    } catch (err) {
      throw new WriteFailedError(finalPath, (err as NodeJS.ErrnoException).code, { cause: err });
    }
    return w;
  }

  /**
   * Buffers small writes; flushes in ~1 MiB writes so a million records are not a million syscalls.
   * A flush runs while the caller goes on (the next batch is converted while the kernel copies the
   * last one); a second waits for the first, so at most ~2 MiB is held and writes stay in order. A
   * failed flush fails the next write, and commit. `bytes` is kept, not copied, until it is
   * written: the caller must not reuse it before `done` is called (never, if the write fails), which
   * is how a range runner's output blocks go back to its pool (output-blocks.ts).
   */
  async write(bytes: Uint8Array, done?: () => void): Promise<void> {
    if (this.failed) throw this.failed;
    if (bytes.length === 0) {
      done?.();
      return;
    }
    this.hash.update(bytes);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (done) this.pendingDone.push(done);
    if (this.pendingBytes >= 1 << 20) {
      await this.settled();
      this.inflight = this.flush().catch(() => undefined);
    }
  }

  /** Waits for the flush in flight; throws if it (or an earlier one) failed. */
  private async settled(): Promise<void> {
    if (this.inflight) await this.inflight;
    this.inflight = undefined;
    if (this.failed) throw this.failed;
  }

  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.pendingBytes === 0 || !this.handle) return;
    // One writev of the parts as they are, not a write of their concatenation: no copy of every
    // output byte, and no ~1 MiB allocation per flush (docs/PERFORMANCE.md, "Sessions 5–7").
    let parts = this.pending;
    const total = this.pendingBytes;
    const dones = this.pendingDone;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingDone = [];
    try {
      let left = total;
      while (left > 0) {
        const { bytesWritten } = await this.handle.writev(parts);
        left -= bytesWritten;
        if (left > 0) parts = unwritten(parts, bytesWritten);
      }
      this.bytesWritten += total;
      this.unsynced += total;
      if (this.unsynced >= SYNC_EVERY_BYTES && !this.syncing) this.syncInBackground(this.handle);
    } catch (err) {
      this.failed = new WriteFailedError(this.finalPath, (err as NodeJS.ErrnoException).code, { cause: err });
      throw this.failed;
    }
    for (const d of dones) d();
  }

  /**
   * Starts a datasync of what is written so far while the run goes on, so that commit's fsync only
   * has the tail left to wait for (measured on a 1M convert: a 300 MB output's fsync at commit took
   * ~100 ms, with every thread idle).
   */
  private syncInBackground(h: FileHandle): void {
    this.unsynced = 0;
    this.syncing = h.datasync().catch((err: unknown) => {
      this.failed ??= new WriteFailedError(this.finalPath, (err as NodeJS.ErrnoException).code, { cause: err });
    }).finally(() => { this.syncing = undefined; });
  }

  async commit(): Promise<void> {
    await this.settled();
    await this.flush();
    if (this.syncing) await this.syncing;
    if (this.failed) throw this.failed;
    const h = this.handle;
    this.handle = undefined;
    if (!h) throw new WriteFailedError(this.finalPath, 'ECLOSED');
    try {
      await h.sync();
      await h.close();
      await rename(this.tempPath, this.finalPath);
      this.digest = this.hash.digest('hex');
    } catch (err) {
      await h.close().catch(() => undefined);
      await unlink(this.tempPath).catch(() => undefined);
      throw new WriteFailedError(this.finalPath, (err as NodeJS.ErrnoException).code, { cause: err });
    }
  }

  /** Hex SHA-256 of the file as committed; undefined until `commit` succeeded. */
  get sha256(): string | undefined {
    return this.digest;
  }

  /** Drops the temp file; the final name is never touched. Safe to call twice. */
  async abort(): Promise<void> {
    if (this.inflight) await this.inflight;
    this.inflight = undefined;
    if (this.syncing) await this.syncing;
    const h = this.handle;
    this.handle = undefined;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingDone = [];
    if (h) await h.close().catch(() => undefined);
    await unlink(this.tempPath).catch(() => undefined);
  }
}

/**
 * Creates the temp file anew (O_CREAT|O_EXCL, so never through a symlink and always with `mode`):
 * whatever sits at the name — a leftover of a killed run with the same pid, or a planted symlink —
 * is unlinked first (the link itself, never its target).
 */
async function openFresh(path: string, mode: number): Promise<FileHandle> {
  try {
    return await open(path, 'wx', mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    await unlink(path);
    return await open(path, 'wx', mode);
  }
}

/** What is left of `parts` once the first `written` bytes of them are on disk (a short writev). */
export function unwritten(parts: readonly Uint8Array[], written: number): Uint8Array[] {
  let i = 0;
  while (i < parts.length && written >= parts[i].length) written -= parts[i++].length;
  const rest = parts.slice(i);
  if (rest.length > 0 && written > 0) rest[0] = rest[0].subarray(written);
  return rest;
}
