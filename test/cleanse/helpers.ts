import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/core/finding.ts';
import { getCharset } from '../../src/encoding/index.ts';
import { compileLayout, loadLayout } from '../../src/layouts/index.ts';
import { compileMapping, loadMapping } from '../../src/mapping/index.ts';
import { readCsvFile } from '../../src/readers/index.ts';
import { AtomicFileWriter } from '../../src/pipeline/atomic-file.ts';
import { runFile } from '../../src/pipeline/file-run.ts';
import type { Stage } from '../../src/pipeline/work.ts';
import { createNormaliser } from '../../src/cleanse/normalise.ts';
import { normaliseStage } from '../../src/pipeline/stages/normalise.ts';
import { tempDir } from '../helpers/temp.ts';

/** The normalise stage over a layout's fields, as convert wires it. */
export function normaliseFor(fields: ReturnType<typeof compileLayout>['fields']): Stage {
  return normaliseStage(createNormaliser(fields.map((f) => ({ id: f.id, fieldClass: f.fieldClass, charClass: f.charClass }))));
}

export const SAMPLE = 'samples/gaiji/jumin-gaiji.csv';
export const MAPPING = 'samples/gaiji/jumin-gaiji.mapping.yaml';

export function tmpDir(): { dir: string; done: () => void } {
  const dir = tempDir('cleanse-');
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeTmp(dir: string, name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** Runs the real per-file pipeline (reader → mapping → stages → layout validation → writer) on a CP932 export. */
export async function convertWith(opts: {
  dir: string;
  input?: string;
  mapping?: string;
  outputCharset?: 'utf-8' | 'cp932';
  beforeValidate?: (fields: ReturnType<typeof compileLayout>['fields']) => Stage[];
}) {
  const mapping = await loadMapping(opts.mapping ?? MAPPING);
  const compiled = compileLayout(loadLayout(mapping.layout));
  const outPath = join(opts.dir, `out-${Math.random().toString(36).slice(2)}.csv`);
  const writer = await AtomicFileWriter.create(outPath);
  const findings: Finding[] = [];
  const input = opts.input ?? SAMPLE;
  const stats = await runFile({
    file: input,
    batches: readCsvFile(input, { charset: getCharset(mapping.source.charset) }),
    header: mapping.source.header,
    makeMapper: (header) => compileMapping(mapping, { layoutFields: compiled.fields.map((f) => f.id), sourceHeader: header }),
    validator: compiled,
    beforeValidate: opts.beforeValidate?.(compiled.fields) ?? [],
    output: { writer, charset: getCharset(opts.outputCharset ?? 'utf-8') },
    onFinding: (f) => findings.push(f),
  });
  await writer.commit();
  const bytes = readFileSync(outPath);
  return { stats, findings, bytes, text: (opts.outputCharset ?? 'utf-8') === 'utf-8' ? bytes.toString('utf8') : getCharset('cp932').decode(bytes), compiled };
}
