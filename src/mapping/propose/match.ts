/**
 * Which sample column feeds which layout item: every (item, column) pair gets a score from the
 * column's name (exact, folded, a synonym from tables/column-synonyms.csv, a near miss, a
 * containment) and from its content (does what is in it fit the item's type, length, code list,
 * date form, check digit?), then pairs are taken best first, each item and column once.
 *
 * A match is *confident* only when the name says so (exact, folded or synonym) and the content
 * does not contradict it, or — without names — when the content is an identifier whose check
 * digits hold and no other column fits the item. Everything else is *to check*: the proposal
 * never presents a guess as a certainty.
 */
import type { CompiledLayout, FieldDef } from '../../layouts/index.ts';
import { fieldCodeTable } from '../../layouts/code-tables.ts';
import { editDistance, foldName } from './fold.ts';
import { shareWithin, type ColumnProfile } from './profile.ts';
import { synonymsOf, type SynonymTable } from './synonyms.ts';

export type NameMatch = 'exact' | 'folded' | 'synonym' | 'near' | 'partial';
export type Confidence = 'confident' | 'check';

export interface FieldMatch {
  field: FieldDef;
  column: ColumnProfile;
  confidence: Confidence;
  name?: NameMatch;
  /** How well the content fits the item, 0..1. */
  fit: number;
  /** Why, in short English phrases (names and shapes, never values). */
  reasons: string[];
  /** Set when the item takes the same column as another item (生年月日(和暦) beside 生年月日). */
  companionOf?: string;
}

interface Fit {
  fit: number;
  why: string;
}

export function nameMatch(header: string, f: FieldDef, synonyms: SynonymTable): { kind: NameMatch; score: number } | undefined {
  const h = header.replace(/^[\ufeff\s\u3000]+|[\s\u3000]+$/g, '');
  if (h === '') return undefined;
  if (h === f.title || h === f.id) return { kind: 'exact', score: 1 };
  const fh = foldName(h);
  const ft = foldName(f.title);
  if (fh === '' ) return undefined;
  if (fh === ft || fh === foldName(f.id)) return { kind: 'folded', score: 0.95 };
  if (synonymsOf(synonyms, f.title, f.id).has(fh)) return { kind: 'synonym', score: 0.9 };
  if (Math.min(fh.length, ft.length) >= 4 && editDistance(fh, ft) <= 1) return { kind: 'near', score: 0.7 };
  if (Math.min(fh.length, ft.length) >= 2 && (fh.includes(ft) || ft.includes(fh))) return { kind: 'partial', score: 0.55 };
  return undefined;
}

const NAME_TEXT: Record<NameMatch, string> = {
  exact: 'is the item name', folded: 'is the item name (after width/kana/space folding)', synonym: 'is a synonym of the item (tables/column-synonyms.csv)',
  near: 'is one letter away from the item name', partial: 'contains the item name or is part of it',
};

