/**
 * How a column writes its dates, recognised value by value, for `mapping init`: era code digits
 * + YYMMDD (`3550301`, `03550301`), era letters (`S55.03.01`, `H14.1.2`, `S550301`), era names
 * (`昭和55年3月1日`), and 西暦 (`19800301`, `1980/3/1`, `1980-03-01`). Full-width digits count as
 * digits. A value is recognised only when it is a real day inside its era (00 month or day, the
 * standard's 不詳, is allowed and counted), so random digits rarely pass.
 */
import { ERAS } from '../transforms/wareki.ts';

export type DateForm =
  | { kind: 'era-digits'; eraDigits: 1 | 2 }
  | { kind: 'era-letters'; separator: string; padded: boolean }
  | { kind: 'era-names' }
  | { kind: 'western'; pattern: string };

export interface DateReading {
  form: DateForm;
  /** yyyymmdd (00 for an unknown month/day). */
  ymd: number;
  fullWidthDigits: boolean;
  zeroPart: boolean;
}

/** Era letters of the de-facto convention: 明治 M, 大正 T, 昭和 S, 平成 H, 令和 R. */
export const ERA_LETTERS: Record<string, string> = { M: 'meiji', T: 'taisho', S: 'showa', H: 'heisei', R: 'reiwa' };
const ERA_NAMES = ['明治', '大正', '昭和', '平成', '令和'];

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A real day (00 month/day allowed as unknown), between 1868 and 2100. */
function ymdOf(y: number, m: number, d: number): number | undefined {
  if (y < 1868 || y > 2100 || m > 12 || (m === 0 && d !== 0)) return undefined;
  if (m !== 0 && d > daysIn(y, m)) return undefined;
  return y * 10000 + m * 100 + d;
}

/** The era (0-based) and year in it → yyyymmdd, when the day lies inside the era. */
function eraYmd(era: number, yy: number, m: number, d: number): number | undefined {
  const e = ERAS[era];
  if (!e || yy < 1) return undefined;
  const y = Math.floor(e.first / 10000) + yy - 1;
  const n = ymdOf(y, m, d);
  if (n === undefined) return undefined;
  const lo = m === 0 ? y * 10000 + 101 : d === 0 ? y * 10000 + m * 100 + 1 : n;
  const hi = m === 0 ? y * 10000 + 1231 : d === 0 ? y * 10000 + m * 100 + daysIn(y, m) : n;
  return hi < e.first || lo > e.last ? undefined : n;
}

const RE_ERA_DIGITS = /^(0?[1-5])([0-9]{2})([0-9]{2})([0-9]{2})$/;
const RE_LETTERS = /^([MTSHRmtshr])([0-9]{1,2})([./-]?)([0-9]{1,2})\3([0-9]{1,2})$/;
const RE_NAMES = /^(明治|大正|昭和|平成|令和)(元|[0-9]{1,2})年([0-9]{1,2})月([0-9]{1,2})日$/;
const RE_WESTERN = /^([0-9]{4})([./-]?)([0-9]{1,2})\2([0-9]{1,2})$/;

/** The date a value writes, and in which form; undefined when it is not a date chukan can read. */
export function readDate(raw: string): DateReading | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  const v = trimmed.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const fullWidthDigits = v !== trimmed;
  let m: RegExpExecArray | null;
  if ((m = RE_ERA_DIGITS.exec(v))) {
    const n = eraYmd(Number(m[1]) - 1, Number(m[2]), Number(m[3]), Number(m[4]));
    if (n !== undefined) return { form: { kind: 'era-digits', eraDigits: m[1]!.length as 1 | 2 }, ymd: n, fullWidthDigits, zeroPart: m[3] === '00' || m[4] === '00' };
  }
  if ((m = RE_LETTERS.exec(v))) {
    const era = Object.keys(ERA_LETTERS).indexOf(m[1]!.toUpperCase());
    const n = eraYmd(era, Number(m[2]), Number(m[4]), Number(m[5]));
    const padded = m[2]!.length === 2 && m[4]!.length === 2 && m[5]!.length === 2;
    if (n !== undefined) return { form: { kind: 'era-letters', separator: m[3]!, padded }, ymd: n, fullWidthDigits, zeroPart: Number(m[4]) === 0 || Number(m[5]) === 0 };
  }
  if ((m = RE_NAMES.exec(v))) {
    const n = eraYmd(ERA_NAMES.indexOf(m[1]!), m[2] === '元' ? 1 : Number(m[2]), Number(m[3]), Number(m[4]));
    if (n !== undefined) return { form: { kind: 'era-names' }, ymd: n, fullWidthDigits, zeroPart: Number(m[3]) === 0 || Number(m[4]) === 0 };
  }
  if ((m = RE_WESTERN.exec(v))) {
    const sep = m[2]!;
    if (sep === '' && (m[3]!.length !== 2 || m[4]!.length !== 2)) return undefined;
    const n = ymdOf(Number(m[1]), Number(m[3]), Number(m[4]));
    const pattern = sep === '' ? 'YYYYMMDD' : `YYYY${sep}M${sep}D`;
    if (n !== undefined) return { form: { kind: 'western', pattern }, ymd: n, fullWidthDigits, zeroPart: m[3] === '00' || m[4] === '00' };
  }
  return undefined;
}

/** A stable key for counting forms. */
export function formKey(f: DateForm): string {
  switch (f.kind) {
    case 'era-digits': return `era-digits:${f.eraDigits}`;
    case 'era-letters': return `era-letters:${f.separator}`;
    case 'era-names': return 'era-names';
    case 'western': return `western:${f.pattern}`;
  }
}

/** How a form is described to people (no values). */
export function formText(f: DateForm): string {
  switch (f.kind) {
    case 'era-digits': return `和暦: ${f.eraDigits}-digit era code + YYMMDD`;
    case 'era-letters': return `和暦: era letter + YY${f.separator}MM${f.separator}DD${f.padded ? '' : ' (not zero-padded)'}`;
    case 'era-names': return '和暦: era name + 年月日 (昭和55年3月1日)';
    case 'western': return `西暦 ${f.pattern}`;
  }
}
