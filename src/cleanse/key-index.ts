/**
 * Bounded-memory key → record-number index for millions of keys (dedup, primary and foreign keys).
 *
 * Keys are never stored: each key is reduced to a 128-bit fingerprint (see fingerprint.ts for the
 * collision bound: ~3·10^-23 at 10^8 keys), kept in one open-addressing table of 5 uint32 words a
 * slot (4 fingerprint words + a uint32 value), linear probing, load ≤ 0.75. 20 bytes a slot, so
 * 10 million keys take a 2^24-slot table = 320 MiB (plus the old table while it doubles).
 *
 * Past the memory budget the index spills, LSM-style, and stays synchronous:
 *   - when the table is full and doubling it would exceed the budget, the whole table is written
 *     as-is to a run file in `tmpDir` (a hash table on disk: a lookup is one positioned read of a
 *     small block at the key's home slot), and a Bloom filter of the run (~16 bits a key, about
 *     0.1% false positives) stays in memory; the table is cleared and filling continues;
 *   - a lookup checks the table, then the runs newest first; a run is read only when its Bloom
 *     filter says the key may be there, so absent keys (the common case) cost no I/O.
 * Memory then grows by ~2 bytes a spilled key (the Bloom filters). When even the filters no
 * longer fit in the budget, `add` throws KeyIndexBudgetError (E_DEDUP_INDEX_BUDGET) telling the
 * user how to raise it; nothing is silently dropped.
 *
 * Run files hold only fingerprints and record numbers (no field values), are created 0600 in a
 * private mkdtemp directory and removed by close().
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChukanError } from '../core/errors.ts';
import { fingerprint128 } from './fingerprint.ts';

export const DEFAULT_KEY_INDEX_BUDGET = 1024 * 1024 * 1024;

export class KeyIndexBudgetError extends ChukanError {
  override readonly code = 'E_DEDUP_INDEX_BUDGET';
  constructor(readonly budgetBytes: number, readonly keys: number) {
    super(
      `the key index needs more than its memory budget of ${budgetBytes >= 1048576 ? `${Math.round(budgetBytes / 1048576)} MiB` : `${budgetBytes} bytes`} ` +
        `after ${keys} keys; raise it with --index-memory <MiB> (or memoryBudgetBytes) or split the input`,
    );
  }
}

export interface KeyIndexOptions {
  /** Bytes the index may use in memory (table + Bloom filters). Default 1 GiB. */
  memoryBudgetBytes?: number;
  /** Where run files go when the index spills. Default os.tmpdir(). */
  tmpDir?: string;
  /** Size the table for this many keys up front (avoids rehashing). */
  expectedKeys?: number;
  /** 'spill' (default) writes runs to disk past the budget; 'error' throws KeyIndexBudgetError instead. */
  overBudget?: 'spill' | 'error';
}

export interface KeyIndexStats {
  size: number;
  memoryEntries: number;
  tableSlots: number;
  runs: number;
  spilledEntries: number;
  bytesUsed: number;
  diskBytes: number;
}

export interface KeyIndex {
  /** Adds key → value unless the key is present; returns the existing value if it was. */
  add(key: string, value: number): number | undefined;
  /** Sets key → value (overwriting); returns the previous value if any. */
  set(key: string, value: number): number | undefined;
  get(key: string): number | undefined;
  has(key: string): boolean;
  /** Distinct keys. */
  readonly size: number;
  /** Bytes held in memory by the index's own arrays. */
  readonly bytesUsed: number;
  stats(): KeyIndexStats;
  /** Frees memory and deletes run files. Always call it (try/finally). */
  close(): void;
}

const WORDS = 5;
const SLOT_BYTES = WORDS * 4;
const MAX_LOAD = 0.75;
const MIN_SLOTS = 1 << 10;
/** Node's largest typed array is 2^32 bytes; keep under it. */
const MAX_SLOTS = 1 << 27;
const BLOOM_BITS_PER_KEY = 16;
const BLOOM_HASHES = 8;
/** Slots read per positioned read from a run (640 bytes). */
const READ_SLOTS = 32;

interface Run {
  path: string;
  fd: number;
  mask: number;
  slots: number;
  entries: number;
  bloom: Uint32Array;
  bloomMask: number;
}

