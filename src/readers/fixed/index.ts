export type { FixedLayout, FixedField, FixedRecordType, FieldType, RecordRole, Terminator, TrimMode } from './layout.ts';
export { compileLayout, resolveCharset, type BeforeTableRead, type CompiledLayout, type CompiledType, type CompiledField } from './compile.ts';
export { parseFixedSource, loadFixedLayout, type LoadedFixedLayout } from './load.ts';
export { createFixedReader, FIELD_SEPARATOR, type FixedSourceRecord, type FixedReadBatch, type FixedRecordReader, type FixedReaderOptions } from './reader.ts';
export { readFixedFile, type ReadFixedFileOptions } from './file.ts';
export { inspectRecord, type InspectedField } from './inspect.ts';
export { formatDecimal, DEFAULT_SIGNS, type SignSetting } from './numbers.ts';
export { FIX } from './finding-codes.ts';
