/** Where chukan's code is loaded from (see load.js). */
export function entrySource(): 'dist' | 'src';
export function loadEntry(entry: 'chukan' | 'index'): Promise<Record<string, unknown>>;
