/**
 * compileLayout: ajv (strict, draft 2020-12, chukan keywords) compiles the layout — that is the
 * check that the schema means what it says — and a generated fast validator does the per-record
 * work. Compiled once per layout and schemas directory.
 */
import type { ValidateFunction, ErrorObject } from 'ajv';
import { LayoutError } from '../core/errors.ts';
import { schemaContext, type Layout, type SourceInfo } from './store.ts';
import { buildFields, readKeys, checkLayoutKeywords, type FieldDef, type ForeignKey } from './fields.ts';
import { generateValidator, type FieldIssue, type RecordValidator } from './fast-validator.ts';
import type { CodeList } from './code-lists.ts';
import { csvPlainFields } from './csv-plain.ts';

export interface CompiledLayout {
  readonly id: string;
  readonly title: string;
  readonly source?: SourceInfo;
  readonly layout: Layout;
  /** Column order. */
  readonly fields: readonly FieldDef[];
  readonly fieldIndex: ReadonlyMap<string, number>;
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly ForeignKey[];
  /** Code lists of the schemas directory this layout came from. */
  readonly codeLists: ReadonlyMap<string, CodeList>;
  /** Per column: a value that passed validation holds no quote, comma, CR or LF (csv-plain.ts). */
  readonly csvPlain: readonly boolean[];
  /**
   * The hot path. `values` in column order; an empty string is "no value". Pushes one issue per
   * broken rule and returns true when the record passed.
   */
  validateRecord(values: readonly string[], out: FieldIssue[]): boolean;
  /** The reference path: builds an object and runs ajv. Slow; for tests, debugging, benchmarks. */
  validateWithAjv(values: readonly string[], out: FieldIssue[]): boolean;
  readonly ajvValidate: ValidateFunction;
  /** The object ajv sees for a record: fields with empty values are absent. */
  toAjvObject(values: readonly string[]): Record<string, string>;
}

export function compileLayout(layout: Layout): CompiledLayout {
  const ctx = schemaContext(layout.schemasDir);
  const cached = ctx.cache.get(layout.id) as CompiledLayout | undefined;
  if (cached) return cached;
  checkLayoutKeywords(layout);
  let ajvValidate: ValidateFunction;
  try {
    ajvValidate = ctx.ajv.getSchema(layout.schema.$id as string) ?? ctx.ajv.compile(layout.schema);
  } catch (e) {
    throw new LayoutError(layout.id, `does not compile in ajv strict mode: ${(e as Error).message}`, );
  }
  const fields = buildFields(layout, ctx);
  const fieldIndex = new Map(fields.map((f) => [f.id, f.index]));
  const { primaryKey, foreignKeys } = readKeys(layout, new Set(fieldIndex.keys()));
  const validateRecord: RecordValidator = generateValidator(fields, ctx.codeLists);
  const ids = fields.map((f) => f.id);
  const toAjvObject = (values: readonly string[]): Record<string, string> => {
    const o: Record<string, string> = {};
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== '') o[i < ids.length ? ids[i] : `column${i + 1}`] = v;
    }
    return o;
  };
  const compiled: CompiledLayout = {
    id: layout.id,
    title: layout.title,
    ...(layout.source ? { source: layout.source } : {}),
    layout,
    fields,
    fieldIndex,
    primaryKey,
    foreignKeys,
    codeLists: ctx.codeLists,
    csvPlain: csvPlainFields(fields, ctx.codeLists),
    validateRecord,
    validateWithAjv(values, out) {
      if (values.length !== fields.length) {
        out.push({ code: 'LAYOUT_FIELD_COUNT', params: { expected: fields.length, actual: values.length } });
        return false;
      }
      if (ajvValidate(toAjvObject(values))) return true;
      for (const e of ajvValidate.errors ?? []) out.push(ajvErrorToIssue(e));
      return false;
    },
    ajvValidate,
    toAjvObject,
  };
  ctx.cache.set(layout.id, compiled);
  return compiled;
}

/** Field id an ajv error is about (instancePath `/id`, or the missing property of `required`). */
export function ajvErrorField(e: ErrorObject): string | undefined {
  if (e.keyword === 'required') return (e.params as { missingProperty: string }).missingProperty;
  const m = /^\/([^/]+)/.exec(e.instancePath);
  return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

function ajvErrorToIssue(e: ErrorObject): FieldIssue {
  const field = ajvErrorField(e);
  if (e.keyword === 'required') return { code: 'LAYOUT_REQUIRED', field };
  return { code: 'LAYOUT_SCHEMA_VIOLATION', field, params: { keyword: e.keyword } };
}
