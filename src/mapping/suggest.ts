import { editDistance, foldName } from './propose/fold.ts';

/**
 * The candidate a mistyped column name most likely meant: the one equal after width/kana/space
 * folding (`セタイヌシカナ` → `ｾﾀｲﾇｼ ｶﾅ`), else the nearest by edit distance after folding, if it is
 * near enough (about one edit per four characters).
 */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  const f = foldName(name);
  if (f === '') return undefined;
  const same = candidates.find((c) => foldName(c) === f);
  if (same !== undefined) return same;
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(Array.from(f).length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(f, foldName(c));
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** ` (did you mean "X"?)`, or nothing. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const s = suggestName(name, candidates);
  return s === undefined ? '' : ` (did you mean "${s}"?)`;
}
