#!/usr/bin/env node
// chukan ships TypeScript and runs it through tsx so that `npx chukan` works straight after
// `npm ci` with no build step; tsx is a runtime dependency for that reason.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