/** How well a column's content fits an item. */
export function contentFit(layout: CompiledLayout, f: FieldDef, p: ColumnProfile): Fit {
  if (p.filled === 0) return { fit: 0.3, why: 'empty in the sample' };
  // A few over-long values are the data's faults (the layout check rejects them), not a sign of another item.
  const lengthOk = !f.length?.max || f.length.unit !== 'characters' || shareWithin(p, f.length.max) >= 0.95;
  const scaled = (r: Fit): Fit => (lengthOk ? r : { fit: r.fit * 0.5, why: `${r.why}, but longer than ${f.length!.max}` });
  if (f.date) {
    if (!p.date) return { fit: 0, why: 'not dates' };
    if (f.date.format === 'wareki') return p.date.form.kind === 'era-digits' ? { fit: 1, why: '和暦 era code + YYMMDD' } : { fit: 0.4, why: 'dates, but not era code + YYMMDD' };
    const partial = p.date.zeroParts > 0 && !f.date.allowUnknown;
    return { fit: partial ? 0.8 : 1, why: partial ? 'dates, some with month or day 00' : 'dates' };
  }
  if (p.date && p.digits < 0.5) return { fit: 0.05, why: 'dates' };
  const table = fieldCodeTable(layout, f);
  if (table) {
    if (!p.codes) return { fit: 0.1, why: 'too many different values for codes' };
    const codes = new Set(table.codes.map((c) => c.code));
    let inList = 0;
    let total = 0;
    for (const [v, n] of p.codes) { total += n; if (codes.has(v)) inList += n; }
    const share = total === 0 ? 0 : inList / total;
    return share === 1 ? { fit: 1, why: `every value is a code of ${table.id}` } : { fit: 0.45 + 0.4 * share, why: `${p.distinct} code values, ${Math.round(share * 100)}% of them codes of ${table.id}` };
  }
  switch (f.identifier) {
    case 'yubinNo':
    case 'yubinNoHyphen':
      if (p.postalHyphen >= 0.8) return { fit: 1, why: 'NNN-NNNN' };
      return p.digits >= 0.95 && p.maxLength === 7 && p.minLength === 7 ? { fit: 0.7, why: '7 digits' } : { fit: 0, why: 'not postal codes' };
    case 'mynumber':
      if (p.identifiers.mynumber >= 0.9) return { fit: 1, why: '12 digits whose 個人番号 check digit holds' };
      return p.digits >= 0.95 && p.maxLength === 12 ? { fit: 0.4, why: '12 digits, check digit wrong' } : { fit: 0, why: 'not 12 digits' };
    case 'dantaiCode':
      if (p.identifiers.dantaiCode >= 0.9) return { fit: 1, why: `6 digits whose 団体コード check digit holds${p.constant ? ', the same in every record' : ''}` };
      return p.digits >= 0.95 && p.maxLength <= 6 ? { fit: 0.4, why: 'digits, no valid 団体コード check digit' } : { fit: 0, why: 'not 6 digits' };
    default:
      break;
  }
  const cls = f.charClass ?? [];
  if (cls.includes('digits')) {
    if (p.digits < 0.95) return { fit: 0.05, why: 'not digits' };
    const fixed = f.length?.min !== undefined && f.length.min === f.length.max;
    if (!lengthOk) return { fit: 0.2, why: `digits longer than ${f.length!.max}` };
    return fixed && p.minLength === f.length!.max && p.maxLength === f.length!.max ? { fit: 1, why: `${p.maxLength} digits` } : { fit: 0.75, why: 'digits' };
  }
  if (cls.includes('zenkakuKana')) {
    if (p.hankakuKana >= 0.8) return scaled({ fit: 1, why: 'half-width kana' });
    if (p.zenkakuKana >= 0.8) return scaled({ fit: 1, why: 'katakana' });
    if (p.hiragana >= 0.8) return scaled({ fit: 0.4, why: 'hiragana' });
    return { fit: 0.05, why: 'not kana' };
  }
  if (cls.includes('zenkaku')) return scaled(textFit(f, p));
  if (p.hankakuKana >= 0.8 && f.fieldClass === 'kanaName') return scaled({ fit: 0.9, why: 'half-width kana' });
  return scaled({ fit: p.kanji > 0 || p.asciiOnly < 1 ? 0.5 : 0.3, why: 'text' });
}

/** Full-width text items: names, addresses. The item's own name says which signature to look for. */
function textFit(f: FieldDef, p: ColumnProfile): Fit {
  const t = f.title;
  if (p.digits >= 0.95) return { fit: 0.1, why: 'digits' };
  if (p.hankakuKana >= 0.8) return { fit: 0.2, why: 'half-width kana' };
  if (t.includes('都道府県')) return p.endsTodofuken >= 0.8 ? { fit: 1, why: 'ends in 都道府県' } : { fit: 0.3, why: 'text' };
  if (t.includes('市区町村')) return p.endsShikuchoson >= 0.8 ? { fit: 1, why: 'ends in 市区町村' } : { fit: 0.3, why: 'text' };
  if (t.includes('番地')) return p.banchi >= 0.8 ? { fit: 0.9, why: 'numbers with 丁目/番/号 or hyphens' } : { fit: p.kanji > 0.5 ? 0.5 : 0.3, why: 'text' };
  if (p.banchi >= 0.8) return { fit: 0.2, why: 'numbers with 丁目/番/号 or hyphens' };
  if (p.endsTodofuken >= 0.8 || p.endsShikuchoson >= 0.8) return { fit: 0.2, why: 'place names' };
  if (f.fieldClass === 'name') return p.kanji >= 0.5 ? { fit: p.innerSpace >= 0.5 ? 0.9 : 0.6, why: p.innerSpace >= 0.5 ? 'kanji names with a space between parts' : 'kanji text' } : { fit: 0.3, why: 'text' };
  if (p.kanji >= 0.5) return { fit: 0.6, why: 'kanji text' };
  return { fit: 0.3, why: 'text' };
}

/** Items that can be matched by content alone with confidence: their check digits say what they are. */
function distinctive(f: FieldDef): boolean {
  return f.identifier === 'mynumber' || f.identifier === 'dantaiCode' || f.identifier === 'yubinNo' || f.identifier === 'yubinNoHyphen';
}

interface Pair {
  f: FieldDef;
  p: ColumnProfile;
  score: number;
  name?: { kind: NameMatch; score: number };
  fit: Fit;
}

/**
 * Matches every layout item it can to a sample column. `header` says whether the profiles carry
 * header names; without them only content speaks, and the order of items and columns breaks ties.
 */
