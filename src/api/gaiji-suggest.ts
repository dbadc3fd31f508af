/**
 * Suggestions for the 外字対応表 template (`gaiji scan --template-out DIR --mj`): for each 外字 whose
 * code or glyph description the vendor gave (`--table`: their partly filled table), the MJ glyphs it
 * may be (UCS + IVS), and its 縮退 (MJ縮退マップ) to JIS X 0208 for systems that cannot hold it.
 * Candidates only — a person chooses; nothing is filled in for them.
 */
import { codePoints, parseUcsSequence } from '../cleanse/gaiji-table.ts';
import type { MjChar, MjDatabase } from '../cleanse/mj-database.ts';

export const SUGGESTION_COLUMNS = ['候補MJ文字図形名', '候補UCS', '縮退候補(JIS X 0208)', '縮退の出典'] as const;

/** What the vendor wrote about one 外字 (cells of their table, by template column key). */
export interface VendorRow {
  target?: string;
  mj?: string;
  koseki?: string;
  juki?: string;
  glyph?: string;
}

/** At most this many glyphs are listed for one character (a common kanji has a handful). */
const MAX_CANDIDATES = 8;
const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;

function candidates(row: VendorRow, db: MjDatabase): MjChar[] {
  const byCode = [
    row.mj ? db.byMj(row.mj.trim()) : undefined,
    row.koseki ? db.byKoseki(row.koseki.trim()) : undefined,
    row.juki ? db.byJuki(row.juki.trim()) : undefined,
  ].filter((x): x is MjChar => x !== undefined);
  if (byCode.length > 0) return [...new Map(byCode.map((c) => [c.mj, c])).values()];
  const target = row.target ? parseUcsSequence(row.target) : undefined;
  if (target) {
    const base = Array.from(target)[0];
    const all = db.variantsOf(base);
    const exact = all.filter((c) => c.char === target);
    return (exact.length > 0 ? exact : all).slice(0, MAX_CANDIDATES);
  }
  const m = row.glyph ? IDEOGRAPH.exec(row.glyph) : null;
  return m ? db.variantsOf(m[0]).slice(0, MAX_CANDIDATES) : [];
}

/** The four suggestion cells for one row (empty when the vendor gave nothing to go on). */
export function suggestionCells(row: VendorRow, db: MjDatabase): string[] {
  const cands = candidates(row, db);
  if (cands.length === 0) return ['', '', '', ''];
  const shukutai = new Map<string, Set<string>>();
  for (const c of cands) {
    for (const s of db.shukutai(c.mj)) {
      if (!s.x0208) continue;
      if (!shukutai.has(s.char)) shukutai.set(s.char, new Set());
      shukutai.get(s.char)!.add(s.table);
    }
  }
  return [
    cands.map((c) => c.mj).join(' '),
    cands.map((c) => codePoints(c.char)).join(' / '),
    [...shukutai.keys()].join('・'),
    [...shukutai.entries()].map(([ch, t]) => `${ch}: ${[...t].join(', ')}`).join('; '),
  ];
}
