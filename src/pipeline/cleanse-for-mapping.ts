import type { WorkbookLimits } from '../core/excel.ts';
import { MappingError } from '../core/errors.ts';
import { getCharset } from '../encoding/index.ts';
import type { CompiledLayout } from '../layouts/index.ts';
import { mappingLiterals, type Mapping } from '../mapping/index.ts';
import { hasPuaCandidate } from '../encoding/index.ts';
import { buildCleanseStages, parseCleanseConfig, type CleanseConfig, type CleanseStages } from './stages/cleanse-config.ts';

/**
 * The cleansing stages a mapping asks for (`cleanse:` — docs/CLEANSE.md). Without the section,
 * only the 外字 check runs, with the safe default: an unmapped private-use character rejects the
 * record with a finding — 外字 never pass into standard-layout files silently.
 */
export function cleanseConfigOf(mapping: Mapping): CleanseConfig {
  if (mapping.cleanse === undefined) return { normalise: false };
  try {
    return parseCleanseConfig(mapping.cleanse, mapping.file, mapping.dir);
  } catch (err) {
    if (err instanceof MappingError && err.line === undefined) {
      throw new MappingError(mapping.file, mapping.cleanseLine, err.message.replace(/^[^:]*: /, ''));
    }
    throw err;
  }
}

/** True when a stage keeps state across records (dedup), so a file cannot be split into ranges. */
export function hasStatefulStages(cfg: CleanseConfig): boolean {
  return !!cfg.dedup && (cfg.dedup.exact || cfg.dedup.keys);
}

export async function cleanseStagesFor(
  mapping: Mapping,
  layout: CompiledLayout,
  opts: { file: string; stateless?: boolean; workbookLimits?: WorkbookLimits },
): Promise<CleanseStages> {
  const cfg = cleanseConfigOf(mapping);
  const src = mapping.source;
  const literals = mappingLiterals(mapping);
  return buildCleanseStages(opts.stateless ? { ...cfg, dedup: undefined } : cfg, {
    fields: layout.fields,
    primaryKey: layout.primaryKey,
    sourceCharset: src.format === 'fixed' ? src.fixed.charset : getCharset(src.charset),
    outputCharset: getCharset(mapping.output.charset),
    file: opts.file,
    workbookLimits: opts.workbookLimits,
    valuesFromSourceText: literals !== undefined && !literals.some(hasPuaCandidate),
  });
}
