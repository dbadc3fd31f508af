/**
 * Identifier rules for `x-identifier`, with their published check-digit algorithms:
 *
 * - `mynumber` 個人番号: 12 digits, the last a check digit (行政手続における特定の個人を識別するための
 *   番号の利用等に関する法律施行令 第8条): P_n is the n-th digit counted from the right of the first 11,
 *   Q_n = n + 1 (1 ≤ n ≤ 6) or n − 5 (7 ≤ n ≤ 11); r = Σ P_n × Q_n mod 11; check digit 0 when r ≤ 1,
 *   otherwise 11 − r.
 * - `houjinNo` 法人番号: 13 digits, the first a check digit (法人番号の指定等に関する省令 第2条): P_n is the
 *   n-th digit counted from the right of the last 12, Q_n = 1 for odd n and 2 for even n; check digit
 *   9 − (Σ P_n × Q_n mod 9).
 * - `dantaiCode` 全国地方公共団体コード: 6 digits, 5 + 検査数字 (JIS X 0401/0402 rule, 総務省「全国地方公共
 *   団体コード」): weights 6 5 4 3 2 on the five digits, check digit = (11 − Σ mod 11) mod 10 — the last
 *   digit of 11 − r, so r = 0 gives 1 and r = 1 gives 0.
 * - `yubinNo` 郵便番号: exactly 7 ASCII digits (no check digit exists).
 * - `yubinNoHyphen` 郵便番号 where the layout allows the written form: 7 digits or `NNN-NNNN`.
 *
 * Only ASCII digits count: full-width digits are a character-class matter for the mapping, not a
 * valid identifier.
 */

export const IDENTIFIER_KINDS = ['mynumber', 'houjinNo', 'dantaiCode', 'yubinNo', 'yubinNoHyphen'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const IDENTIFIER_NAMES_JA: Record<IdentifierKind, string> = {
  mynumber: '個人番号',
  houjinNo: '法人番号',
  dantaiCode: '団体コード',
  yubinNo: '郵便番号',
  yubinNoHyphen: '郵便番号(ハイフン可)',
};

/** Expected form in words, for messages. */
export const IDENTIFIER_FORMS: Record<IdentifierKind, { ja: string; en: string }> = {
  mynumber: { ja: '12桁の半角数字', en: '12 digits' },
  houjinNo: { ja: '13桁の半角数字', en: '13 digits' },
  dantaiCode: { ja: '6桁の半角数字(検査数字を含む)', en: '6 digits including the check digit' },
  yubinNo: { ja: '7桁の半角数字(ハイフンなし)', en: '7 digits without a hyphen' },
  yubinNoHyphen: { ja: '7桁の半角数字、またはNNN-NNNN', en: '7 digits, or NNN-NNNN' },
};

export const IDENT_OK = 0;
export const IDENT_FORM = 1;
export const IDENT_CHECK_DIGIT = 2;

export function isIdentifierKind(v: unknown): v is IdentifierKind {
  return typeof v === 'string' && (IDENTIFIER_KINDS as readonly string[]).includes(v);
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Check digit of a 個人番号 from its first 11 digits. */
export function myNumberCheckDigit(first11: string): number {
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = first11.charCodeAt(11 - n) - 0x30;
    sum += p * (n <= 6 ? n + 1 : n - 5);
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

/** Check digit (the leading digit) of a 法人番号 from its last 12 digits. */
export function houjinCheckDigit(last12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const p = last12.charCodeAt(12 - n) - 0x30;
    sum += p * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** 検査数字 of a 全国地方公共団体コード from its first 5 digits. */
export function dantaiCheckDigitOf(first5: string): number {
  const w = [6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += (first5.charCodeAt(i) - 0x30) * w[i];
  return (11 - (sum % 11)) % 10;
}

/** IDENT_OK, IDENT_FORM (wrong length or not digits) or IDENT_CHECK_DIGIT. */
export function checkIdentifier(kind: IdentifierKind, s: string): number {
  switch (kind) {
    case 'mynumber':
      if (s.length !== 12 || !allDigits(s, 0, 12)) return IDENT_FORM;
      return myNumberCheckDigit(s) === s.charCodeAt(11) - 0x30 ? IDENT_OK : IDENT_CHECK_DIGIT;
    case 'houjinNo':
      if (s.length !== 13 || !allDigits(s, 0, 13)) return IDENT_FORM;
      return houjinCheckDigit(s.slice(1)) === s.charCodeAt(0) - 0x30 ? IDENT_OK : IDENT_CHECK_DIGIT;
    case 'dantaiCode':
      if (s.length !== 6 || !allDigits(s, 0, 6)) return IDENT_FORM;
      return dantaiCheckDigitOf(s) === s.charCodeAt(5) - 0x30 ? IDENT_OK : IDENT_CHECK_DIGIT;
    case 'yubinNo':
      return s.length === 7 && allDigits(s, 0, 7) ? IDENT_OK : IDENT_FORM;
    case 'yubinNoHyphen':
      if (s.length === 7 && allDigits(s, 0, 7)) return IDENT_OK;
      return s.length === 8 && s.charCodeAt(3) === 0x2d && allDigits(s, 0, 3) && allDigits(s, 4, 8) ? IDENT_OK : IDENT_FORM;
  }
}

/**
 * `digits` (any ASCII digits of the identifier's length) with its check digit put right — for the
 * sample generator. Returns the input unchanged for kinds without a check digit or a wrong form.
 */
export function withCheckDigit(kind: IdentifierKind, digits: string): string {
  if (kind === 'mynumber' && digits.length === 12 && allDigits(digits, 0, 12)) return digits.slice(0, 11) + myNumberCheckDigit(digits);
  if (kind === 'houjinNo' && digits.length === 13 && allDigits(digits, 0, 13)) return houjinCheckDigit(digits.slice(1)) + digits.slice(1);
  if (kind === 'dantaiCode' && digits.length === 6 && allDigits(digits, 0, 6)) return digits.slice(0, 5) + dantaiCheckDigitOf(digits);
  return digits;
}

/** The same digits with a wrong check digit (for invalid samples); undefined for kinds without one. */
export function withWrongCheckDigit(kind: IdentifierKind, valid: string, shift = 1): string | undefined {
  const s = withCheckDigit(kind, valid);
  if (checkIdentifier(kind, s) !== IDENT_OK || kind === 'yubinNo' || kind === 'yubinNoHyphen') return undefined;
  const at = kind === 'houjinNo' ? 0 : s.length - 1;
  const d = (s.charCodeAt(at) - 0x30 + 1 + (Math.abs(shift) % 9)) % 10;
  const out = s.slice(0, at) + d + s.slice(at + 1);
  return checkIdentifier(kind, out) === IDENT_CHECK_DIGIT ? out : undefined;
}
