// Package entry for `import { convert } from 'chukan'` from plain Node: chukan ships TypeScript,
// so the tsx loader is registered before the API module is imported.
import { register } from 'tsx/esm/api';

register();
const api = await import('../src/index.ts');

export const { convert, validate, peek, transcode, ChukanError } = api;
