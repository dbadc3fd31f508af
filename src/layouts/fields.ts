/**
 * Turns a layout's properties into ordered field definitions: `$ref`s are followed (to the shared
 * definitions or the layout's own `$defs`), and every constraint met on the way applies — as in
 * JSON Schema, a referencing property can add or tighten rules, never relax them. Only the
 * keywords below may appear in a field, so the fast validator and ajv cannot disagree on what a
 * field means; anything else is a LayoutError.
 */
import { LayoutError } from '../core/errors.ts';
import { normaliseCharClasses, type CharClass } from './char-class.ts';
import { parseDateSpec, type DateSpec } from './dates.ts';
import { normaliseLengthCharset, type LengthCharset } from './text-length.ts';
import { FIELD_CLASSES, type FieldClass } from './keywords.ts';
import { unsafePatternReason } from './safe-pattern.ts';
import { isIdentifierKind, IDENTIFIER_KINDS, type IdentifierKind } from './check-digits.ts';
import { CHECK_DIGIT_KEYS, type CheckDigitSpec } from './check-digit-spec.ts';
import type { SchemaContext, Layout } from './store.ts';

export interface LengthRule {
  max?: number;
  min?: number;
  unit: 'characters' | 'bytes';
  /** For unit bytes; default cp932. */
  charset?: LengthCharset;
}

export interface FieldDef {
  /** 0-based column position. */
  index: number;
  /** Stable ASCII id (the property name). */
  id: string;
  /** Japanese 項目名. */
  title: string;
  description?: string;
  /** Must be non-empty. */
  required: boolean;
  /** Effective length rule (the first of `rules.lengths`; one rule per unit/charset). */
  length?: LengthRule;
  charClass?: CharClass[];
  date?: DateSpec;
  codeList?: string;
  /** `x-identifier`: a number with a published form and check digit (個人番号, 法人番号, 団体コード, 郵便番号). */
  identifier?: IdentifierKind;
  /** `x-checkDigit`: a check digit with the layout's own modulus and weights (宛名番号 …). */
  checkDigit?: CheckDigitSpec;
  fieldClass?: FieldClass;
  personal?: boolean | 'mynumber';
  /** Every constraint that applies, all of which must hold. */
  rules: FieldRules;
}

export interface FieldRules {
  lengths: LengthRule[];
  charClasses: CharClass[][];
  dates: DateSpec[];
  codeLists: string[];
  patterns: string[];
  enums: unknown[][];
  identifiers: IdentifierKind[];
  checkDigits: CheckDigitSpec[];
  maxLength?: number;
  minLength?: number;
}

const ANNOTATIONS = new Set([
  '$ref', 'type', 'title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly',
  'x-fieldClass', 'x-personal',
]);
const CONSTRAINTS = new Set(['maxLength', 'minLength', 'pattern', 'enum', 'const', 'x-length', 'x-charClass', 'x-date', 'x-codeList', 'x-identifier', 'x-checkDigit']);

export interface ForeignKey {
  fields: string[];
  references: { layout: string; fields: string[] };
}

