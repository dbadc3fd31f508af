import { InvariantError } from '../core/errors.ts';

/** Counts for one input file. The invariant read = written + rejected + duplicates is checked at the end. */
export interface FileStats {
  file: string;
  bytes: number;
  /** Data records read (a header row is not counted). */
  read: number;
  written: number;
  rejected: number;
  duplicates: number;
  /** Findings by code, true totals (never capped). */
  findings: Record<string, number>;
  /** Characters in the Unicode private use areas (外字) seen in the input. */
  pua: number;
  headerRead: boolean;
}

export function newFileStats(file: string): FileStats {
  return { file, bytes: 0, read: 0, written: 0, rejected: 0, duplicates: 0, findings: {}, pua: 0, headerRead: false };
}

export function reconciles(s: FileStats): boolean {
  return s.read === s.written + s.rejected + s.duplicates;
}

export function assertReconciled(s: FileStats): void {
  if (!reconciles(s)) {
    throw new InvariantError(
      `${s.file}: counts do not reconcile: read ${s.read} ≠ written ${s.written} + rejected ${s.rejected} + duplicates ${s.duplicates}`,
    );
  }
}