function pow2AtLeast(n: number): number {
  let p = MIN_SLOTS;
  while (p < n && p < MAX_SLOTS) p *= 2;
  return p;
}

export function createKeyIndex(options: KeyIndexOptions = {}): KeyIndex {
  const budget = options.memoryBudgetBytes ?? DEFAULT_KEY_INDEX_BUDGET;
  const overBudget = options.overBudget ?? 'spill';
  if (!(budget >= MIN_SLOTS * SLOT_BYTES)) {
    throw new KeyIndexBudgetError(budget, 0);
  }
  let cap = pow2AtLeast(Math.ceil((options.expectedKeys ?? 0) / MAX_LOAD));
  while (cap > MIN_SLOTS && cap * SLOT_BYTES > budget) cap /= 2;
  let mask = cap - 1;
  let table = new Uint32Array(cap * WORDS);
  let memCount = 0;
  let size = 0;
  let bloomBytes = 0;
  let diskBytes = 0;
  let spilledEntries = 0;
  const runs: Run[] = [];
  let dir: string | undefined;
  let closed = false;
  const fp = new Uint32Array(4);
  const readBuf = Buffer.allocUnsafeSlow(READ_SLOTS * SLOT_BYTES);
  const readWords = new Uint32Array(readBuf.buffer, readBuf.byteOffset, READ_SLOTS * WORDS);

  /** Slot index of fp in the table, or -1 - (first empty slot) when absent. */
  function findInTable(): number {
    const a = fp[0], b = fp[1], c = fp[2], d = fp[3];
    let i = b & mask;
    for (;;) {
      const o = i * WORDS;
      const w0 = table[o];
      if (w0 === 0) return -1 - i;
      if (w0 === a && table[o + 1] === b && table[o + 2] === c && table[o + 3] === d) return i;
      i = (i + 1) & mask;
    }
  }

  function bloomMayHave(run: Run): boolean {
    const h1 = fp[2];
    const h2 = fp[3] | 1;
    for (let k = 0; k < BLOOM_HASHES; k++) {
      const bit = (h1 + Math.imul(k, h2)) & run.bloomMask;
      if ((run.bloom[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  function findInRun(run: Run): number | undefined {
    if (!bloomMayHave(run)) return undefined;
    const a = fp[0], b = fp[1], c = fp[2], d = fp[3];
    let slot = b & run.mask;
    for (let scanned = 0; scanned < run.slots; ) {
      const n = Math.min(READ_SLOTS, run.slots - slot);
      readSync(run.fd, readBuf, 0, n * SLOT_BYTES, slot * SLOT_BYTES);
      for (let j = 0; j < n; j++) {
        const o = j * WORDS;
        const w0 = readWords[o];
        if (w0 === 0) return undefined;
        if (w0 === a && readWords[o + 1] === b && readWords[o + 2] === c && readWords[o + 3] === d) return readWords[o + 4];
      }
      scanned += n;
      slot = (slot + n) & run.mask;
    }
    return undefined;
  }

  function findInRuns(): number | undefined {
    for (let r = runs.length - 1; r >= 0; r--) {
      const v = findInRun(runs[r]);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  function insertAt(emptySlot: number, value: number): void {
    const o = emptySlot * WORDS;
    table[o] = fp[0];
    table[o + 1] = fp[1];
    table[o + 2] = fp[2];
    table[o + 3] = fp[3];
    table[o + 4] = value;
    memCount++;
  }

  function grow(newCap: number): void {
    const old = table;
    const oldCap = cap;
    cap = newCap;
    mask = cap - 1;
    table = new Uint32Array(cap * WORDS);
    for (let i = 0; i < oldCap; i++) {
      const o = i * WORDS;
      if (old[o] === 0) continue;
      let j = old[o + 1] & mask;
      while (table[j * WORDS] !== 0) j = (j + 1) & mask;
      const n = j * WORDS;
      table[n] = old[o];
      table[n + 1] = old[o + 1];
      table[n + 2] = old[o + 2];
      table[n + 3] = old[o + 3];
      table[n + 4] = old[o + 4];
    }
  }

  function spill(): void {
    let bloomBitsLog = 5;
    while (2 ** bloomBitsLog < memCount * BLOOM_BITS_PER_KEY) bloomBitsLog++;
    const bloomBits = 2 ** bloomBitsLog;
    if (MIN_SLOTS * SLOT_BYTES + bloomBytes + bloomBits / 8 > budget) throw new KeyIndexBudgetError(budget, size);
    dir ??= mkdtempSync(join(options.tmpDir ?? tmpdir(), 'chukan-keyindex-'));
    const path = join(dir, `run-${runs.length}.bin`);
    const fd = openSync(path, 'w+', 0o600);
    const bytes = Buffer.from(table.buffer, table.byteOffset, table.byteLength);
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, Math.min(bytes.length - off, 1 << 26), off);
    const bloom = new Uint32Array(bloomBits / 32);
    const bloomMask = bloomBits - 1;
    for (let i = 0; i < cap; i++) {
      const o = i * WORDS;
      if (table[o] === 0) continue;
      const h1 = table[o + 2];
      const h2 = table[o + 3] | 1;
      for (let k = 0; k < BLOOM_HASHES; k++) {
        const bit = (h1 + Math.imul(k, h2)) & bloomMask;
        bloom[bit >>> 5] |= 1 << (bit & 31);
      }
    }
    runs.push({ path, fd, mask, slots: cap, entries: memCount, bloom, bloomMask });
    bloomBytes += bloom.byteLength;
    diskBytes += table.byteLength;
    spilledEntries += memCount;
    memCount = 0;
    // The filters take budget from the table: shrink it (it is empty now) so both fit.
    let newCap = cap;
    while (newCap > MIN_SLOTS && newCap * SLOT_BYTES + bloomBytes > budget) newCap /= 2;
    if (newCap !== cap) {
      cap = newCap;
      mask = cap - 1;
      table = new Uint32Array(cap * WORDS);
    } else {
      table.fill(0);
    }
  }

  /** Makes room for one more in-memory entry: grow within budget, else spill (or fail). */
  function ensureRoom(): void {
    if (memCount + 1 <= cap * MAX_LOAD) return;
    const newCap = cap * 2;
    if (newCap <= MAX_SLOTS && table.byteLength + newCap * SLOT_BYTES + bloomBytes <= budget) {
      grow(newCap);
      return;
    }
    if (overBudget === 'error') throw new KeyIndexBudgetError(budget, size);
    spill();
  }

  function checkValue(value: number): void {
    if (!(value >= 0 && value <= 0xffffffff && Number.isInteger(value))) {
      throw new RangeError(`key index values are unsigned 32-bit integers, got ${value}`);
    }
  }

  function put(key: string, value: number, overwrite: boolean): number | undefined {
    if (closed) throw new Error('key index is closed');
    checkValue(value);
    fingerprint128(key, fp);
    let slot = findInTable();
    if (slot >= 0) {
      const prev = table[slot * WORDS + 4];
      if (overwrite) table[slot * WORDS + 4] = value;
      return prev;
    }
    const prev = runs.length > 0 ? findInRuns() : undefined;
    if (prev !== undefined && !overwrite) return prev;
    if (memCount + 1 > cap * MAX_LOAD) {
      ensureRoom();
      slot = findInTable(); // table changed: find the empty slot again
    }
    insertAt(-1 - slot, value);
    if (prev === undefined) size++;
    return prev;
  }

  function lookup(key: string): number | undefined {
    if (closed) throw new Error('key index is closed');
    fingerprint128(key, fp);
    const slot = findInTable();
    if (slot >= 0) return table[slot * WORDS + 4];
    return runs.length > 0 ? findInRuns() : undefined;
  }

  return {
    add: (key, value) => put(key, value, false),
    set: (key, value) => put(key, value, true),
    get: lookup,
    has: (key) => lookup(key) !== undefined,
    get size() {
      return size;
    },
    get bytesUsed() {
      return table.byteLength + bloomBytes;
    },
    stats: () => ({
      size,
      memoryEntries: memCount,
      tableSlots: cap,
      runs: runs.length,
      spilledEntries,
      bytesUsed: table.byteLength + bloomBytes,
      diskBytes,
    }),
    close() {
      if (closed) return;
      closed = true;
      for (const r of runs) {
        try {
          closeSync(r.fd);
        } catch {
          /* already closed */
        }
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
      table = new Uint32Array(0);
      runs.length = 0;
    },
  };
}
