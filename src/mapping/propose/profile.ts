/**
 * What the values of one sample column look like, for matching it to layout items: counts of
 * shapes (digits, kana, kanji…), lengths, dates and their form, identifiers whose check digits
 * hold, and — only for short code-like values — the distinct values with their counts. Values
 * themselves never leave this module except those code values (a code is not personal data;
 * names, dates and numbers are).
 */
import { checkIdentifier, IDENT_OK } from '../../layouts/check-digits.ts';
import { formKey, readDate, type DateForm } from './date-forms.ts';

export interface DateProfile {
  form: DateForm;
  /** Share of the filled values read in this form. */
  share: number;
  zeroParts: number;
  fullWidthDigits: number;
  /** Median yyyymmdd of the values read (birth dates are the earliest dates of a record). */
  median: number;
}

export interface ColumnProfile {
  /** 0-based position. */
  index: number;
  /** Header cell, when the sample has a header row. */
  header?: string;
  rows: number;
  filled: number;
  distinct: number;
  /** Only when at most 40 distinct values of at most 6 characters (codes): value → count. */
  codes?: Map<string, number>;
  minLength: number;
  maxLength: number;
  /** Length (code points) → values of that length: a few over-long values must not hide the rest. */
  lengths: Map<number, number>;
  /** Values with spaces (half- or full-width) at either end. */
  padded: number;
  /** Shares of the filled values (0..1). */
  digits: number;
  /** ASCII digits after removing one `-` (郵便番号 written 920-0810). */
  postalHyphen: number;
  hankakuKana: number;
  zenkakuKana: number;
  hiragana: number;
  kanji: number;
  /** Digits, ASCII letters and - / only (番地 18-27-19, codes, numbers). */
  asciiOnly: number;
  /** Holding any half-width character (ASCII, half-width kana): a 全角 item needs `width`. */
  halfWidth: number;
  /** Holding a lower-case ASCII letter. */
  lowerCase: number;
  /** A space or U+3000 between two parts (氏名 山田　太郎). */
  innerSpace: number;
  /** Digits with 丁目, 番, 号, 番地 or hyphens (住所_番地: 3丁目18番5号, 18-27-19). */
  banchi: number;
  /** Ends with 都, 道, 府 or 県; with 市, 区, 町 or 村. */
  endsTodofuken: number;
  endsShikuchoson: number;
  date?: DateProfile;
  /** Share of the filled values whose check digit holds, per identifier kind tried. */
  identifiers: { mynumber: number; dantaiCode: number };
  /** Every filled value is the same. */
  constant: boolean;
}

const HANKAKU_KANA = /[\uff61-\uff9f]/;
const ZENKAKU_KANA_ONLY = /^[\u30a1-\u30fe\u3000 ]+$/;
const HIRAGANA_ONLY = /^[\u3041-\u309e\u30fc\u3000 ]+$/;
const KANJI = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}\ue000-\uf8ff]/u;

export function profileColumns(rows: readonly (readonly string[])[], header: readonly string[] | undefined, width: number): ColumnProfile[] {
  const out: ColumnProfile[] = [];
  for (let c = 0; c < width; c++) {
    const values: string[] = [];
    for (const r of rows) values.push(r[c] ?? '');
    out.push(profileColumn(c, values, header?.[c]));
  }
  return out;
}

