// Writes the hostile-case table into docs/RELIABILITY.md (npm run docs:hostile).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTable } from '../test/reliability/hostile/index.ts';

const path = join(import.meta.dirname, '..', 'docs', 'RELIABILITY.md');
writeFileSync(path, withTable(readFileSync(path, 'utf8')));
