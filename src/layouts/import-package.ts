/**
 * Joins the package sheets with the imported item layouts: the code lists of コード一覧 (named by
 * コード構成表), the files of 移行ファイル構成表 (ids, names, 必須, 主キー), the code sets of コード構成表
 * (item → code list) and the key relations of 移行ファイル関連図 (→ x-foreignKeys). Each sheet is
 * read by package-sheets.ts; everything that does not resolve (an item name no layout has, a file
 * the book has no item sheet for, a code set without values) is an ImportIssue — nothing is guessed.
 */
import type { CodeList } from './code-lists.ts';
import type { ImportIssue } from './book-sheet.ts';
import { normaliseCell, parseYesNo } from './item-notation.ts';
import { LAYOUT_ID_RE } from './store.ts';
import { splitItems, type PackageRow, type PackageTables } from './package-sheets.ts';

const CODE_ID_RE = /^[a-z0-9][a-z0-9_-]*$/;
/** How the export names an item's inline values (code-tables.ts codeTableLabel). */
const INLINE_LABEL = /^項目 .+ \([A-Za-z][A-Za-z0-9_]*\) の値$/;
const FILE_ID_RE = /^[a-z0-9][a-z0-9_-]*$/;

const norm = (s: string) => normaliseCell(s).toLowerCase();

export interface ImportedCodeList {
  id: string;
  name: string;
  /** The book's own id of the code set, when it differs from `id`. */
  bookId?: string;
  sheet: string;
  /** 出典 the book states for the code set, if any. */
  statedSource?: string;
  codes: Array<{ code: string; name: string }>;
}

/** Where a code set is named in the book: its id cell and/or its name cell. */
function codeSetKey(cells: { codeId?: string; codeName?: string }): string {
  return norm(cells.codeId || cells.codeName || '');
}

/**
 * Code lists from コード一覧 rows (grouped by コードID, else コード名称), named after コード構成表 where
 * it gives a name. Ids are the book's コードID in lower case when that is an ASCII id, else the
 * profile's `codes` map, else `code01`, `code02`, … (listed).
 */
