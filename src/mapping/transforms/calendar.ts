import { ArgError } from './types.ts';

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isRealDate(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));
const pad4 = (n: number): string => String(n).padStart(4, '0');

type Part = string | 'YYYY' | 'MM' | 'DD' | 'M' | 'D';
const TOKENS = ['YYYY', 'MM', 'DD', 'M', 'D'] as const;

/** Splits `YYYY/MM/DD` into tokens and literals. Every pattern needs a year, a month and a day. */
export function tokenize(pattern: string, arg: string): { parts: Part[]; tokens: Set<string> } {
  const parts: Part[] = [];
  const tokens = new Set<string>();
  let lit = '';
  for (let i = 0; i < pattern.length; ) {
    const tok = TOKENS.find((t) => pattern.startsWith(t, i));
    if (tok) {
      if (lit) parts.push(lit);
      lit = '';
      parts.push(tok);
      tokens.add(tok[0]!);
      i += tok.length;
    } else {
      lit += pattern[i];
      i++;
    }
  }
  if (lit) parts.push(lit);
  if (!tokens.has('Y') || !tokens.has('M') || !tokens.has('D')) {
    throw new ArgError(arg, `date pattern "${pattern}" needs YYYY, MM (or M) and DD (or D)`);
  }
  return { parts, tokens };
}

export type DateFormatter = (y: number, m: number, d: number) => string;

export function compileFormatter(pattern: string, arg: string): DateFormatter {
  const { parts } = tokenize(pattern, arg);
  return (y, m, d) => {
    let out = '';
    for (const p of parts) {
      if (p === 'YYYY') out += pad4(y);
      else if (p === 'MM') out += pad2(m);
      else if (p === 'DD') out += pad2(d);
      else if (p === 'M') out += String(m);
      else if (p === 'D') out += String(d);
      else out += p;
    }
    return out;
  };
}

export type DateParser = (s: string) => [number, number, number] | undefined;

/** The regular expression is built by chukan from tokens (fixed-width digit runs, escaped literals): never user-supplied. */
export function compileParser(pattern: string, arg: string): DateParser {
  const { parts } = tokenize(pattern, arg);
  const order: string[] = [];
  let src = '^';
  for (const p of parts) {
    if (p === 'YYYY') src += '(\\d{4})';
    else if (p === 'MM' || p === 'DD') src += '(\\d{2})';
    else if (p === 'M' || p === 'D') src += '(\\d{1,2})';
    else {
      src += p.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
      continue;
    }
    order.push(p[0]!);
  }
  const re = new RegExp(src + '$');
  const yi = order.indexOf('Y') + 1;
  const mi = order.indexOf('M') + 1;
  const di = order.indexOf('D') + 1;
  return (s) => {
    const m = re.exec(s);
    return m ? [Number(m[yi]), Number(m[mi]), Number(m[di])] : undefined;
  };
}
