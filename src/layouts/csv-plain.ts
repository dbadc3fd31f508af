/**
 * Which fields can be written to CSV without looking at their values: those whose rules, once a
 * value has passed them, leave no room for a quote, the delimiter, CR or LF. A CSV writer then
 * tests only the other fields (free text such as 備考) before joining a validated row — the per-value
 * test is otherwise a large share of writing a record.
 *
 * A rule proves it when it alone excludes the four characters (all of a field's rules must hold):
 * a character-class list that excludes each of them, an x-date (digits only), a code list or enum
 * whose every value is plain. Patterns, lengths and identifiers prove nothing here.
 */
import { charClassTester } from './char-class.ts';
import type { CodeList } from './code-lists.ts';
import type { FieldDef } from './fields.ts';

const SPECIALS = ['"', ',', '\r', '\n'];
const isPlain = (s: unknown) => typeof s === 'string' && !/[",\r\n]/.test(s);

export function csvPlainFields(fields: readonly FieldDef[], codeLists: ReadonlyMap<string, CodeList>): boolean[] {
  return fields.map((f) => {
    const r = f.rules;
    if (r.charClasses.some((list) => { const t = charClassTester(list); return SPECIALS.every((c) => t(c) !== 0); })) return true;
    if (r.dates.length > 0) return true;
    if (r.codeLists.some((id) => { const l = codeLists.get(id); return l !== undefined && l.codes.every((c) => isPlain(c.code)); })) return true;
    return r.enums.some((values) => values.every(isPlain));
  });
}
