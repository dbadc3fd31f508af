/**
 * Streaming dedup stage (after validation): exact duplicates → Fate.Duplicate with duplicateOf;
 * same primary key with different content → DEDUP_KEY_CONFLICT (keep-first, the only policy that
 * can be decided while streaming; the others need `chukan dedup`'s second pass).
 * Ordinals: `ordinalBase + record number`, so one deduper can span several files of a job
 * (give each file a base past the previous file's last record).
 */
import { CLEANSE_CODES as C } from '../../cleanse/finding-codes.ts';
import type { Deduper } from '../../cleanse/dedup.ts';
import { Fate, addFinding, type Stage } from '../work.ts';
import { recordLocation } from '../../readers/record.ts';

export interface DedupStageOptions {
  ordinalBase?: number;
  /** File and record of an ordinal (for messages and the duplicates list). */
  locate: (ordinal: number) => { file: string; record: number };
  /** Primary key field ids, shown in conflict findings. */
  keyFields: readonly string[];
  /** Receives every dropped duplicate (for the duplicates file). */
  onDuplicate?: (dup: { file: string; record: number; line: number; keptFile: string; keptRecord: number }) => void;
}

export function dedupStage(deduper: Deduper, opts: DedupStageOptions): Stage {
  if (deduper.twoPass) throw new RangeError('this key policy needs two passes: use chukan dedup (or keep-first while converting)');
  const base = opts.ordinalBase ?? 0;
  return (batch) => {
    for (const rec of batch.records) {
      if (rec.fate !== Fate.Written) continue;
      const d = deduper.decide(rec.values, base + rec.src.record);
      if (d.fate === 'keep') continue;
      const location = recordLocation(batch.file, rec.src);
      if (d.fate === 'duplicate') {
        const kept = opts.locate(d.of);
        rec.fate = Fate.Duplicate;
        rec.duplicateOf = kept.record;
        addFinding(rec, { code: C.DEDUP_EXACT_DUPLICATE, severity: 'info', location, params: { keptFile: kept.file, keptRecord: kept.record } });
        opts.onDuplicate?.({ file: batch.file, record: rec.src.record, line: rec.src.line, keptFile: kept.file, keptRecord: kept.record });
      } else {
        const other = opts.locate(d.other);
        addFinding(rec, {
          code: C.DEDUP_KEY_CONFLICT,
          severity: 'error',
          location,
          params: { key: opts.keyFields.join('+'), otherFile: other.file, otherRecord: other.record, policy: 'keep-first' },
        });
      }
    }
  };
}