function resolvePointer(doc: Record<string, unknown>, pointer: string, layout: string, ref: string): Record<string, unknown> {
  let node: unknown = doc;
  if (pointer !== '' && pointer !== '/') {
    for (const raw of pointer.replace(/^\//, '').split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  if (typeof node !== 'object' || node === null) throw new LayoutError(layout, `$ref "${ref}" does not resolve`);
  return node as Record<string, unknown>;
}

function resolveRef(ref: string, current: Record<string, unknown>, ctx: SchemaContext, layout: string): { doc: Record<string, unknown>; node: Record<string, unknown> } {
  const hash = ref.indexOf('#');
  const base = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  const doc = base === '' ? current : ctx.docs.get(base);
  if (!doc) throw new LayoutError(layout, `$ref "${ref}": no shared schema with $id "${base}" (known: ${[...ctx.docs.keys()].join(', ')})`);
  return { doc, node: resolvePointer(doc, pointer, layout, ref) };
}

export function buildFields(layout: Layout, ctx: SchemaContext): FieldDef[] {
  const schema = layout.schema;
  const props = schema.properties;
  if (schema.type !== 'object' || typeof props !== 'object' || props === null) {
    throw new LayoutError(layout.id, 'a layout must be { "type": "object", "properties": { … } }');
  }
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const r of required) if (!(r in props)) throw new LayoutError(layout.id, `required field "${r}" is not a property`);
  return Object.entries(props as Record<string, unknown>).map(([id, prop], index) => {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(id)) throw new LayoutError(layout.id, `field id "${id}" must be an ASCII identifier`);
    const rules: FieldRules = { lengths: [], charClasses: [], dates: [], codeLists: [], patterns: [], enums: [], identifiers: [], checkDigits: [] };
    const info: { title?: string; description?: string; fieldClass?: FieldClass; personal?: boolean | 'mynumber' } = {};
    const where = `${layout.id}: field ${id}`;
    const seen = new Set<Record<string, unknown>>();
    const visit = (node: Record<string, unknown>, doc: Record<string, unknown>): void => {
      if (seen.has(node)) throw new LayoutError(where, '$ref cycle');
      seen.add(node);
      for (const k of Object.keys(node)) {
        if (!ANNOTATIONS.has(k) && !CONSTRAINTS.has(k)) {
          throw new LayoutError(where, `keyword "${k}" is not supported in a field (use ${[...CONSTRAINTS].join(', ')})`);
        }
      }
      if (node.type !== undefined && node.type !== 'string') throw new LayoutError(where, 'field values are CSV strings: "type" must be "string"');
      info.title ??= typeof node.title === 'string' ? node.title : undefined;
      info.description ??= typeof node.description === 'string' ? node.description : undefined;
      if (info.fieldClass === undefined && node['x-fieldClass'] !== undefined) {
        const fc = node['x-fieldClass'];
        if (!(FIELD_CLASSES as readonly unknown[]).includes(fc)) throw new LayoutError(where, `unknown x-fieldClass "${String(fc)}"`);
        info.fieldClass = fc as FieldClass;
      }
      if (info.personal === undefined && node['x-personal'] !== undefined) info.personal = node['x-personal'] as boolean | 'mynumber';
      const len = node['x-length'] as Record<string, unknown> | undefined;
      if (len !== undefined) {
        const unit = len.unit;
        if (unit !== 'characters' && unit !== 'bytes') throw new LayoutError(where, 'x-length.unit must be "characters" or "bytes"');
        const rule: LengthRule = { unit };
        if (typeof len.max === 'number') rule.max = len.max;
        if (typeof len.min === 'number') rule.min = len.min;
        if (rule.max === undefined && rule.min === undefined) throw new LayoutError(where, 'x-length needs max or min');
        if (unit === 'bytes') rule.charset = normaliseLengthCharset(typeof len.charset === 'string' ? len.charset : 'cp932');
        mergeLength(rules.lengths, rule);
      }
      if (node['x-charClass'] !== undefined) rules.charClasses.push(normaliseCharClasses(node['x-charClass'], where));
      if (node['x-date'] !== undefined) rules.dates.push(parseDateSpec(node['x-date'], where));
      if (node['x-codeList'] !== undefined) {
        const name = node['x-codeList'];
        if (typeof name !== 'string' || !ctx.codeLists.has(name)) {
          throw new LayoutError(where, `unknown code list "${String(name)}" (known: ${[...ctx.codeLists.keys()].join(', ')})`);
        }
        rules.codeLists.push(name);
      }
      if (node['x-checkDigit'] !== undefined) rules.checkDigits.push(parseCheckDigit(node['x-checkDigit'], where));
      if (node['x-identifier'] !== undefined) {
        const kind = node['x-identifier'];
        if (!isIdentifierKind(kind)) throw new LayoutError(where, `unknown x-identifier "${String(kind)}" (known: ${IDENTIFIER_KINDS.join(', ')})`);
        if (!rules.identifiers.includes(kind)) rules.identifiers.push(kind);
      }
      if (typeof node.pattern === 'string') {
        const unsafe = unsafePatternReason(node.pattern);
        if (unsafe) throw new LayoutError(where, `pattern ${JSON.stringify(node.pattern)} is refused: ${unsafe}`);
        rules.patterns.push(node.pattern);
      }
      if (Array.isArray(node.enum)) rules.enums.push(node.enum);
      if ('const' in node) rules.enums.push([node.const]);
      if (typeof node.maxLength === 'number') rules.maxLength = Math.min(rules.maxLength ?? Infinity, node.maxLength);
      if (typeof node.minLength === 'number') rules.minLength = Math.max(rules.minLength ?? 0, node.minLength);
      if (typeof node.$ref === 'string') {
        const target = resolveRef(node.$ref, doc, ctx, where);
        visit(target.node, target.doc);
      }
    };
    if (typeof prop !== 'object' || prop === null) throw new LayoutError(where, 'a field must be a schema object');
    visit(prop as Record<string, unknown>, schema);
    if (!info.title) throw new LayoutError(where, 'title (項目名) is missing');
    const def: FieldDef = { index, id, title: info.title, required: required.has(id), rules };
    if (info.description) def.description = info.description;
    if (rules.lengths.length > 0) def.length = rules.lengths[0];
    if (rules.charClasses.length > 0) def.charClass = rules.charClasses[0];
    if (rules.dates.length > 0) def.date = rules.dates[0];
    if (rules.codeLists.length > 0) def.codeList = rules.codeLists[0];
    if (rules.identifiers.length > 0) def.identifier = rules.identifiers[0];
    if (rules.checkDigits.length > 0) def.checkDigit = rules.checkDigits[0];
    if (info.fieldClass) def.fieldClass = info.fieldClass;
    if (info.personal !== undefined) def.personal = info.personal;
    return def;
  });
}

/** An `x-checkDigit` value, checked field by field (ajv's meta-schema says the same, for ajv). */
function parseCheckDigit(v: unknown, where: string): CheckDigitSpec {
  const bad = (why: string): never => { throw new LayoutError(where, `x-checkDigit: ${why} (docs/LAYOUTS.md, "Check digits with parameters")`); };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad('must be { modulus, weights, position?, result?, digitSum?, map?, length?, name? }');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!(CHECK_DIGIT_KEYS as readonly string[]).includes(k)) bad(`unknown key "${k}"`);
  const int = (x: unknown, lo: number, hi: number) => typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;
  if (!int(o.modulus, 2, 97)) bad('modulus is a whole number 2–97');
  if (!Array.isArray(o.weights) || o.weights.length === 0 || o.weights.length > 32 || !o.weights.every((w) => int(w, 0, 99))) bad('weights is a list of 1–32 whole numbers 0–99');
  if (o.position !== undefined && o.position !== 'last' && o.position !== 'first') bad('position is "last" or "first"');
  if (o.result !== undefined && o.result !== 'complement' && o.result !== 'remainder') bad('result is "complement" or "remainder"');
  if (o.digitSum !== undefined && typeof o.digitSum !== 'boolean') bad('digitSum is true or false');
  if (o.length !== undefined && !int(o.length, 2, 64)) bad('length is a whole number 2–64');
  if (o.name !== undefined && typeof o.name !== 'string') bad('name is a string');
  if (o.map !== undefined) {
    if (typeof o.map !== 'object' || o.map === null || Array.isArray(o.map)) bad('map is { "10": "0", … }');
    for (const [k, d] of Object.entries(o.map as Record<string, unknown>)) if (!/^[0-9]{1,2}$/.test(k) || typeof d !== 'string' || !/^[0-9]$/.test(d)) bad(`map "${k}" must give one digit for a check value`);
  }
  return o as unknown as CheckDigitSpec;
}

