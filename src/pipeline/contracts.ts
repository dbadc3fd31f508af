/**
 * The shapes the pipeline needs from the stages to its left, stated structurally so the pipeline
 * depends on behaviour, not on a module's internals (layouts and mapping satisfy these).
 */

/** An issue a stage raises about one field; the pipeline adds location, severity and masking. */
export interface FieldIssue {
  code: string;
  field?: string;
  params?: Record<string, string | number | boolean | undefined>;
  /** Raw offending value: the pipeline masks it before it goes anywhere. */
  sampleValue?: string;
}

/** Maps source fields into target values in layout column order. */
export interface RecordMapper {
  apply(sourceFields: string[], out: string[], issues: FieldIssue[]): boolean;
}

/** Validates target values (layout column order). Returns true when no issue was added. */
export interface RecordValidator {
  readonly id: string;
  readonly fields: ReadonlyArray<{ id: string; title: string; personal?: unknown }>;
  validateRecord(values: string[], out: FieldIssue[]): boolean;
}
