import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createKeyIndex, KeyIndexBudgetError, type KeyIndex } from '../../src/cleanse/key-index.ts';
import { compositeKey, fingerprintHex } from '../../src/cleanse/fingerprint.ts';
import { tempDir } from '../helpers/temp.ts';

const open: KeyIndex[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const i of open.splice(0)) i.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function idx(opts: Parameters<typeof createKeyIndex>[0] = {}): KeyIndex {
  const i = createKeyIndex(opts);
  open.push(i);
  return i;
}
function tmp(): string {
  const d = tempDir('ki-test-');
  dirs.push(d);
  return d;
}

describe('fingerprint128', () => {
  it('differs for strings that differ in one code unit, at every length and position', () => {
    const seen = new Set<string>();
    const base = '住民0123456789abcdefghijＡＢＣ';
    for (let len = 0; len <= base.length; len++) {
      const s = base.slice(0, len);
      seen.add(fingerprintHex(s));
      for (let p = 0; p < len; p++) seen.add(fingerprintHex(s.slice(0, p) + String.fromCharCode(s.charCodeAt(p) ^ 1) + s.slice(p + 1)));
    }
    const expected = 1 + base.length + (base.length * (base.length + 1)) / 2;
    expect(seen.size).toBe(expected);
  });
  it('treats trailing NUL as different from nothing', () => {
    expect(fingerprintHex('a')).not.toBe(fingerprintHex('a\0'));
    expect(fingerprintHex('')).not.toBe(fingerprintHex('\0'));
  });
  it('compositeKey is unambiguous', () => {
    expect(compositeKey(['ab', 'c'])).not.toBe(compositeKey(['a', 'bc']));
    expect(compositeKey(['a\u001f1:', ''])).not.toBe(compositeKey(['a', '1:']));
  });
});

describe('key index in memory', () => {
  it('add returns the existing value, get/has/size agree with a Map (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.nat(1000), fc.boolean()), { maxLength: 300 }), (ops) => {
        const ki = createKeyIndex({ memoryBudgetBytes: 1 << 20 });
        try {
          const m = new Map<string, number>();
          for (const [k, v, overwrite] of ops) {
            const expected = m.get(k);
            const got = overwrite ? ki.set(k, v) : ki.add(k, v);
            expect(got).toBe(expected);
            if (overwrite || expected === undefined) m.set(k, v);
          }
          expect(ki.size).toBe(m.size);
          for (const [k, v] of m) expect(ki.get(k)).toBe(v);
          expect(ki.get('\u0000never')).toBeUndefined();
        } finally {
          ki.close();
        }
      }),
      { numRuns: 200 },
    );
  });
  it('grows through many doublings and keeps every key', () => {
    const ki = idx();
    const n = 200_000;
    let wrong = 0;
    for (let i = 0; i < n; i++) if (ki.add('K' + i, i) !== undefined) wrong++;
    expect(wrong).toBe(0);
    expect(ki.size).toBe(n);
    for (let i = 0; i < n; i += 7) if (ki.add('K' + i, 0) !== i) wrong++;
    expect(wrong).toBe(0);
    expect(ki.get('K' + n)).toBeUndefined();
    expect(ki.stats().runs).toBe(0);
    expect(ki.bytesUsed).toBeLessThanOrEqual(1 << 30);
  });
  it('rejects values that do not fit a uint32', () => {
    const ki = idx();
    expect(() => ki.add('a', -1)).toThrow(RangeError);
    expect(() => ki.add('a', 2 ** 32)).toThrow(RangeError);
    expect(() => ki.add('a', 1.5)).toThrow(RangeError);
    expect(ki.add('a', 2 ** 32 - 1)).toBeUndefined();
    expect(ki.get('a')).toBe(2 ** 32 - 1);
  });
});

describe('key index past its budget', () => {
  it('spills to run files, stays exact, respects the budget, and removes its files on close', () => {
    const dir = tmp();
    const budget = 256 * 1024;
    const ki = createKeyIndex({ memoryBudgetBytes: budget, tmpDir: dir });
    const n = 60_000;
    let maxBytes = 0;
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      if (ki.add('住所' + i, i + 1) !== undefined) wrong++;
      maxBytes = Math.max(maxBytes, ki.bytesUsed);
    }
    expect(wrong).toBe(0);
    const st = ki.stats();
    expect(st.runs).toBeGreaterThan(3);
    expect(st.spilledEntries + st.memoryEntries).toBe(n);
    expect(maxBytes).toBeLessThanOrEqual(budget);
    expect(ki.size).toBe(n);
    for (let i = 0; i < n; i++) if (ki.add('住所' + i, 0) !== i + 1) wrong++;
    for (let i = n; i < n + 5000; i++) if (ki.get('住所' + i) !== undefined) wrong++;
    expect(wrong).toBe(0);
    // set over a spilled key shadows it without changing size
    expect(ki.set('住所5', 99)).toBe(6);
    expect(ki.get('住所5')).toBe(99);
    expect(ki.size).toBe(n);
    const sub = readdirSync(dir);
    expect(sub.length).toBe(1);
    const runFiles = readdirSync(join(dir, sub[0]));
    expect(runFiles.length).toBe(st.runs);
    expect(statSync(join(dir, sub[0], runFiles[0])).mode & 0o777).toBe(0o600);
    ki.close();
    expect(existsSync(join(dir, sub[0]))).toBe(false);
  });
  it("with overBudget: 'error' fails with E_DEDUP_INDEX_BUDGET instead of spilling", () => {
    const ki = idx({ memoryBudgetBytes: 64 * 1024, overBudget: 'error' });
    let err: unknown;
    try {
      for (let i = 0; i < 100_000; i++) ki.add('k' + i, i);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KeyIndexBudgetError);
    expect((err as KeyIndexBudgetError).code).toBe('E_DEDUP_INDEX_BUDGET');
    expect((err as Error).message).toMatch(/--index-memory/);
  });
  it('fails clearly when even the Bloom filters outgrow the budget', () => {
    const ki = idx({ memoryBudgetBytes: 24 * 1024, tmpDir: tmp() });
    expect(() => {
      for (let i = 0; i < 2_000_000; i++) ki.add('k' + i, i);
    }).toThrow(KeyIndexBudgetError);
  });
});
