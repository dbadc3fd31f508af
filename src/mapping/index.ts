export { loadMapping, readMapping, checkAgainstLayout, type LoadMappingOptions, type ReadMappingResult } from './load-mapping.ts';
export { compileMapping } from './compile.ts';
export { mappingLiterals } from './literals.ts';
export { loadJob, isInside, type LoadJobOptions } from './load-job.ts';
export { MappingProblems } from './problems.ts';
export { MappingCodes } from './finding-codes.ts';
export { TRANSFORMS } from './transforms/index.ts';
export type {
  Mapping, SourceSpec, CsvSourceSpec, FixedSourceSpec, OutputSpec, FieldMapping, FieldSource, ColumnRef, TransformStep,
  MappingIssue, CompileOptions, CompiledMapping, Job, JobUnit,
} from './types.ts';
