#!/usr/bin/env node
// chukan ships TypeScript and runs it through tsx so that `npx chukan` works straight after
// `npm ci` with no build step; tsx is a runtime dependency for that reason.
import { register } from 'tsx/esm/api';

register();
// `chukan peek FILE | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