export function profileColumn(index: number, values: readonly string[], header?: string): ColumnProfile {
  let filled = 0;
  let padded = 0;
  let minLength = Infinity;
  let maxLength = 0;
  const n = { banchi: 0, halfWidth: 0, lowerCase: 0, digits: 0, postalHyphen: 0, hankakuKana: 0, zenkakuKana: 0, hiragana: 0, kanji: 0, asciiOnly: 0, innerSpace: 0, endsTodofuken: 0, endsShikuchoson: 0, mynumber: 0, dantaiCode: 0 };
  const distinct = new Map<string, number>();
  const lengths = new Map<number, number>();
  const forms = new Map<string, { form: DateForm; count: number; zero: number; wide: number; ymds: number[] }>();
  for (const raw of values) {
    const v = raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (v === '') continue;
    filled++;
    if (v !== raw) padded++;
    const len = Array.from(v).length;
    minLength = Math.min(minLength, len);
    maxLength = Math.max(maxLength, len);
    lengths.set(len, (lengths.get(len) ?? 0) + 1);
    if (distinct.size <= 1000) distinct.set(v, (distinct.get(v) ?? 0) + 1);
    if (/[\x20-\x7e\uff61-\uff9f]/.test(v)) n.halfWidth++;
    if (/[a-z]/.test(v)) n.lowerCase++;
    if (/^[0-9]+$/.test(v)) n.digits++;
    if (/^[0-9]{3}-[0-9]{4}$/.test(v)) n.postalHyphen++;
    if (HANKAKU_KANA.test(v)) n.hankakuKana++;
    if (ZENKAKU_KANA_ONLY.test(v)) n.zenkakuKana++;
    if (HIRAGANA_ONLY.test(v)) n.hiragana++;
    if (KANJI.test(v)) n.kanji++;
    if (/^[0-9A-Za-z\-/]+$/.test(v)) n.asciiOnly++;
    if (/\S[\s\u3000]+\S/.test(v)) n.innerSpace++;
    if (/^[0-9０-９]+([丁目番地号の\-－ー−]+[0-9０-９]*)*[丁目番地号]?$/.test(v) && /[丁目番地号\-－ー−]/.test(v)) n.banchi++;
    if (/[都道府県]$/.test(v) && len <= 5) n.endsTodofuken++;
    if (/[市区町村]$/.test(v)) n.endsShikuchoson++;
    if (v.length === 12 && checkIdentifier('mynumber', v) === IDENT_OK) n.mynumber++;
    if (v.length === 6 && checkIdentifier('dantaiCode', v) === IDENT_OK) n.dantaiCode++;
    const d = readDate(v);
    if (d) {
      const key = formKey(d.form);
      let f = forms.get(key);
      if (!f) forms.set(key, (f = { form: d.form, count: 0, zero: 0, wide: 0, ymds: [] }));
      f.count++;
      if (d.zeroPart) f.zero++;
      if (d.fullWidthDigits) f.wide++;
      // Era letters may be zero-padded in some values only: the form is padded only if all are.
      if (d.form.kind === 'era-letters' && f.form.kind === 'era-letters' && !d.form.padded) f.form = { ...f.form, padded: false };
      if (f.ymds.length < 2000) f.ymds.push(d.ymd);
    }
  }
  const share = (k: number) => (filled === 0 ? 0 : k / filled);
  let date: DateProfile | undefined;
  const best = [...forms.values()].sort((a, b) => b.count - a.count)[0];
  if (best && share(best.count) >= 0.8) {
    const ymds = best.ymds.slice().sort((a, b) => a - b);
    date = { form: best.form, share: share(best.count), zeroParts: best.zero, fullWidthDigits: best.wide, median: ymds[Math.floor(ymds.length / 2)] ?? 0 };
  }
  const codeLike = distinct.size <= 40 && [...distinct.keys()].every((k) => Array.from(k).length <= 6);
  return {
    index,
    ...(header !== undefined ? { header } : {}),
    rows: values.length,
    filled,
    distinct: distinct.size,
    ...(codeLike && filled > 0 ? { codes: distinct } : {}),
    minLength: filled === 0 ? 0 : minLength,
    maxLength,
    lengths,
    padded,
    halfWidth: share(n.halfWidth),
    lowerCase: share(n.lowerCase),
    digits: share(n.digits),
    postalHyphen: share(n.postalHyphen),
    hankakuKana: share(n.hankakuKana),
    zenkakuKana: share(n.zenkakuKana),
    hiragana: share(n.hiragana),
    kanji: share(n.kanji),
    asciiOnly: share(n.asciiOnly),
    innerSpace: share(n.innerSpace),
    banchi: share(n.banchi),
    endsTodofuken: share(n.endsTodofuken),
    endsShikuchoson: share(n.endsShikuchoson),
    ...(date ? { date } : {}),
    identifiers: { mynumber: share(n.mynumber), dantaiCode: share(n.dantaiCode) },
    constant: distinct.size === 1 && filled > 1,
  };
}

/** Share of the filled values at most `max` code points long. */
export function shareWithin(p: ColumnProfile, max: number): number {
  let n = 0;
  for (const [len, k] of p.lengths) if (len <= max) n += k;
  return p.filled === 0 ? 1 : n / p.filled;
}

/** The column's shape in a few words (for the summary and the mapping's comments; never values). */
export function shapeText(p: ColumnProfile): string {
  if (p.filled === 0) return 'always empty in the sample';
  const parts: string[] = [];
  if (p.date) parts.push(`dates (${Math.round(p.date.share * 100)}%)`);
  else if (p.postalHyphen >= 0.8) parts.push('NNN-NNNN');
  else if (p.digits >= 0.95) parts.push(p.minLength === p.maxLength ? `${p.maxLength} digits` : `${p.minLength}–${p.maxLength} digits`);
  else if (p.hankakuKana >= 0.8) parts.push('half-width kana');
  else if (p.zenkakuKana >= 0.8) parts.push('katakana');
  else if (p.kanji >= 0.5) parts.push(`kanji text, ≤ ${p.maxLength} characters`);
  else if (p.asciiOnly >= 0.8) parts.push(`ASCII, ≤ ${p.maxLength} characters`);
  else parts.push(`text, ≤ ${p.maxLength} characters`);
  if (p.codes && p.distinct <= 12 && !p.date) parts.push(`${p.distinct} distinct value${p.distinct === 1 ? '' : 's'}`);
  if (p.filled < p.rows) parts.push(`${Math.round((1 - p.filled / p.rows) * 100)}% empty`);
  return parts.join(', ');
}