/** Rules with the same unit and charset combine into one (tightest max, largest min). */
function mergeLength(list: LengthRule[], rule: LengthRule): void {
  const same = list.find((r) => r.unit === rule.unit && r.charset === rule.charset);
  if (!same) {
    list.push(rule);
    return;
  }
  if (rule.max !== undefined) same.max = Math.min(same.max ?? Infinity, rule.max);
  if (rule.min !== undefined) same.min = Math.max(same.min ?? 0, rule.min);
}

export function readKeys(layout: Layout, fieldIds: ReadonlySet<string>): { primaryKey: string[]; foreignKeys: ForeignKey[] } {
  const pk = layout.schema['x-primaryKey'];
  const primaryKey = Array.isArray(pk) ? (pk as string[]) : [];
  for (const f of primaryKey) if (!fieldIds.has(f)) throw new LayoutError(layout.id, `x-primaryKey names unknown field "${f}"`);
  const fk = layout.schema['x-foreignKeys'];
  const foreignKeys = Array.isArray(fk) ? (fk as ForeignKey[]) : [];
  for (const k of foreignKeys) {
    for (const f of k.fields) if (!fieldIds.has(f)) throw new LayoutError(layout.id, `x-foreignKeys names unknown field "${f}"`);
    if (k.fields.length !== k.references.fields.length) {
      throw new LayoutError(layout.id, `foreign key (${k.fields.join(', ')}) has ${k.fields.length} fields but references ${k.references.fields.length}`);
    }
  }
  return { primaryKey, foreignKeys };
}

const LAYOUT_KEYWORDS = new Set([
  '$schema', '$id', '$comment', '$defs', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties',
  'x-source', 'x-primaryKey', 'x-foreignKeys',
]);

export function checkLayoutKeywords(layout: Layout): void {
  for (const k of Object.keys(layout.schema)) {
    if (!LAYOUT_KEYWORDS.has(k)) throw new LayoutError(layout.id, `keyword "${k}" is not supported at the layout level`);
  }
  const ap = layout.schema.additionalProperties;
  if (ap !== undefined && ap !== false) throw new LayoutError(layout.id, 'additionalProperties may only be false');
}
