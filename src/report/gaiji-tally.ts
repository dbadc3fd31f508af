import type { Finding } from '../core/finding.ts';

/**
 * Per 外字 code point, how often each outcome happened (resolved, substituted, rejected, kept…),
 * tallied from the GAIJI_* findings themselves — so the counts are the same whether a file ran in
 * one thread or in range workers.
 */
export class GaijiTally {
  private readonly byCodePoint = new Map<string, Record<string, number>>();

  add(f: Finding): void {
    if (!f.code.startsWith('GAIJI_')) return;
    const cp = f.params?.codePoint;
    if (typeof cp !== 'string') return;
    const outcomes = this.byCodePoint.get(cp) ?? {};
    outcomes[f.code] = (outcomes[f.code] ?? 0) + 1;
    this.byCodePoint.set(cp, outcomes);
  }

  toJSON(): { codePoint: string; outcomes: Record<string, number> }[] {
    return [...this.byCodePoint.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([codePoint, outcomes]) => ({ codePoint, outcomes }));
  }
}