export function matchColumns(layout: CompiledLayout, columns: readonly ColumnProfile[], synonyms: SynonymTable): FieldMatch[] {
  const pairs: Pair[] = [];
  const nf = layout.fields.length;
  const nc = columns.length;
  // The earliest dates of a record are its birth date (and a lone date column in a person file most
  // often is one): 生年月日 prefers the column with the earliest median.
  const dated = columns.filter((c) => c.date);
  const earliest = dated.length > 0 ? dated.reduce((a, b) => (b.date!.median < a.date!.median ? b : a)) : undefined;
  for (const f of layout.fields) {
    for (const p of columns) {
      const name = p.header !== undefined ? nameMatch(p.header, f, synonyms) : undefined;
      const fit = contentFit(layout, f, p);
      let score = name ? 0.6 * name.score + 0.4 * fit.fit : 0.5 * fit.fit;
      if (name && fit.fit < 0.2) score *= 0.5;
      if (!name && fit.fit < 0.6) continue;
      if (!name && f.title.startsWith('生年月日') && earliest && p === earliest) score += 0.05;
      // Without a name, an export is likelier to hold the items the layout requires (氏名 before 旧氏).
      if (!name && f.required) score += 0.03;
      // Ties between equally good columns: the one at the same relative position.
      score -= 0.01 * Math.abs(f.index / Math.max(1, nf - 1) - p.index / Math.max(1, nc - 1));
      if (score >= 0.3) pairs.push({ f, p, score, name, fit });
    }
  }
  pairs.sort((a, b) => b.score - a.score);
  const takenF = new Set<string>();
  const takenC = new Set<number>();
  const matches: FieldMatch[] = [];
  for (const pair of pairs) {
    if (takenF.has(pair.f.id) || takenC.has(pair.p.index)) continue;
    takenF.add(pair.f.id);
    takenC.add(pair.p.index);
    matches.push(toMatch(pair, pairs));
  }
  orderDatesByContent(matches);
  addCompanions(layout, matches);
  return matches.sort((a, b) => a.field.index - b.field.index);
}

/**
 * Date items matched by content alone cannot be told apart by their values' form; their order
 * can: a layout lists the dates of a record as they happen (生年月日, 住民となった日, 住定日,
 * 異動日…), so the columns, by median date, go to the items in layout order.
 */
function orderDatesByContent(matches: FieldMatch[]): void {
  const dated = matches.filter((m) => m.name === undefined && m.companionOf === undefined && m.field.date?.format === 'YYYYMMDD' && m.column.date);
  if (dated.length < 2) return;
  const columns = dated.map((m) => m.column).sort((a, b) => a.date!.median - b.date!.median);
  const items = dated.slice().sort((a, b) => a.field.index - b.field.index);
  items.forEach((m, i) => {
    if (m.column === columns[i]) return;
    m.column = columns[i]!;
    m.reasons = [`column ${m.column.index + 1}: content only`, 'values: dates', 'dates told apart by their order in a record (earlier median date → earlier item of the layout)'];
  });
}

function toMatch(pair: Pair, all: Pair[]): FieldMatch {
  const { f, p, name, fit } = pair;
  const reasons: string[] = [];
  const where = p.header !== undefined ? `header "${p.header}"` : `column ${p.index + 1}`;
  if (name) reasons.push(`${where} ${NAME_TEXT[name.kind]}`);
  else reasons.push(`${where}: content only`);
  reasons.push(`values: ${fit.why}`);
  let confidence: Confidence = 'check';
  if (name && (name.kind === 'exact' || name.kind === 'folded' || name.kind === 'synonym') && fit.fit >= 0.5) confidence = 'confident';
  else if (!name && distinctive(f) && fit.fit === 1 && !all.some((o) => o.f === f && o.p !== p && o.fit.fit >= 0.8)) confidence = 'confident';
  if (name && fit.fit < 0.5) reasons.push('the name fits but the values do not');
  return { field: f, column: p, confidence, ...(name ? { name: name.kind } : {}), fit: fit.fit, reasons };
}

/**
 * An item that is another item's 和暦 form (`生年月日(和暦)` beside `生年月日`) and that item take
 * the same column when it holds era code + YYMMDD: one vendor column, two standard items, whichever
 * of the two the column's name matched.
 */
function addCompanions(layout: CompiledLayout, matches: FieldMatch[]): void {
  const mapped = new Map(matches.map((m) => [m.field.id, m]));
  for (const wareki of layout.fields) {
    if (wareki.date?.format !== 'wareki') continue;
    const baseTitle = foldName(wareki.title.replace(/[(（]?和暦[)）]?/, ''));
    const base = layout.fields.find((f) => f !== wareki && f.date?.format === 'YYYYMMDD' && foldName(f.title) === baseTitle);
    if (!base) continue;
    const [have, missing] = mapped.has(wareki.id) && !mapped.has(base.id) ? [mapped.get(wareki.id)!, base] : mapped.has(base.id) && !mapped.has(wareki.id) ? [mapped.get(base.id)!, wareki] : [undefined, undefined];
    if (!have || !missing || have.column.date?.form.kind !== 'era-digits') continue;
    const m: FieldMatch = {
      field: missing, column: have.column, confidence: have.confidence, fit: 1, companionOf: have.field.id,
      reasons: [missing === wareki ? `the 和暦 form of ${base.title}: the same column, kept as it came` : `${base.title} from its 和暦 form (${wareki.title}): the same column, converted`],
    };
    matches.push(m);
    mapped.set(missing.id, m);
  }
}
