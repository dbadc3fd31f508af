export { loadLayout, listLayoutIds, schemaContext, dropSchemaContext, DEFAULT_SCHEMAS_DIR, type Layout, type SourceInfo } from './store.ts';
export { loadCatalog, catalogLayoutIds, type Catalog, type CatalogDomain, type CatalogFile } from './catalog.ts';
export { compileLayout, type CompiledLayout } from './compile.ts';
export type { FieldDef, FieldRules, LengthRule, ForeignKey } from './fields.ts';
export type { FieldIssue, RecordValidator } from './fast-validator.ts';
export { loadCodeLists, codeListLabel, type CodeList, type CodeEntry, type CodeListSource, type CodeListAuthority } from './code-lists.ts';
export { charLength, codePointLength, byteLengthIn, byteLengthFunction, cp932ByteLength, utf8ByteLength } from './text-length.ts';
export { CHAR_CLASSES, charClassTester, type CharClass } from './char-class.ts';
export { checkDate, ERAS, type DateSpec, type Era } from './dates.ts';
export { FIELD_CLASSES, CHUKAN_KEYWORDS, type FieldClass } from './keywords.ts';
export { LAYOUT_CODES, type LayoutFindingCode } from './finding-codes.ts';
export { verifyForeignKeys, type KeyProblem } from './keys.ts';
export {
  checkIdentifier, myNumberCheckDigit, houjinCheckDigit, dantaiCheckDigitOf, withCheckDigit, withWrongCheckDigit,
  IDENTIFIER_KINDS, IDENTIFIER_NAMES_JA, IDENT_OK, IDENT_FORM, IDENT_CHECK_DIGIT, type IdentifierKind,
} from './check-digits.ts';
export { maskFor, maskMyNumber, isMyNumberField, type ValueMask, type MaskableField } from './field-mask.ts';