export function buildCodeLists(tables: PackageTables, profileCodes: Record<string, string>, issues: ImportIssue[]): ImportedCodeList[] {
  const nameFromSets = new Map<string, string>();
  const sourceFromSets = new Map<string, string>();
  for (const r of tables.codeSets) {
    const k = codeSetKey(r.cells);
    if (k === '') continue;
    if (r.cells.codeName && !nameFromSets.has(k)) nameFromSets.set(k, r.cells.codeName);
    if (r.cells.source && !sourceFromSets.has(k)) sourceFromSets.set(k, r.cells.source);
  }
  const groups = new Map<string, PackageRow<'codeValues'>[]>();
  for (const r of tables.codeValues) {
    // An item's inline values, as the export lists them: the item sheet's 許可値 holds them already.
    if (!r.cells.codeId && INLINE_LABEL.test(r.cells.codeName ?? '')) continue;
    const k = codeSetKey(r.cells);
    if (k === '') {
      issues.push({ sheet: r.sheet, row: r.row, reason: 'コードIDもコード名称もない行は読みません (code value row names no code set)' });
      continue;
    }
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  const out: ImportedCodeList[] = [];
  const used = new Set<string>();
  let n = 0;
  for (const [k, rows] of groups) {
    n++;
    const first = rows[0];
    const bookId = first.cells.codeId ?? '';
    const name = first.cells.codeName || nameFromSets.get(k) || bookId;
    let id = profileCodes[bookId] ?? profileCodes[name] ?? (CODE_ID_RE.test(norm(bookId)) ? norm(bookId) : undefined);
    if (!id) {
      id = `code${String(n).padStart(2, '0')}`;
      issues.push({ sheet: first.sheet, row: first.row, column: first.columns.codeId ?? first.columns.codeName, value: bookId || name, reason: `コードIDが英数字ではありません: ${id} としました (no ASCII code set id; set codes: { "${bookId || name}": id } in the profile)` });
    }
    if (used.has(id)) {
      issues.push({ sheet: first.sheet, row: first.row, value: bookId || name, reason: `コード表 ${id} が2回定義されています: 2つ目は読みません (code set id appears twice)` });
      continue;
    }
    used.add(id);
    const codes: Array<{ code: string; name: string }> = [];
    const seen = new Set<string>();
    for (const r of rows) {
      const code = r.cells.code ?? '';
      if (code === '') {
        issues.push({ sheet: r.sheet, row: r.row, column: r.columns.code, value: '', reason: 'コード値が空です: この行は読みません (empty code value)' });
        continue;
      }
      if (seen.has(code)) {
        issues.push({ sheet: r.sheet, row: r.row, column: r.columns.code, value: code, reason: `コード表 ${id} にコード「${code}」が2回あります: 2つ目は読みません (duplicate code)` });
        continue;
      }
      seen.add(code);
      codes.push({ code, name: r.cells.label ?? '' });
    }
    if (codes.length === 0) {
      issues.push({ sheet: first.sheet, row: first.row, value: bookId || name, reason: `コード表 ${id} にコード値がありません: 書き出しません (code set without values)` });
      continue;
    }
    const stated = sourceFromSets.get(k);
    out.push({ id, name, ...(bookId !== id && bookId !== '' ? { bookId } : {}), sheet: first.sheet, ...(stated ? { statedSource: stated } : {}), codes });
  }
  return out;
}

/** One file of 移行ファイル構成表. */
export interface FileEntry {
  row: PackageRow<'fileList'>;
  /** Layout id (`juki/kojin`) when the row gives one, else undefined. */
  layoutId?: string;
  /** ASCII file id when the row gives one. */
  fileId?: string;
  domainId?: string;
  domainName?: string;
  title?: string;
  fileName?: string;
  required?: boolean;
  primaryKey: string[];
  items?: number;
  description?: string;
  /** Set once an item sheet claimed the entry. */
  claimed?: boolean;
}

export function fileEntries(tables: PackageTables, issues: ImportIssue[]): FileEntry[] {
  return tables.fileList.map((row) => {
    const c = row.cells;
    const ref = normaliseCell(c.fileId ?? '');
    const e: FileEntry = { row, primaryKey: splitItems(c.primaryKey ?? '') };
    if (LAYOUT_ID_RE.test(ref)) {
      e.layoutId = ref;
      [e.domainId, e.fileId] = ref.split('/');
    } else if (FILE_ID_RE.test(ref)) e.fileId = ref;
    else if (ref !== '') issues.push({ sheet: row.sheet, row: row.row, column: row.columns.fileId, value: c.fileId, reason: 'ファイルIDは "kojin" か "juki/kojin" の形にしてください (file id not understood): ignored' });
    const dom = normaliseCell(c.domainId ?? '');
    if (dom !== '') {
      if (FILE_ID_RE.test(dom)) e.domainId ??= dom;
      else issues.push({ sheet: row.sheet, row: row.row, column: row.columns.domainId, value: c.domainId, reason: '業務IDは "juki" のような英数字にしてください (domain id not understood): ignored' });
    }
    if (c.domainName) e.domainName = c.domainName;
    if (c.fileTitle) e.title = c.fileTitle;
    if (c.fileName) e.fileName = c.fileName;
    if (c.description) e.description = c.description;
    if (c.required !== undefined && c.required !== '') {
      const yn = parseYesNo(c.required);
      if (yn === undefined) issues.push({ sheet: row.sheet, row: row.row, column: row.columns.required, value: c.required, reason: '必須の記載を解釈できません (○ or ×): the file is not marked' });
      else e.required = yn;
    }
    if (c.items) {
      const k = Number(normaliseCell(c.items));
      if (Number.isInteger(k) && k >= 0) e.items = k;
      else issues.push({ sheet: row.sheet, row: row.row, column: row.columns.items, value: c.items, reason: '項目数を解釈できません (item count not a number): not compared' });
    }
    return e;
  });
}

/** The 構成表 entry for an item sheet: by layout id, file id, Japanese name or sheet name. */
export function entryFor(entries: FileEntry[], refs: { layoutRef: string; title: string; sheet: string; key: string }): FileEntry | undefined {
  const ref = normaliseCell(refs.layoutRef);
  const names = new Set([refs.title, refs.sheet, refs.key].filter((s) => s !== '').map(norm));
  return entries.find((e) => ref !== '' && (e.layoutId === ref || (e.fileId === ref && !e.layoutId)))
    ?? entries.find((e) => e.title !== undefined && names.has(norm(e.title)))
    ?? entries.find((e) => e.fileName !== undefined && names.has(norm(e.fileName)));
}

/** What the join needs to know about an imported layout. */
export interface LayoutHandle {
  id: string;
  title: string;
  fileName: string;
  sheet: string;
  schema: Record<string, unknown>;
}

function properties(l: LayoutHandle): Record<string, Record<string, unknown>> {
  return l.schema.properties as Record<string, Record<string, unknown>>;
}

/** Field id of an item named by id or by 項目名. Undefined: not found or ambiguous. */
export function resolveItem(l: LayoutHandle, name: string): string | undefined {
  const props = properties(l);
  const n = normaliseCell(name);
  if (props[n]) return n;
  const hits = Object.entries(props).filter(([, p]) => typeof p.title === 'string' && norm(p.title) === norm(name)).map(([id]) => id);
  return hits.length === 1 ? hits[0] : undefined;
}

export function findLayout(layouts: LayoutHandle[], ref: string): LayoutHandle | undefined {
  const r = normaliseCell(ref);
  return layouts.find((l) => l.id === r) ?? layouts.find((l) => l.id.split('/')[1] === r)
    ?? layouts.find((l) => norm(l.title) === norm(ref)) ?? layouts.find((l) => norm(l.fileName) === norm(ref)) ?? layouts.find((l) => norm(l.sheet) === norm(ref));
}

/** 主キー of 構成表 onto a layout; the item sheet's キー column wins when both say something. */
export function applyFileEntry(l: LayoutHandle, e: FileEntry, itemCount: number, issues: ImportIssue[]): void {
  const at = { sheet: e.row.sheet, layout: l.id, row: e.row.row };
  if (e.items !== undefined && e.items !== itemCount) {
    issues.push({ ...at, column: e.row.columns.items, value: String(e.items), reason: `項目数 ${e.items} ですがデータ項目一覧表には ${itemCount} 項目あります (item count differs from the item sheet)` });
  }
  if (e.description && l.schema.description === undefined) l.schema.description = e.description;
  if (e.primaryKey.length === 0) return;
  const ids: string[] = [];
  for (const name of e.primaryKey) {
    const id = resolveItem(l, name);
    if (!id) {
      issues.push({ ...at, column: e.row.columns.primaryKey, value: name, reason: `主キーの項目「${name}」が ${l.id} にありません (key item not found): 主キーは設定しません` });
      return;
    }
    ids.push(id);
  }
  const current = l.schema['x-primaryKey'] as string[] | undefined;
  if (current && current.join() !== ids.join()) {
    issues.push({ ...at, column: e.row.columns.primaryKey, value: e.row.cells.primaryKey, reason: `主キーがデータ項目一覧表のキー(${current.join(', ')})と異なります: データ項目一覧表を採用 (primary key differs from the item sheet's)` });
    return;
  }
  l.schema['x-primaryKey'] = ids;
}

/** コード構成表 rows: the item named gets the code list named (the item sheet's コード column wins). */
export function applyCodeSets(tables: PackageTables, layouts: LayoutHandle[], lists: ReadonlyMap<string, Pick<CodeList, 'id' | 'name'>>, byBookKey: ReadonlyMap<string, string>, issues: ImportIssue[]): void {
  for (const r of tables.codeSets) {
    const c = r.cells;
    const at = { sheet: r.sheet, row: r.row };
    const k = codeSetKey(c);
    const listId = byBookKey.get(k) ?? (lists.has(norm(c.codeId ?? '')) ? norm(c.codeId ?? '') : undefined)
      ?? [...lists.values()].find((x) => c.codeName && norm(x.name) === norm(c.codeName))?.id;
    if (!listId) {
      issues.push({ ...at, column: r.columns.codeId ?? r.columns.codeName, value: c.codeId || c.codeName, reason: 'コード一覧にも既存のコード表にもないコードです: コード規則は設定しません (code set has no values)' });
      continue;
    }
    if (!c.item) continue;
    const l = c.file ? findLayout(layouts, c.file) : layouts.length === 1 ? layouts[0] : undefined;
    if (!l) {
      issues.push({ ...at, column: r.columns.file, value: c.file ?? '', reason: c.file ? `ファイル「${c.file}」はこのブックにありません (file not in the book)` : 'ファイルの記載がありません (no file named and the book has several)' });
      continue;
    }
    for (const itemName of splitItems(c.item)) {
      const id = resolveItem(l, itemName);
      if (!id) {
        issues.push({ ...at, layout: l.id, column: r.columns.item, value: itemName, reason: `項目「${itemName}」が ${l.id} にありません (item not found): コード規則は設定しません` });
        continue;
      }
      const p = properties(l)[id];
      const current = p['x-codeList'];
      if (current !== undefined && current !== listId) {
        issues.push({ ...at, layout: l.id, column: r.columns.codeId ?? r.columns.codeName, value: c.codeId || c.codeName, reason: `データ項目一覧表のコード(${String(current)})と異なります: データ項目一覧表を採用 (code list differs from the item sheet's)` });
        continue;
      }
      p['x-codeList'] = listId;
    }
  }
}

/**
 * 移行ファイル関連図 rows → x-foreignKeys on the referencing layout. Rows with the same No form one
 * relation (one row per key item); a row may also name several items in one cell. The referenced
 * items must be the target's primary key, in order (the check looks keys up in that index).
 */
export function applyRelations(tables: PackageTables, layouts: LayoutHandle[], issues: ImportIssue[]): void {
  const groups: PackageRow<'relations'>[][] = [];
  const byNo = new Map<string, PackageRow<'relations'>[]>();
  for (const r of tables.relations) {
    const no = normaliseCell(r.cells.no ?? '');
    const k = no !== '' ? `${r.sheet}\u0000${no}\u0000${norm(r.cells.fromFile ?? '')}\u0000${norm(r.cells.toFile ?? '')}` : undefined;
    if (k && byNo.has(k)) { byNo.get(k)!.push(r); continue; }
    const g = [r];
    if (k) byNo.set(k, g);
    groups.push(g);
  }
  for (const g of groups) {
    const r = g[0];
    const at = { sheet: r.sheet, row: r.row };
    const from = findLayout(layouts, r.cells.fromFile ?? '');
    if (!from) {
      issues.push({ ...at, column: r.columns.fromFile, value: r.cells.fromFile, reason: `関連元ファイル「${r.cells.fromFile}」はこのブックにありません (referencing file not in the book): relation not imported` });
      continue;
    }
    const toRef = r.cells.toFile ?? '';
    const to = findLayout(layouts, toRef);
    const toId = to?.id ?? (LAYOUT_ID_RE.test(normaliseCell(toRef)) ? normaliseCell(toRef) : undefined);
    if (!toId) {
      issues.push({ ...at, layout: from.id, column: r.columns.toFile, value: toRef, reason: `関連先ファイル「${toRef}」はこのブックになく、レイアウトID(juki/kojin の形)でもありません: relation not imported` });
      continue;
    }
    const fromNames = g.flatMap((x) => splitItems(x.cells.fromItems ?? ''));
    const toNames = g.flatMap((x) => splitItems(x.cells.toItems ?? ''));
    if (fromNames.length === 0 || fromNames.length !== toNames.length) {
      issues.push({ ...at, layout: from.id, column: r.columns.fromItems, value: r.cells.fromItems, reason: `関連元項目(${fromNames.length})と関連先項目(${toNames.length})の数が合いません: relation not imported` });
      continue;
    }
    const fields: string[] = [];
    const refFields: string[] = [];
    let ok = true;
    fromNames.forEach((name, i) => {
      const id = resolveItem(from, name);
      if (!id) {
        issues.push({ ...at, layout: from.id, column: r.columns.fromItems, value: name, reason: `項目「${name}」が ${from.id} にありません: relation not imported` });
        ok = false;
        return;
      }
      fields.push(id);
      const t = to ? resolveItem(to, toNames[i]) : /^[A-Za-z][A-Za-z0-9_]*$/.test(normaliseCell(toNames[i])) ? normaliseCell(toNames[i]) : undefined;
      if (!t) {
        issues.push({ ...at, layout: from.id, column: r.columns.toItems, value: toNames[i], reason: to ? `項目「${toNames[i]}」が ${to.id} にありません: relation not imported` : `このブックにないファイルの項目は項目ID(英数字)で書いてください: relation not imported` });
        ok = false;
        return;
      }
      refFields.push(t);
    });
    if (!ok) continue;
    if (to) {
      const pk = (to.schema['x-primaryKey'] as string[] | undefined) ?? [];
      if (pk.join() !== refFields.join()) {
        issues.push({ ...at, layout: from.id, column: r.columns.toItems, value: toNames.join('、'), reason: `関連先項目が ${to.id} の主キー(${pk.join(', ') || 'なし'})と一致しません: relation not imported (a relation must reference the primary key, in order)` });
        continue;
      }
    }
    const fks = ((from.schema['x-foreignKeys'] as Array<{ fields: string[]; references: { layout: string; fields: string[] } }> | undefined) ?? []);
    if (fks.some((k) => k.fields.join() === fields.join() && k.references.layout === toId && k.references.fields.join() === refFields.join())) continue;
    fks.push({ fields, references: { layout: toId, fields: refFields } });
    from.schema['x-foreignKeys'] = fks;
  }
}
