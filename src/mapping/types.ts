import type { CompiledLayout as CompiledFixedLayout } from '../readers/fixed/index.ts';
import type { CombineTransform, ValueTransform } from './transforms/types.ts';

/** CSV input. A later issue adds `format: 'fixed'` (byte offsets) as another member of SourceSpec. */
export interface CsvSourceSpec {
  format: 'csv';
  /** Charset name for getCharset (default cp932). */
  charset: string;
  /** First record is a header row (default true). */
  header: boolean;
  /** One ASCII character (default `,`). */
  delimiter: string;
  /** One ASCII character (default `"`). */
  quote: string;
  /** Column names in order, for files without a header row (optional with a header: then checked against it). */
  columns?: string[];
}

/**
 * Fixed-length input (docs/FIXED.md): the byte layout lives in its own file (`layout:`) or inline
 * (the keys of docs/FIXED.md under `source:`). Columns are the field names of the data record
 * type the mapping reads (`recordType`, needed only when the layout has several data types).
 */
export interface FixedSourceSpec {
  format: 'fixed';
  /** Charset of the layout (its text fields may override it per field). */
  charset: string;
  /** Fixed-length files have control records (header/trailer types), never a header row. */
  header: false;
  /** Field names of the mapped data record type, in `SourceRecord.fields` order. */
  columns: string[];
  /** The data record type this mapping reads. */
  recordType: string;
  /** The compiled byte layout. */
  fixed: CompiledFixedLayout;
  /** Layout file, when the layout is not inline (shown in messages). */
  layoutFile?: string;
}

export type SourceSpec = CsvSourceSpec | FixedSourceSpec;

export interface OutputSpec {
  /** Charset of the standard-layout file (default utf-8). */
  charset: 'utf-8' | 'cp932';
  /** Line ending (default crlf). */
  newline: 'crlf' | 'lf';
  /** Write a header row of item names (default true). */
  header: boolean;
}

/** A source column: by 1-based position, or by name (header row or `source.columns`). */
export type ColumnRef = { index: number; name?: undefined } | { name: string; index?: undefined };

export type FieldSource =
  | { kind: 'columns'; columns: ColumnRef[] }
  | { kind: 'const'; value: string }
  | { kind: 'ref'; field: string };

export interface TransformStep {
  name: string;
  line: number;
  kind: 'value' | 'combine';
  fn: ValueTransform | CombineTransform;
}

export interface FieldMapping {
  /** Target field id (layout property name). */
  target: string;
  line: number;
  source: FieldSource;
  /** Written when the value is empty after the transforms. */
  default?: string;
  transforms: TransformStep[];
}

export interface Mapping {
  /** The mapping file as given (shown in messages). */
  file: string;
  /** Absolute directory of the file (relative table paths resolve against it). */
  dir: string;
  /** Layout id, e.g. `juki/kojin`. */
  layout: string;
  layoutLine: number;
  source: SourceSpec;
  output: OutputSpec;
  /** Layout fields the mapping does not name: written empty (default) or a load error. */
  onUnmappedField: 'empty' | 'error';
  /** In file order. */
  fields: FieldMapping[];
  /** The `cleanse:` section as plain data (normalise, 外字, dedup — see docs/CLEANSE.md), if present. */
  cleanse?: unknown;
  cleanseLine?: number;
  /**
   * Every other file the mapping names (code tables, 外字 and MJ tables, the fixed-length layout and
   * its charset tables), absolute: a job fences them to its root, and no writing verb may write
   * over one of them (core/same-file.ts).
   */
  files: MappingFile[];
}

export interface MappingFile {
  path: string;
  /** What it is, for messages: `codeMap file`, `外字 table (cleanse.gaiji.table)`… */
  role: string;
}

/** An issue about one field of one record; the pipeline adds location and severity and masks the sample. */
export interface MappingIssue {
  code: string;
  field?: string;
  params?: Record<string, string | number | boolean | undefined>;
  /** Raw value (unmasked): the pipeline masks it before it goes anywhere. */
  sampleValue?: string;
}

export interface CompileOptions {
  /** Target field ids in layout column order. */
  layoutFields: readonly string[];
  /** The input's header row, when the source has one. */
  sourceHeader?: readonly string[];
  /** The input as shown in messages about its header row (default "the input"). */
  sourceName?: string;
}

export interface CompiledMapping {
  readonly layoutFields: readonly string[];
  /**
   * Fills `out` (resized to the layout's width) in layout column order. Returns false when it
   * added an issue (the record must be rejected). Runs once per record: no allocation unless an
   * issue is raised.
   */
  apply(sourceFields: readonly string[], out: string[], issues: MappingIssue[]): boolean;
}

export interface JobUnit {
  /** Absolute path of the mapping file. */
  mapping: string;
  /** Absolute paths of the inputs. */
  inputs: string[];
}

export interface Job {
  file: string;
  /** Absolute; every path of the job must lie inside it. */
  root: string;
  /** Absolute output directory, when the job names one. */
  out?: string;
  /** `rejectsXlsx: true`: write each input's rejects as xlsx too (as `convert --rejects-xlsx`). */
  rejectsXlsx?: boolean;
  units: JobUnit[];
}
