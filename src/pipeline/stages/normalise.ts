/** Normalisation stage: per field class rules (cleanse/normalise.ts); counts live in the normaliser. */
import { CLEANSE_CODES } from '../../cleanse/finding-codes.ts';
import type { Normaliser } from '../../cleanse/normalise.ts';
import { Fate, addFinding, type Stage } from '../work.ts';
import { recordLocation } from '../../readers/record.ts';

export interface NormaliseStageOptions {
  /** Also add an info finding per changed field (default false: counts only). */
  findings?: boolean;
  fields?: ReadonlyArray<{ id: string }>;
}

export function normaliseStage(normaliser: Normaliser, opts: NormaliseStageOptions = {}): Stage {
  return (batch) => {
    for (const rec of batch.records) {
      if (rec.fate !== Fate.Written) continue;
      // never modify the reader's field array in place (the raw record text stays for rejects anyway)
      if (rec.values === rec.src.fields) rec.values = [...rec.values];
      if (!opts.findings) {
        normaliser.normaliseRecord(rec.values);
        continue;
      }
      normaliser.normaliseRecord(rec.values, (i, rules) => {
        addFinding(rec, {
          code: CLEANSE_CODES.NORM_FIELD_CHANGED,
          severity: 'info',
          location: recordLocation(batch.file, rec.src),
          field: opts.fields?.[i]?.id ?? `#${i + 1}`,
          params: { rules: rules.join(', ') },
        });
      });
    }
  };
}
