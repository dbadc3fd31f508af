import { describe, expect, it } from 'vitest';
import { BLOCK_STEP_BYTES, BlockPool, BlockSink } from '../../src/pipeline/output-blocks.ts';

describe('BlockPool', () => {
  it('hands out blocks in steps of BLOCK_STEP_BYTES and takes back the same blocks', () => {
    const pool = new BlockPool();
    const a = pool.take(40_000);
    expect(a.byteLength).toBe(Math.ceil(40_000 / BLOCK_STEP_BYTES) * BLOCK_STEP_BYTES);
    pool.give(a);
    expect(pool.pooledBytes).toBe(a.byteLength);
    // Same size, or a little smaller: the pooled block serves it.
    expect(pool.take(40_000 - BLOCK_STEP_BYTES)).toBe(a);
    expect(pool.pooledBytes).toBe(0);
    expect(pool.made).toBe(1);
    expect(pool.reused).toBe(1);
    // Much smaller: a block that small is made rather than wasting a large one.
    pool.give(a);
    const small = pool.take(100);
    expect(small).not.toBe(a);
    expect(small.byteLength).toBe(BLOCK_STEP_BYTES);
  });

  it('is bounded, and drops what no pool made', () => {
    const pool = new BlockPool(3 * BLOCK_STEP_BYTES);
    const blocks = [pool.take(1), pool.take(1), pool.take(1), pool.take(1)];
    for (const b of blocks) pool.give(b);
    expect(pool.pooledBytes).toBe(3 * BLOCK_STEP_BYTES);
    pool.give(new ArrayBuffer(1000));
    pool.give(new ArrayBuffer(0));
    expect(pool.pooledBytes).toBe(3 * BLOCK_STEP_BYTES);
  });
});

describe('BlockSink', () => {
  it('copies before write returns, packs writes into one block per part, and never shares a block between parts', async () => {
    const pool = new BlockPool();
    const sink = new BlockSink(pool);
    const staging = Buffer.from('abc');
    await sink.write(staging);
    staging.write('xyz');
    await sink.write(staging);
    await sink.write(new Uint8Array(0));
    const first = sink.takeParts();
    expect(first.map((p) => Buffer.from(p).toString())).toEqual(['abcxyz']);
    expect(first[0].byteOffset).toBe(0);
    await sink.write(Buffer.from('next'));
    const second = sink.takeParts();
    expect(second[0].buffer).not.toBe(first[0].buffer);
    expect(Buffer.from(first[0]).toString()).toBe('abcxyz');
    expect(sink.takeParts()).toEqual([]);
  });

  it('a write larger than the room left starts a new block; each view covers only its bytes', async () => {
    const sink = new BlockSink(new BlockPool());
    const big = Buffer.alloc(BLOCK_STEP_BYTES - 10, 'a');
    await sink.write(big);
    await sink.write(Buffer.alloc(20, 'b'));
    await sink.write(Buffer.alloc(3 * BLOCK_STEP_BYTES + 1, 'c'));
    const parts = sink.takeParts();
    expect(parts.map((p) => p.length)).toEqual([BLOCK_STEP_BYTES - 10, 20, 3 * BLOCK_STEP_BYTES + 1]);
    expect(new Set(parts.map((p) => p.buffer)).size).toBe(3);
    expect(Buffer.concat(parts).equals(Buffer.concat([big, Buffer.alloc(20, 'b'), Buffer.alloc(3 * BLOCK_STEP_BYTES + 1, 'c')]))).toBe(true);
  });
});
