import type { Mapping } from './types.ts';

/**
 * Every text a mapping can put into a value that does not come from the source record: constants,
 * defaults, and each transform's declared literals (code table targets, replacements, separators,
 * padding, output patterns). Undefined when a transform declares nothing, i.e. may insert anything.
 *
 * Lets a stage that looks for certain characters (the 外字 check) decide from a record's source
 * text: when none of these literals holds such a character, a mapped value can only hold one its
 * record's source text held.
 */
export function mappingLiterals(mapping: Mapping): string[] | undefined {
  const out: string[] = [];
  for (const f of mapping.fields) {
    if (f.source.kind === 'const') out.push(f.source.value);
    if (f.default !== undefined) out.push(f.default);
    for (const t of f.transforms) {
      if (t.fn.literals === undefined) return undefined;
      out.push(...t.fn.literals);
    }
  }
  return out;
}
