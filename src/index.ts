/**
 * chukan's library API: the CLI is a thin layer over these verbs. Import from 'chukan'
 * (lib/index.js loads the dist/ build, or these sources through the TypeScript loader, so plain Node
 * can use it after `npm install`).
 */
export { convert, type ConvertOptions, type ConvertResult, type ConvertProgress, type ConvertUnit } from './api/convert.ts';
export { validate, type ValidateOptions, type ValidateResult } from './api/validate.ts';
export { peek, type PeekRecord } from './api/peek.ts';
export { transcode, type TranscodeResult } from './api/transcode.ts';
export type { RunReport, FileReport, FindingSample } from './report/run-report.ts';
export type { Finding, Severity, Location } from './core/finding.ts';
export { ChukanError } from './core/errors.ts';
