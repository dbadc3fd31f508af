/**
 * The transforms a matched item needs, from the item's type and the column's shape: trim, the
 * 和暦 conversion with the era digits found, 半角カナ → 全角, 郵便番号 without its hyphen, zero
 * padding to a fixed length, and for code items a codeMap skeleton listing the values found
 * beside the layout's codes. What no transform can do yet is said as a TODO, never papered over.
 */
import type { CompiledLayout, FieldDef } from '../../layouts/index.ts';
import { fieldCodeTable } from '../../layouts/code-tables.ts';
import { ERA_LETTERS, formText, type DateForm } from './date-forms.ts';
import { warekiTransform } from '../transforms/wareki.ts';
import type { FieldMatch } from './match.ts';

/** A transform as the mapping writes it: a name, or `{ name: argument(s) }`. */
export type Step = string | { [name: string]: string | Record<string, string | Record<string, string>> };

export interface CodeRow {
  /** The value found in the sample. */
  value: string;
  count: number;
  /** The standard code with the same (or zero-padded) text, when the layout's list has one. */
  same?: string;
  label?: string;
}

/** The target written for a value nobody has translated yet: not a code, so the layout check rejects it loudly. */
export const CODE_TODO = 'TODO';

export interface CodeSkeleton {
  table: string;
  tableName: string;
  rows: CodeRow[];
  /**
   * Every value found is a standard code (or one zero-padded): the table maps each to it, to be
   * confirmed. Otherwise the vendor has codes of its own, so even a value that looks like a
   * standard code may mean something else: every row targets CODE_TODO until someone fills it in.
   */
  identity: boolean;
  /** The layout's codes, for the comment under the table. */
  standard: { code: string; name: string }[];
}

export interface FieldPlan {
  steps: Step[];
  notes: string[];
  codes?: CodeSkeleton;
}

export function planField(layout: CompiledLayout, m: FieldMatch): FieldPlan {
  const f = m.field;
  const p = m.column;
  const steps: Step[] = ['trim'];
  const notes: string[] = [];
  if (p.filled === 0) return { steps, notes: ['always empty in the sample: check that this is the right column'] };
  if (f.date && p.date) {
    const form = p.date.form;
    if (p.date.fullWidthDigits > 0) steps.push({ width: 'asciiToHankaku' });
    if (f.date.format === 'wareki') {
      if (form.kind !== 'era-digits') notes.push(`TODO: the column holds ${formText(form)}; this item wants era code + YYMMDD as it is (no transform turns other forms into it)`);
      return { steps, notes };
    }
    const zero = p.date.zeroParts > 0;
    const keep: Record<string, string> = zero && f.date.allowUnknown ? { zeroMonthDay: 'keep' } : {};
    if (zero && !f.date.allowUnknown) notes.push('some values have month or day 00 (unknown), which this item does not allow: they will be rejected');
    const pattern = writtenEraPattern(form);
    if (pattern && WAREKI_READS_WRITTEN_ERAS) {
      // The era as written (S60.11.02, 昭和60年11月2日) is declared in the mapping: wareki's `from`.
      if (p.date.fullWidthDigits > 0) steps.pop();
      steps.push({ wareki: { from: pattern, ...(p.lowerCase > 0 ? { ignoreCase: 'true' } : {}), ...(p.date.fullWidthDigits > 0 ? { foldWidth: 'true' } : {}), ...keep } });
      return { steps, notes };
    }
    switch (form.kind) {
      case 'era-digits':
        steps.push({ wareki: { eraDigits: String(form.eraDigits), ...keep } });
        break;
      case 'era-letters':
        if (!form.padded) notes.push('TODO: not every value is zero-padded (H14.1.2): the wareki transform reads era letter + YYMMDD only, so those values will be rejected');
        if (p.lowerCase > 0) steps.push('upper');
        if (form.separator !== '') steps.push({ replace: { from: form.separator, to: '' } });
        steps.push({ wareki: { eras: { ...ERA_LETTERS }, ...keep } });
        break;
      case 'era-names':
        notes.push('TODO: 和暦 written with era names (昭和55年3月1日): this wareki transform reads era codes only');
        break;
      case 'western':
        if (form.pattern !== 'YYYYMMDD') steps.push({ date: { from: form.pattern } });
        break;
    }
    return { steps, notes };
  }
  const table = fieldCodeTable(layout, f);
  if (table) return { steps, notes, codes: codeSkeleton(table.id, table.name, table.codes, p.codes) };
  if (f.identifier === 'yubinNo' || f.identifier === 'yubinNoHyphen') {
    if (p.postalHyphen > 0 && f.identifier === 'yubinNo') steps.push({ replace: { from: '-', to: '' } });
    steps.push({ digitsOnly: 'check' });
    return { steps, notes };
  }
  const cls = f.charClass ?? [];
  const fixed = f.length?.min !== undefined && f.length.min === f.length.max ? f.length.max : undefined;
  if (cls.includes('digits') && p.digits >= 0.95 && fixed !== undefined && p.minLength < fixed) steps.push({ pad: { length: String(fixed) } });
  // 全角 items: half-width kana, ASCII letters, digits and spaces become full-width (ｶﾞ → ガ, 1 → １, ' ' → U+3000).
  if ((cls.includes('zenkakuKana') || cls.includes('zenkaku')) && p.halfWidth > 0) steps.push({ width: 'toZenkaku' });
  if (cls.includes('zenkakuKana') && p.hiragana >= 0.8) notes.push('TODO: the values are hiragana and the item wants katakana; no transform converts them');
  return { steps, notes };
}

