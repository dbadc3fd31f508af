/**
 * A workbook sheet as the importers see it (cell text, row-major) and the issue an importer
 * records for anything it cannot map. Shared by the item importer (import-book.ts) and the
 * package-sheet readers (package-sheets.ts).
 */
export interface BookSheet {
  name: string;
  /** Cell text, row-major, 0-based. */
  rows: string[][];
  /** `mergedDown(r, c)`: the cell belongs to a merged range that starts in an earlier row. */
  mergedDown: (r: number, c: number) => boolean;
}

export interface ImportIssue {
  sheet: string;
  /** Layout id the row was going into, when known. */
  layout?: string;
  /** 1-based row in the sheet or CSV. */
  row?: number;
  /** Column letter (A, B, … AA). */
  column?: string;
  header?: string;
  value?: string;
  reason: string;
}

export function columnLetter(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
