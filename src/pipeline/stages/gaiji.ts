/**
 * 外字 stage: runs the resolver over every field of every live record. Error-level issues
 * (unmapped under `reject`, not writable in the output charset) reject the record.
 */
import type { FieldIssue } from '../../core/finding.ts';
import type { GaijiResolver } from '../../cleanse/gaiji-resolve.ts';
import { Fate, addFinding, type Stage } from '../work.ts';
import { fieldIssueFinding } from './field-finding.ts';

export function gaijiStage(resolver: GaijiResolver, fields: ReadonlyArray<{ id: string }>): Stage {
  const issues: FieldIssue[] = [];
  return (batch) => {
    for (const rec of batch.records) {
      if (rec.fate !== Fate.Written) continue;
      const values = rec.values;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === '') continue;
        if (issues.length !== 0) issues.length = 0;
        const next = resolver.resolve(v, fields[i]?.id ?? `#${i + 1}`, issues);
        if (next !== v) {
          if (values === rec.src.fields) rec.values = [...values];
          rec.values[i] = next;
        }
        for (const issue of issues) addFinding(rec, fieldIssueFinding(batch.file, rec, issue));
      }
    }
  };
}
