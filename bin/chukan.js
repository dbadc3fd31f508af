#!/usr/bin/env node
// chukan runs from its build in dist/ (made by `npm ci` through the `prepare` script) and falls back
// to the TypeScript sources through tsx, a runtime dependency, when there is no fresh build — so
// `npx chukan` works straight after `npm ci` either way (lib/load.js decides).
import { loadEntry } from '../lib/load.js';

// `chukan peek FILE | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const { main } = await loadEntry('chukan');
process.exitCode = await main(process.argv.slice(2));
