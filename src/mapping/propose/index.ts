/**
 * `chukan mapping init`: a mapping proposed from a layout and a sample of the vendor's export.
 * The sample's dialect comes from the readers' sniffers (charset, delimiter, quote, line ends,
 * header row), its columns are profiled (profile.ts) and matched to layout items (match.ts), each
 * match gets its transforms (plan.ts), and emit.ts writes the YAML with every decision's reason
 * beside it and every unmapped item as a TODO.
 */
import type { CompiledLayout, FieldDef } from '../../layouts/index.ts';
import { sniffCsvDialect, type CsvDialect, type DialectChoice } from '../../readers/csv-dialect.ts';
import { matchColumns, nameMatch, type FieldMatch } from './match.ts';
import { planField, type FieldPlan } from './plan.ts';
import { profileColumns, type ColumnProfile } from './profile.ts';
import { shippedSynonyms, type SynonymTable } from './synonyms.ts';

export { emitMapping } from './emit.ts';
export { foldName, editDistance } from './fold.ts';
export { shippedSynonyms, parseSynonyms, SYNONYMS_FILE, type SynonymTable } from './synonyms.ts';
export type { FieldMatch, Confidence } from './match.ts';
export type { FieldPlan, CodeSkeleton, Step } from './plan.ts';
export type { ColumnProfile } from './profile.ts';

export interface ProposeInput {
  layout: CompiledLayout;
  /** The sample's first bytes. */
  sample: Uint8Array;
  /** The bytes are the whole file. */
  wholeFile: boolean;
  /** The sample file as the user named it (shown in comments). */
  sampleName: string;
  /** Charset to use instead of guessing. */
  charset?: string;
  /** Header row present or not, instead of deciding. */
  header?: boolean;
  synonyms?: SynonymTable;
  maxRecords?: number;
}

export interface ProposedField extends FieldMatch {
  plan: FieldPlan;
}

export interface Proposal {
  layout: CompiledLayout;
  sampleName: string;
  dialect: Omit<CsvDialect, 'records' | 'header'>;
  header: DialectChoice<boolean>;
  /** Data records profiled (a header row not counted). */
  records: number;
  columns: ColumnProfile[];
  fields: ProposedField[];
  /** Layout items left as TODO, in layout order. */
  unmapped: FieldDef[];
  /** Sample columns no item takes. */
  unusedColumns: ColumnProfile[];
}

export function proposeMapping(input: ProposeInput): Proposal {
  const synonyms = input.synonyms ?? shippedSynonyms();
  const { records, header: fromData, ...dialect } = sniffCsvDialect(input.sample, input.wholeFile, { charset: input.charset, maxRecords: input.maxRecords });
  const header = input.header !== undefined
    ? { value: input.header, reason: `as given (--${input.header ? '' : 'no-'}header)` }
    : decideHeader(input.layout, records[0] ?? [], fromData, synonyms);
  const data = header.value ? records.slice(1) : records;
  const columns = profileColumns(data, header.value ? records[0] : undefined, dialect.columns);
  const matches = matchColumns(input.layout, columns, synonyms);
  const fields = matches.map((m) => ({ ...m, plan: planField(input.layout, m) }));
  const mapped = new Set(fields.map((f) => f.field.id));
  const used = new Set(fields.map((f) => f.column.index));
  return {
    layout: input.layout,
    sampleName: input.sampleName,
    dialect,
    header,
    records: data.length,
    columns,
    fields,
    unmapped: input.layout.fields.filter((f) => !mapped.has(f.id)),
    unusedColumns: columns.filter((c) => !used.has(c.index)),
  };
}

/**
 * A first record whose cells name layout items is a header row, whatever the data says; with no
 * such cell the data decides (csv-dialect.ts headerFromData).
 */
function decideHeader(layout: CompiledLayout, first: readonly string[], fromData: DialectChoice<boolean>, synonyms: SynonymTable): DialectChoice<boolean> {
  const naming = first.filter((cell) => layout.fields.some((f) => {
    const m = nameMatch(cell, f, synonyms);
    return m !== undefined && m.kind !== 'partial' && m.kind !== 'near';
  }));
  if (naming.length >= 2 || (naming.length >= 1 && first.length <= 3)) {
    return { value: true, reason: `${naming.length} of the first record's ${first.length} cells name layout items (${naming.slice(0, 4).join(', ')}${naming.length > 4 ? ', …' : ''})` };
  }
  return { value: fromData.value, reason: `${fromData.reason}; no cell of it names a layout item` };
}
