/**
 * Exact and keyed deduplication over bounded-memory key indexes (key-index.ts). Records are
 * identified by a caller-given ordinal (uint32, e.g. the position over all input files).
 *
 * Exact: records whose values are identical (after normalisation) → the later copies are
 * duplicates of the first (`duplicateOf` its ordinal).
 * Keyed (layout x-primaryKey; records with an empty key are not key-checked), same key but
 * different content, by policy:
 *   keep-first           the first record stays, later ones are rejected — decidable while
 *                        streaming (one pass; what `chukan convert` uses);
 *   keep-last-by-date    the record with the latest date in `dateField` (YYYYMMDD…; ties: the
 *                        later record) stays; the others are rejected;
 *   reject-all           every record of a conflicting key is rejected.
 * The last two cannot be decided until every record has been seen: `observe` every record in a
 * first pass, then `decide` each in a second pass over the same input in the same order (chukan
 * dedup reads the files twice; the first pass keeps only key → winner indexes, no records).
 */
import { createKeyIndex, type KeyIndex, type KeyIndexOptions } from './key-index.ts';
import { compositeKey } from './fingerprint.ts';

export const KEY_POLICIES = ['keep-first', 'keep-last-by-date', 'reject-all'] as const;
export type KeyPolicy = (typeof KEY_POLICIES)[number];

export interface DedupOptions extends Omit<KeyIndexOptions, 'expectedKeys'> {
  /** Column indexes of the primary key; empty = no key check. */
  keyColumns: readonly number[];
  policy?: KeyPolicy;
  /** Column index of the date for keep-last-by-date. */
  dateColumn?: number;
  /** Drop exact duplicates (default true). */
  exact?: boolean;
}

export type DedupDecision =
  | { fate: 'keep'; conflicted?: boolean }
  | { fate: 'duplicate'; of: number }
  | { fate: 'conflict'; other: number };

export interface Deduper {
  /** True when `observe` must run over all records before `decide` (keep-last-by-date, reject-all). */
  readonly twoPass: boolean;
  observe(values: readonly string[], ordinal: number): void;
  /** Call once per record, in input order (after a complete observe pass when twoPass). */
  decide(values: readonly string[], ordinal: number): DedupDecision;
  close(): void;
}

function dateValue(s: string | undefined): number {
  if (!s) return 0;
  const digits = s.replace(/[^0-9]/g, '').slice(0, 8).padEnd(8, '0');
  const n = Number(digits);
  return Number.isFinite(n) ? n : 0;
}

export function createDeduper(opts: DedupOptions): Deduper {
  const policy = opts.policy ?? 'keep-first';
  const exact = opts.exact ?? true;
  const keyCols = opts.keyColumns;
  const twoPass = policy !== 'keep-first' && keyCols.length > 0;
  if (policy === 'keep-last-by-date' && opts.dateColumn === undefined) throw new RangeError('keep-last-by-date needs a date field');
  // the budget is shared by the indexes open at the same time (at most four)
  const budget = opts.memoryBudgetBytes ?? 1024 * 1024 * 1024;
  const idx = (): KeyIndex => createKeyIndex({ ...opts, memoryBudgetBytes: Math.floor(budget / (twoPass ? 4 : 2)) });
  const parts: string[] = [];
  const keyOf = (values: readonly string[]): string | undefined => {
    parts.length = 0;
    let any = false;
    for (const c of keyCols) {
      const v = values[c] ?? '';
      if (v !== '') any = true;
      parts.push(v);
    }
    return any ? compositeKey(parts) : undefined;
  };
  const contentOf = (values: readonly string[]) => compositeKey(values);

  let observeExact: KeyIndex | undefined;
  let winner: KeyIndex | undefined; // key → ordinal that stays (keep-first: first; keep-last: latest)
  let winnerDate: KeyIndex | undefined;
  let conflicted: KeyIndex | undefined; // keys seen with different content
  let decideExact: KeyIndex | undefined;
  let firstSeen: KeyIndex | undefined; // keep-first while deciding

  return {
    twoPass,
    observe(values, ordinal) {
      if (!twoPass) return;
      if (exact) {
        observeExact ??= idx();
        if (observeExact.add(contentOf(values), ordinal) !== undefined) return;
      }
      const key = keyOf(values);
      if (key === undefined) return;
      winner ??= idx();
      conflicted ??= idx();
      if (policy === 'keep-last-by-date') {
        winnerDate ??= idx();
        const d = dateValue(values[opts.dateColumn!]);
        const prev = winner.get(key);
        if (prev === undefined) {
          winner.set(key, ordinal);
          winnerDate.set(key, d);
          return;
        }
        if (!conflicted.has(key)) conflicted.set(key, ordinal);
        if (d >= (winnerDate.get(key) ?? 0)) {
          winner.set(key, ordinal);
          winnerDate.set(key, d);
        }
      } else if (winner.add(key, ordinal) !== undefined) {
        // remember the first record that conflicts, so the first one can point at it
        conflicted.add(key, ordinal);
      }
    },
    decide(values, ordinal) {
      if (observeExact) {
        // the observe pass is over: its exact index is rebuilt identically below
        observeExact.close();
        observeExact = undefined;
        winnerDate?.close();
        winnerDate = undefined;
      }
      if (exact) {
        decideExact ??= idx();
        const prev = decideExact.add(contentOf(values), ordinal);
        if (prev !== undefined) return { fate: 'duplicate', of: prev };
      }
      const key = keyOf(values);
      if (key === undefined) return { fate: 'keep' };
      if (!twoPass) {
        firstSeen ??= idx();
        const prev = firstSeen.add(key, ordinal);
        return prev === undefined ? { fate: 'keep' } : { fate: 'conflict', other: prev };
      }
      const w = winner?.get(key);
      const second = conflicted?.get(key);
      if (second === undefined) return { fate: 'keep' };
      if (policy === 'reject-all') return { fate: 'conflict', other: w === ordinal ? second : w! };
      return w === ordinal ? { fate: 'keep', conflicted: true } : { fate: 'conflict', other: w! };
    },
    close() {
      for (const i of [observeExact, winner, winnerDate, conflicted, decideExact, firstSeen]) i?.close();
    },
  };
}
