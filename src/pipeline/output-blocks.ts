/**
 * Output buffers that go round instead of being freed: a range runner copies each batch's encoded
 * output into a block from its pool, the block moves to the main thread with the part, and the
 * writer hands it back once it is on disk (parallel-file.ts). Why: a fresh ~40 KB buffer per batch,
 * made on the runner's thread and freed on the main thread seconds later, interleaved with the
 * decoder's short-lived 64–128 KB buffers, fragments glibc's malloc arenas; through a 10M-record
 * run they grew by ~15 MB each and were never given back (docs/PERFORMANCE.md, "The 10M peak").
 * Blocks come in a few fixed sizes and are reused as they are, so the steady state frees nothing.
 */
import type { ByteSink } from './file-run.ts';

/** Block sizes are multiples of this: a batch's output (~32–50 KB) fills its block to ≥ 85%. */
export const BLOCK_STEP_BYTES = 8 << 10;
/** A block may be up to this many steps larger than asked for (a near size already in the pool beats a new block). */
const NEAR_STEPS = 3;

function blockSize(minBytes: number): number {
  return Math.max(1, Math.ceil(minBytes / BLOCK_STEP_BYTES)) * BLOCK_STEP_BYTES;
}

/**
 * Free blocks by size. Bounded: blocks given back past `maxPooledBytes` are left to the garbage
 * collector, so a burst (a range of very long records) does not stay resident for the whole run.
 */
export class BlockPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private pooled = 0;
  /** Blocks made, and blocks taken from the pool (tests read them). */
  made = 0;
  reused = 0;

  constructor(private readonly maxPooledBytes = 8 << 20) {}

  /** A block of at least `minBytes`, from the pool when one of a near size is there. */
  take(minBytes: number): ArrayBuffer {
    const size = blockSize(minBytes);
    for (let s = size; s <= size + NEAR_STEPS * BLOCK_STEP_BYTES; s += BLOCK_STEP_BYTES) {
      const b = this.free.get(s)?.pop();
      if (b) {
        this.pooled -= s;
        this.reused++;
        return b;
      }
    }
    this.made++;
    return new ArrayBuffer(size);
  }

  /** Takes a block back; anything not made by a pool (detached, odd size) or over the bound is dropped. */
  give(b: ArrayBuffer): void {
    const size = b.byteLength;
    if (size === 0 || size % BLOCK_STEP_BYTES !== 0 || this.pooled + size > this.maxPooledBytes) return;
    let list = this.free.get(size);
    if (!list) this.free.set(size, (list = []));
    list.push(b);
    this.pooled += size;
  }

  get pooledBytes(): number {
    return this.pooled;
  }
}

/**
 * A ByteSink that copies what it is given into pool blocks before `write` returns, so callers may
 * hand it bytes they reuse (file-run.ts then encodes into a reused staging buffer: `copies`).
 * `takeParts` ends the current part: its views each own their block alone, so they can be
 * transferred to another thread and the blocks given back to the pool one by one.
 */
export class BlockSink implements ByteSink {
  readonly copies = true;
  private block: Uint8Array | undefined;
  private used = 0;
  private parts: Uint8Array[] = [];

  constructor(private readonly pool: BlockPool) {}

  write(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return Promise.resolve();
    if (this.block && this.block.length - this.used < bytes.length) this.closeBlock();
    if (!this.block) {
      this.block = new Uint8Array(this.pool.take(bytes.length));
      this.used = 0;
    }
    this.block.set(bytes, this.used);
    this.used += bytes.length;
    return Promise.resolve();
  }

  /** The bytes written since the last call, as views that each own a whole block (never shared with a later part). */
  takeParts(): Uint8Array[] {
    if (this.block) this.closeBlock();
    const parts = this.parts;
    this.parts = [];
    return parts;
  }

  private closeBlock(): void {
    this.parts.push(this.block!.subarray(0, this.used));
    this.block = undefined;
  }
}
