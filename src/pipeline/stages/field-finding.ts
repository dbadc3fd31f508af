import { findingSpec, type Finding, type FieldIssue } from '../../core/finding.ts';
import { maskValue } from '../../core/mask.ts';
import type { WorkRecord } from '../work.ts';
import { recordLocation } from '../../readers/record.ts';

/** A cleanse FieldIssue as a located Finding (severity from the code registry, sample masked). */
export function fieldIssueFinding(file: string, rec: WorkRecord, issue: FieldIssue): Finding {
  const f: Finding = {
    code: issue.code,
    severity: findingSpec(issue.code)?.severity ?? 'error',
    location: recordLocation(file, rec.src),
  };
  if (issue.field !== undefined) f.field = issue.field;
  if (issue.params !== undefined) f.params = issue.params;
  if (issue.sampleValue !== undefined) f.sample = maskValue(issue.sampleValue);
  return f;
}
