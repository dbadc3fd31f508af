/**
 * The shapes the pipeline needs from the stages to its left, stated structurally so the pipeline
 * depends on behaviour, not on a module's internals (layouts and mapping satisfy these).
 */
import type { FieldIssue } from '../core/finding.ts';

export type { FieldIssue };

/** Maps source fields into target values in layout column order. */
export interface RecordMapper {
  apply(sourceFields: string[], out: string[], issues: FieldIssue[]): boolean;
}

/** Validates target values (layout column order). Returns true when no issue was added. */
export interface RecordValidator {
  readonly id: string;
  readonly fields: ReadonlyArray<{ id: string; title: string; personal?: unknown; identifier?: unknown }>;
  validateRecord(values: string[], out: FieldIssue[]): boolean;
  /** Per column: a value that passed validateRecord holds no quote, comma, CR or LF (lets the writer skip testing it). */
  readonly csvPlain?: readonly boolean[];
}
