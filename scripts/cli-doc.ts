// Writes docs/CLI.md from the CLI's option declarations (npm run docs:cli).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCliReference } from '../src/cli/reference.ts';

writeFileSync(join(import.meta.dirname, '..', 'docs', 'CLI.md'), renderCliReference());
