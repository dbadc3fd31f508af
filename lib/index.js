// Package entry for `import { convert } from 'chukan'` from plain Node: the build in dist/ (in a git
// checkout only while fresh, else the TypeScript sources through tsx: lib/load.js).
import { loadEntry } from './load.js';

const api = await loadEntry('index');

export const { convert, validate, peek, transcode, ChukanError } = api;
