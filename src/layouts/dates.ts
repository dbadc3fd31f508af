/**
 * `x-date` checks (STANDARD.md §5). Two forms:
 * - `YYYYMMDD`: 西暦, 8 digits;
 * - `wareki`: era code + YYMMDD, the era code in 1 digit (既存住基改造仕様書) or 2 digits
 *   (中間標準): 明治 1/01, 大正 2/02, 昭和 3/03, 平成 4/04, 令和 5/05. Year 01 is 元年; the date must
 *   fall inside its era (昭和64年1月8日 and 平成31年5月1日 are invalid).
 * With `allowUnknown`, month and/or day may be 00 for an unknown part (day 00 alone, or month and
 * day both 00); a partial date is valid when some day it could stand for lies inside its era.
 *
 * The checker returns a reason number so the hot path allocates nothing; `dateIssue` turns a
 * failure into finding parameters (never containing the value).
 */
import { LayoutError } from '../core/errors.ts';

export type DateFormat = 'YYYYMMDD' | 'wareki';
export interface DateSpec {
  format: DateFormat;
  allowUnknown?: boolean;
}

export const DATE_OK = 0;
export const DATE_BAD_FORMAT = 1;
export const DATE_IMPOSSIBLE = 2;
export const DATE_PARTIAL_NOT_ALLOWED = 3;
export const DATE_UNKNOWN_ERA = 4;
export const DATE_OUTSIDE_ERA = 5;

export interface Era {
  code: number;
  name: string;
  /** First and last day as yyyymmdd numbers. */
  from: number;
  to: number;
  /** Gregorian year of 元年. */
  firstYear: number;
}

/** 明治元年 starts on 慶応4年1月1日 = 1868-01-25 (the 改元 of 1868-10-23 was retroactive). */
export const ERAS: readonly Era[] = [
  { code: 1, name: '明治', from: 18680125, to: 19120729, firstYear: 1868 },
  { code: 2, name: '大正', from: 19120730, to: 19261224, firstYear: 1912 },
  { code: 3, name: '昭和', from: 19261225, to: 19890107, firstYear: 1926 },
  { code: 4, name: '平成', from: 19890108, to: 20190430, firstYear: 1989 },
  { code: 5, name: '令和', from: 20190501, to: 99991231, firstYear: 2019 },
];

export function parseDateSpec(spec: unknown, layout = '(date)'): DateSpec {
  if (typeof spec !== 'object' || spec === null) throw new LayoutError(layout, 'x-date must be an object');
  const s = spec as Record<string, unknown>;
  if (s.format !== 'YYYYMMDD' && s.format !== 'wareki') {
    throw new LayoutError(layout, `x-date format "${String(s.format)}" is not one of YYYYMMDD, wareki`);
  }
  return { format: s.format, allowUnknown: s.allowUnknown === true };
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Digits at [i, i+n) as a number, or -1 when any is not 0-9. */
function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Checks month/day of year `y`; returns a reason and, via `range`, the earliest/latest day it can mean. */
function checkYmd(y: number, m: number, d: number, allowUnknown: boolean, range: Int32Array): number {
  if (m === 0) {
    if (d !== 0) return DATE_IMPOSSIBLE;
    if (!allowUnknown) return DATE_PARTIAL_NOT_ALLOWED;
    range[0] = y * 10000 + 101;
    range[1] = y * 10000 + 1231;
    return DATE_OK;
  }
  if (m > 12) return DATE_IMPOSSIBLE;
  if (d === 0) {
    if (!allowUnknown) return DATE_PARTIAL_NOT_ALLOWED;
    range[0] = y * 10000 + m * 100 + 1;
    range[1] = y * 10000 + m * 100 + daysInMonth(y, m);
    return DATE_OK;
  }
  if (d > daysInMonth(y, m)) return DATE_IMPOSSIBLE;
  range[0] = range[1] = y * 10000 + m * 100 + d;
  return DATE_OK;
}

const scratch = new Int32Array(2);

export function checkDate(s: string, spec: DateSpec): number {
  const allow = spec.allowUnknown === true;
  if (spec.format === 'YYYYMMDD') {
    if (s.length !== 8) return DATE_BAD_FORMAT;
    const y = digitsAt(s, 0, 4);
    const m = digitsAt(s, 4, 2);
    const d = digitsAt(s, 6, 2);
    if (y < 0 || m < 0 || d < 0) return DATE_BAD_FORMAT;
    if (y === 0) return DATE_IMPOSSIBLE;
    return checkYmd(y, m, d, allow, scratch);
  }
  const eraDigits = s.length - 6;
  if (eraDigits !== 1 && eraDigits !== 2) return DATE_BAD_FORMAT;
  const e = digitsAt(s, 0, eraDigits);
  const yy = digitsAt(s, eraDigits, 2);
  const m = digitsAt(s, eraDigits + 2, 2);
  const d = digitsAt(s, eraDigits + 4, 2);
  if (e < 0 || yy < 0 || m < 0 || d < 0) return DATE_BAD_FORMAT;
  if (e < 1 || e > ERAS.length) return DATE_UNKNOWN_ERA;
  if (yy === 0) return DATE_IMPOSSIBLE;
  const era = ERAS[e - 1];
  const r = checkYmd(era.firstYear + yy - 1, m, d, allow, scratch);
  if (r !== DATE_OK) return r;
  if (scratch[1] < era.from || scratch[0] > era.to) return DATE_OUTSIDE_ERA;
  return DATE_OK;
}

export function formatYmd(n: number): string {
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** Era named by the leading code of a wareki value (for finding parameters), if any. */
export function eraOf(s: string): Era | undefined {
  const e = digitsAt(s, 0, s.length - 6);
  return e >= 1 && e <= ERAS.length ? ERAS[e - 1] : undefined;
}
