// Writes docs/FINDING-CODES.md from the code tables (npm run docs:codes).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFindingCodesMarkdown } from '../src/report/finding-catalog.ts';

writeFileSync(join(import.meta.dirname, '..', 'docs', 'FINDING-CODES.md'), await renderFindingCodesMarkdown());
