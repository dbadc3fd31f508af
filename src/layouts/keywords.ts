/**
 * chukan's JSON Schema keywords, registered with ajv so that strict mode accepts them and ajv
 * checks the same rules the fast validator does (the keyword implementations are shared).
 * Validation keywords see only non-empty strings: an empty CSV field is absent from the object
 * ajv validates (see toAjvObject).
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { charLength, byteLengthFunction, LENGTH_CHARSETS } from './text-length.ts';
import { CHAR_CLASSES, charClassTester, normaliseCharClasses } from './char-class.ts';
import { checkDate, parseDateSpec, DATE_OK } from './dates.ts';
import type { CodeList } from './code-lists.ts';
import { IDENTIFIER_KINDS, IDENT_OK, checkIdentifier, type IdentifierKind } from './check-digits.ts';
import { CD_OK, CHECK_DIGIT_SCHEMA, checkCheckDigit, type CheckDigitSpec } from './check-digit-spec.ts';

export const FIELD_CLASSES = ['name', 'kanaName', 'address', 'code', 'freeText', 'number', 'date'] as const;
export type FieldClass = (typeof FIELD_CLASSES)[number];

export const CHUKAN_KEYWORDS = [
  'x-length', 'x-charClass', 'x-date', 'x-codeList', 'x-fieldClass', 'x-personal',
  'x-primaryKey', 'x-foreignKeys', 'x-source', 'x-identifier', 'x-checkDigit',
] as const;

const charClassSchema = { type: 'string', enum: [...CHAR_CLASSES] };

const sourceSchema = {
  type: 'object',
  properties: { basis: { type: 'string' }, version: { type: 'string' }, date: { type: 'string' }, url: { type: 'string' } },
  required: ['basis'],
  additionalProperties: false,
};

export function addChukanKeywords(ajv: Ajv2020, codeLists: ReadonlyMap<string, CodeList>): void {
  ajv.addKeyword({
    keyword: 'x-length',
    type: 'string',
    schemaType: 'object',
    metaSchema: {
      type: 'object',
      properties: {
        max: { type: 'integer', minimum: 0 },
        min: { type: 'integer', minimum: 0 },
        unit: { enum: ['characters', 'bytes'] },
        charset: { enum: [...LENGTH_CHARSETS] },
      },
      required: ['unit'],
      additionalProperties: false,
    },
    compile(spec: { max?: number; min?: number; unit: string; charset?: string }) {
      const len = spec.unit === 'bytes' ? byteLengthFunction(spec.charset ?? 'cp932') : charLength;
      const max = spec.max ?? Infinity;
      const min = spec.min ?? 0;
      return (data: string) => {
        const n = len(data);
        return n <= max && n >= min;
      };
    },
    errors: false,
  });
  ajv.addKeyword({
    keyword: 'x-charClass',
    type: 'string',
    schemaType: ['string', 'array'],
    metaSchema: { anyOf: [charClassSchema, { type: 'array', items: charClassSchema, minItems: 1 }] },
    compile(spec: string | string[]) {
      const test = charClassTester(normaliseCharClasses(spec));
      return (data: string) => test(data) === 0;
    },
    errors: false,
  });
  ajv.addKeyword({
    keyword: 'x-date',
    type: 'string',
    schemaType: 'object',
    metaSchema: {
      type: 'object',
      properties: { format: { enum: ['YYYYMMDD', 'wareki'] }, allowUnknown: { type: 'boolean' } },
      required: ['format'],
      additionalProperties: false,
    },
    compile(spec: unknown) {
      const d = parseDateSpec(spec);
      return (data: string) => checkDate(data, d) === DATE_OK;
    },
    errors: false,
  });
  ajv.addKeyword({
    keyword: 'x-codeList',
    type: 'string',
    schemaType: 'string',
    metaSchema: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' },
    compile(name: string) {
      const list = codeLists.get(name);
      if (!list) throw new Error(`unknown code list "${name}" (known: ${[...codeLists.keys()].join(', ')})`);
      return (data: string) => list.set.has(data);
    },
    errors: false,
  });
  ajv.addKeyword({
    keyword: 'x-identifier',
    type: 'string',
    schemaType: 'string',
    metaSchema: { enum: [...IDENTIFIER_KINDS] },
    compile(kind: IdentifierKind) {
      return (data: string) => checkIdentifier(kind, data) === IDENT_OK;
    },
    errors: false,
  });
  ajv.addKeyword({
    keyword: 'x-checkDigit',
    type: 'string',
    schemaType: 'object',
    metaSchema: CHECK_DIGIT_SCHEMA,
    compile(spec: CheckDigitSpec) {
      return (data: string) => checkCheckDigit(spec, data) === CD_OK;
    },
    errors: false,
  });
  // Annotations: they describe, they do not validate.
  ajv.addKeyword({ keyword: 'x-fieldClass', metaSchema: { enum: [...FIELD_CLASSES] } });
  ajv.addKeyword({ keyword: 'x-personal', metaSchema: { enum: [true, false, 'mynumber'] } });
  ajv.addKeyword({ keyword: 'x-source', metaSchema: sourceSchema });
  ajv.addKeyword({
    keyword: 'x-primaryKey',
    metaSchema: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
  });
  ajv.addKeyword({
    keyword: 'x-foreignKeys',
    metaSchema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          fields: { type: 'array', items: { type: 'string' }, minItems: 1 },
          references: {
            type: 'object',
            properties: { layout: { type: 'string' }, fields: { type: 'array', items: { type: 'string' }, minItems: 1 } },
            required: ['layout', 'fields'],
            additionalProperties: false,
          },
        },
        required: ['fields', 'references'],
        additionalProperties: false,
      },
    },
  });
}