/**
 * Whether this chukan's wareki transform reads the era as written (`from: "GY.M.D"`): then era
 * letters and names are declared with it; otherwise letters go through replace + an `eras` table.
 */
const WAREKI_READS_WRITTEN_ERAS = 'from' in warekiTransform.args;

/** The wareki `from` pattern for a written era form (G era, Y year, M month, D day). */
function writtenEraPattern(form: DateForm): string | undefined {
  if (form.kind === 'era-names') return 'GY年M月D日';
  if (form.kind !== 'era-letters') return undefined;
  return form.separator === '' ? 'GYYMMDD' : `GY${form.separator}M${form.separator}D`;
}

function codeSkeleton(table: string, tableName: string, standard: readonly { code: string; name: string }[], found: ReadonlyMap<string, number> | undefined): CodeSkeleton {
  const byCode = new Map(standard.map((c) => [c.code, c.name]));
  const rows: CodeRow[] = [];
  for (const [value, count] of [...(found ?? new Map<string, number>())].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const padded = standard.find((c) => c.code.length > value.length && /^[0-9]+$/.test(value) && c.code === value.padStart(c.code.length, '0'));
    const same = byCode.has(value) ? value : padded?.code;
    rows.push({ value, count, ...(same !== undefined ? { same, label: byCode.get(same) } : {}) });
  }
  const identity = rows.length > 0 && rows.every((r) => r.same !== undefined);
  return { table, tableName, rows, identity, standard: standard.map((c) => ({ code: c.code, name: c.name })) };
}

/** `文字列 6(固定) 文字`: an item's type and length as the 項目定義書 writes them. */
export function itemTypeText(f: FieldDef): string {
  const len = f.length ? `${f.length.min !== undefined && f.length.min === f.length.max ? `${f.length.max}(固定)` : f.length.max ?? `${f.length.min}以上`} ${f.length.unit === 'characters' ? '文字' : 'バイト'}` : '';
  const type = f.date ? (f.date.format === 'wareki' ? '和暦日付' : '日付') : f.codeList ? `コード ${f.codeList}` : '文字列';
  return [type, len].filter(Boolean).join(' ');
}
