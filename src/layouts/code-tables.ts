/**
 * The code values a layout's code fields accept, as tables people read (`layouts show`, the
 * コード一覧 sheet of `layouts export`, `mapping init`'s codeMap skeletons): one table per code list
 * a field names (`x-codeList`, with labels), and one per field that lists its values inline
 * (`enum`), named after that field — its 項目名 and id — since it has no list of its own.
 */
import type { CompiledLayout } from './compile.ts';
import type { CodeEntry } from './code-lists.ts';
import type { FieldDef } from './fields.ts';

export interface CodeTable {
  /** Code list id, or the field id for an inline table. */
  id: string;
  /** Code list name, or the field's 項目名 for an inline table. */
  name: string;
  inline: boolean;
  /** Labels are empty for inline values. */
  codes: readonly CodeEntry[];
  /** Fields of the layout that take these values, in column order. */
  fields: { id: string; title: string }[];
}

/** The table of values one field accepts, if it is a code field (a code list or an inline enum). */
export function fieldCodeTable(layout: CompiledLayout, f: FieldDef): CodeTable | undefined {
  if (f.codeList) {
    const list = layout.codeLists.get(f.codeList);
    return { id: f.codeList, name: list?.name ?? f.codeList, inline: false, codes: list?.codes ?? [], fields: [{ id: f.id, title: f.title }] };
  }
  const values = f.rules.enums[0];
  if (!values || values.length === 0) return undefined;
  return { id: f.id, name: f.title, inline: true, codes: values.map((v) => ({ code: String(v), name: '' })), fields: [{ id: f.id, title: f.title }] };
}

/** Every code table of a layout, each once, with all the fields that use it. */
export function codeTables(layout: CompiledLayout): CodeTable[] {
  const byId = new Map<string, CodeTable>();
  for (const f of layout.fields) {
    const t = fieldCodeTable(layout, f);
    if (!t) continue;
    const key = `${t.inline ? 'field' : 'list'}:${t.id}`;
    const seen = byId.get(key);
    if (seen) seen.fields.push(...t.fields);
    else byId.set(key, t);
  }
  return [...byId.values()];
}

/** `seibetsu（性別）` for a code list; `項目 性別 (seibetsu) の値` for an inline table. */
export function codeTableLabel(t: CodeTable): string {
  return t.inline ? `項目 ${t.name} (${t.id}) の値` : `${t.id}（${t.name}）`;
}
