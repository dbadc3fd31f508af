/**
 * 外字 stage: runs the resolver over every field of every live record. Error-level issues
 * (unmapped under `reject`, not writable in the output charset) reject the record.
 *
 * With `valuesFromSourceText`, the caller promises that a value's private-use characters can only
 * come from its record's source text (no mapping literal holds one; normalisation never makes
 * one). When the resolver acts on PUA characters only, the stage then finds the PUA candidates in
 * the batch text once and resolves only the records that hold one — 外字 are rare, so most
 * records (and most batches) are passed over without looking at a single value.
 */
import type { FieldIssue } from '../../core/finding.ts';
import type { GaijiResolver } from '../../cleanse/gaiji-resolve.ts';
import { indexOfPuaCandidate } from '../../encoding/index.ts';
import { Fate, addFinding, type Stage, type WorkBatch, type WorkRecord } from '../work.ts';
import { fieldIssueFinding } from './field-finding.ts';

export function gaijiStage(resolver: GaijiResolver, fields: ReadonlyArray<{ id: string }>, opts: { valuesFromSourceText?: boolean } = {}): Stage {
  const issues: FieldIssue[] = [];
  const bySourceText = opts.valuesFromSourceText === true && resolver.onlyPua;
  const resolveRecord = (batch: WorkBatch, rec: WorkRecord) => {
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
  };
  return (batch) => {
    if (!bySourceText) {
      for (const rec of batch.records) if (rec.fate === Fate.Written) resolveRecord(batch, rec);
      return;
    }
    const text = batch.text;
    let at = batch.firstPuaCandidate;
    for (const rec of batch.records) {
      if (at < 0) return;
      if (at < rec.src.textStart) at = indexOfPuaCandidate(text, rec.src.textStart);
      if (at < 0 || at >= rec.src.textEnd) continue;
      if (rec.fate === Fate.Written) resolveRecord(batch, rec);
    }
  };
}
