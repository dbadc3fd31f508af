#!/usr/bin/env node
// chukan runs its build in dist/ (built by `npm ci` through the `prepare` script, shipped in the
// npm package). In a git checkout whose sources changed since that build it runs the TypeScript
// sources through tsx instead, so a checkout never runs stale code (lib/load.js decides).
import { loadEntry } from '../lib/load.js';

// `chukan peek FILE | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
let main;
try {
  ({ main } = await loadEntry('chukan'));
} catch (err) {
  if (err?.code !== 'E_NO_BUILD') throw err;
  process.stderr.write(`chukan: ${err.message} [${err.code}]\n`);
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
