import type { Finding } from '../core/finding.ts';
import type { SourceRecord } from '../readers/record.ts';

/** What happened to a record; every record read ends in exactly one of these. */
export const enum Fate {
  Written = 0,
  Rejected = 1,
  Duplicate = 2,
}

/** One record on its way through the stages. `values` are in the target layout's column order. */
export interface WorkRecord {
  src: SourceRecord;
  values: string[];
  findings: Finding[] | undefined;
  fate: Fate;
  /** For duplicates: record number of the record that was kept. */
  duplicateOf?: number;
}

export interface WorkBatch {
  /** Input file as the user named it (locations use it). */
  file: string;
  /** Decoded text the records' textStart/textEnd point into (for rejects). */
  text: string;
  /** Index in `text` of its first PUA candidate (encoding/pua.ts indexOfPuaCandidate), −1 for none. */
  firstPuaCandidate: number;
  records: WorkRecord[];
}

/** A stage is synchronous and never throws for bad data: it adds findings and may set `fate`. */
export type Stage = (batch: WorkBatch) => void;

export function addFinding(rec: WorkRecord, f: Finding): void {
  (rec.findings ??= []).push(f);
  if (f.severity === 'error' && rec.fate === Fate.Written) rec.fate = Fate.Rejected;
}
