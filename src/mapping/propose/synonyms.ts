/**
 * Other names vendors give layout items (`tables/column-synonyms.csv`): two columns, 項目名 (a
 * layout item's Japanese name or its field id) and 別名 (a column name seen in exports). Read with
 * the CSV table reader (src/readers/csv-table.ts); names are compared folded (fold.ts), so one row
 * covers ｶﾅｼﾒｲ, カナ氏名 and カナ_氏名 alike. Extend the table, not the code, when a vendor's names are missing.
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../../core/package-root.ts';
import { MappingError } from '../../core/errors.ts';
import { readCsvTable, tableErrors } from '../../readers/csv-table.ts';
import { foldName } from './fold.ts';

export const SYNONYMS_FILE = 'tables/column-synonyms.csv';

/** Folded item name or field id → folded column names meaning it. */
export type SynonymTable = ReadonlyMap<string, ReadonlySet<string>>;

export function parseSynonyms(bytes: Uint8Array, shownAs: string): SynonymTable {
  const table = new Map<string, Set<string>>();
  const csv = readCsvTable(bytes, { file: shownAs });
  const broken = tableErrors(csv, shownAs)[0];
  if (broken) throw new MappingError(shownAs, broken.line, broken.detail);
  for (const [i, row] of csv.rows.entries()) {
    if (i === 0) continue; // 項目名,別名
    if (row.cells.length !== 2 || row.cells[0] === '' || row.cells[1] === '') {
      throw new MappingError(shownAs, row.line, `expected 2 non-empty columns (項目名, 別名), found ${row.cells.length}`);
    }
    const key = foldName(row.cells[0]!);
    let set = table.get(key);
    if (!set) table.set(key, (set = new Set()));
    set.add(foldName(row.cells[1]!));
  }
  return table;
}

let shipped: SynonymTable | undefined;

/** The table shipped with chukan, read once. */
export function shippedSynonyms(): SynonymTable {
  shipped ??= parseSynonyms(readFileSync(packagePath(SYNONYMS_FILE)), SYNONYMS_FILE);
  return shipped;
}

/** Folded synonyms of a layout item (by its 項目名 and by its id). */
export function synonymsOf(table: SynonymTable, title: string, id: string): ReadonlySet<string> {
  const a = table.get(foldName(title));
  const b = table.get(foldName(id));
  if (!a) return b ?? new Set();
  if (!b) return a;
  return new Set([...a, ...b]);
}
