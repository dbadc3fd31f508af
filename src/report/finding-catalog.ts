import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allFindingCodes, type FindingCodeSpec } from '../core/finding.ts';

const SRC = join(import.meta.dirname, '..');

/**
 * Loads every module's finding-code table (files named `finding-codes.ts` or `*-finding-codes.ts`
 * anywhere under src/), so the catalog of codes is complete without a hand-kept import list.
 */
export async function loadAllFindingCodes(): Promise<ReadonlyMap<string, FindingCodeSpec>> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|[/-])finding-codes\.ts$/.test(f))
    .sort();
  for (const f of files) await import(pathToFileURL(join(SRC, f)).href);
  return allFindingCodes();
}

/** docs/FINDING-CODES.md: one table row per code, grouped by prefix. */
export async function renderFindingCodesMarkdown(): Promise<string> {
  const codes = await loadAllFindingCodes();
  const lines = [
    '# Finding codes',
    '',
    'Generated from the code tables in `src/**/finding-codes.ts` by `npm run docs:codes`; a test',
    'fails when this file is out of date. Codes are stable: tools may rely on them.',
    'Severity `error` rejects the record (or fails the check); `warning` and `info` keep it.',
    '',
    '| code | severity | 日本語 | English |',
    '|---|---|---|---|',
  ];
  for (const code of [...codes.keys()].sort()) {
    const s = codes.get(code)!;
    lines.push(`| \`${code}\` | ${s.severity} | ${s.title.ja} | ${s.title.en} |`);
  }
  return lines.join('\n') + '\n';
}
