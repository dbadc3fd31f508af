/**
 * Findings are how chukan talks about bad data. A stage never throws for bad data: it returns
 * findings. Modelled on zod v4 issues: a union keyed by a stable `code`, with a location and
 * parameters; human messages (ja/en) are rendered at display time from the code catalog, so the
 * hot path never builds strings it may not need.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Where in the original input a finding points. Every field is optional beyond `file`. */
export interface Location {
  /** Input file path as given by the user (never resolved to an absolute path in reports). */
  file: string;
  /** 1-based record number in the file, counting every physical record the reader produced (header included). */
  record?: number;
  /** 1-based physical line where the record starts. */
  line?: number;
  /** 0-based byte offset in the file where the record (or the offending bytes) start. */
  offset?: number;
}

export type FindingParams = Record<string, string | number | boolean | undefined>;

export interface Finding {
  /** Stable code, e.g. `ENC_INVALID_BYTES`. Documented in README "Finding codes". */
  code: string;
  severity: Severity;
  location: Location;
  /** Target field id (layout property name) or source column, when the finding is about one field. */
  field?: string;
  /** Values for the message template. Never holds personal field values unmasked. */
  params?: FindingParams;
  /** Masked sample of the offending value (see core/mask.ts). */
  sample?: string;
}

/**
 * What a stage to the left of the pipeline (layouts, mapping, cleanse) reports about one field of
 * one record: the pipeline adds location and severity and masks `sampleValue` before it goes anywhere.
 */
export interface FieldIssue<Code extends string = string> {
  code: Code;
  field?: string;
  params?: FindingParams;
  /** Raw offending value; never written anywhere unmasked. */
  sampleValue?: string;
}

export interface FindingCodeSpec {
  severity: Severity;
  /** Short description for the README / report legend. */
  title: { ja: string; en: string };
  ja: (p: FindingParams) => string;
  en: (p: FindingParams) => string;
}

const registry = new Map<string, FindingCodeSpec>();

/**
 * Each module declares its codes in its own `finding-codes.ts` through this function; the table is
 * returned typed so producers can only use declared codes, and registered for rendering.
 */
export function defineFindingCodes<const T extends Record<string, FindingCodeSpec>>(table: T): { [K in keyof T]: K } {
  const keys = {} as { [K in keyof T]: K };
  for (const [code, spec] of Object.entries(table)) {
    const existing = registry.get(code);
    if (existing && existing !== spec) throw new Error(`finding code ${code} declared twice`);
    registry.set(code, spec);
    (keys as Record<string, string>)[code] = code;
  }
  return keys;
}

export function findingSpec(code: string): FindingCodeSpec | undefined {
  return registry.get(code);
}

export function allFindingCodes(): ReadonlyMap<string, FindingCodeSpec> {
  return registry;
}

export type Lang = 'ja' | 'en';

export function renderFinding(f: Finding, lang: Lang = 'ja'): string {
  const spec = registry.get(f.code);
  if (!spec) return f.code;
  return spec[lang](f.params ?? {});
}

/** One-line human form used on stderr: `file:record(line, byte N) field: message [CODE]`. */
export function formatFindingLine(f: Finding, lang: Lang = 'en'): string {
  const loc = f.location;
  const where = [loc.file];
  if (loc.record !== undefined) where.push(`record ${loc.record}`);
  if (loc.line !== undefined) where.push(`line ${loc.line}`);
  if (loc.offset !== undefined) where.push(`byte ${loc.offset}`);
  const field = f.field ? ` field ${f.field}:` : '';
  return `${where.join(', ')}:${field} ${renderFinding(f, lang)} [${f.code}]`;
}
