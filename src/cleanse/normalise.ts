/**
 * Normalisation per field class (from the layout's x-fieldClass). Pure; counts every change per
 * field and rule for the report. The layout validator runs after it, so a value that outgrows its
 * byte length by widening (ｱ 1 byte → ア 2 bytes in CP932) becomes a LAYOUT_TOO_LONG finding —
 * nothing is ever truncated here.
 *
 * Rules (defaults per class below; a job may replace the list per class or per field):
 *   trim            leading/trailing half-width space, tab, U+3000
 *   collapseSpaces  runs of spaces inside → one U+3000 (姓と名の間は全角空白)
 *   halfKanaToFull  ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ (composition), other half-width kana → full-width
 *   asciiToFull     ASCII letters, digits and symbols → full-width (ABC → ＡＢＣ)
 *   fullToHalf      full-width ASCII and U+3000 → ASCII (codes, numbers, dates)
 *   toHalfWidth     full-width ASCII, U+3000 and katakana → half-width (ガ → ｶﾞ), for fields whose
 *                   x-charClass is half-width only (e.g. 口座名義人カナ: hankakuKana + alnum)
 *   collapseSpacesHalf  runs of spaces inside → one half-width space (half-width fields)
 *   hiraganaToKatakana  ぁ–ゖ → ァ–ヶ (kana names are 全角カタカナ)
 *   longVowel       hyphen-like marks after a kana (-‐−－ｰ～) → ー
 *   dashes          hyphen and dash variants (‐‑‒–—―−) in addresses → －; ー between digits → －
 *   nfc             Unicode NFC, only around characters it actually changes (combining marks such as
 *                   U+3099 from NFD sources, Ω/K/Å singletons) and never across CJK compatibility
 *                   ideographs (U+F900–FAFF, U+2F800–2FA1F): NFC would turn 﨑-like legal forms
 *                   into other characters. NFKC is never applied to delivered data.
 * Small kana (ァ, ッ, ャ) are left as they are in delivered data: whether ヤ or ャ is right cannot be
 * known; the 名寄せ matching keys fold them (matching-keys.ts).
 */
import type { FieldClass } from '../layouts/keywords.ts';
import { hankakuKanaToZenkaku, toHankaku } from '../mapping/transforms/width.ts';

export const NORM_RULES = [
  'trim', 'collapseSpaces', 'collapseSpacesHalf', 'halfKanaToFull', 'asciiToFull', 'fullToHalf', 'toHalfWidth',
  'hiraganaToKatakana', 'longVowel', 'dashes', 'nfc',
] as const;
export type NormRule = (typeof NORM_RULES)[number];

/** Rules for text fields whose x-charClass allows only half-width characters. */
export const HALF_WIDTH_TEXT_RULES: readonly NormRule[] = ['trim', 'hiraganaToKatakana', 'toHalfWidth', 'collapseSpacesHalf'];
const FULL_WIDTH_CLASSES = new Set(['zenkaku', 'zenkakuKana', 'zenkakuHiragana', 'zenkakuDigits', 'zenkakuAlnum']);
const TEXT_CLASSES = new Set<FieldClass>(['name', 'kanaName', 'address']);

export const DEFAULT_RULES: Record<FieldClass, readonly NormRule[]> = {
  name: ['trim', 'collapseSpaces', 'halfKanaToFull', 'asciiToFull', 'nfc'],
  kanaName: ['trim', 'collapseSpaces', 'halfKanaToFull', 'asciiToFull', 'hiraganaToKatakana', 'longVowel', 'nfc'],
  address: ['trim', 'collapseSpaces', 'halfKanaToFull', 'asciiToFull', 'dashes', 'nfc'],
  freeText: ['trim', 'nfc'],
  code: ['fullToHalf', 'trim'],
  number: ['fullToHalf', 'trim'],
  date: ['fullToHalf', 'trim'],
};

export interface NormaliseConfig {
  /** Replace the rule list of a field class. */
  fieldClasses?: Partial<Record<FieldClass, readonly NormRule[]>>;
  /** Replace the rule list of one field (by id); [] turns normalisation off for it. */
  fields?: Record<string, readonly NormRule[]>;
}

export interface NormField {
  id: string;
  fieldClass?: FieldClass;
  /** The layout's x-charClass: a text field allowing only half-width classes gets HALF_WIDTH_TEXT_RULES. */
  charClass?: readonly string[];
}

export interface NormCount {
  field: string;
  rule: NormRule;
  count: number;
}

export interface Normaliser {
  /** Normalises `values` in place (layout column order); returns the number of fields changed. */
  normaliseRecord(values: string[], changed?: (index: number, rules: NormRule[]) => void): number;
  normaliseValue(index: number, value: string): string;
  counts(): NormCount[];
  readonly rulesByField: readonly (readonly NormRule[])[];
}

const isSpace = (c: number) => c === 0x20 || c === 0x3000 || c === 0x09;

function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const SPACE_RUN = /[ \t\u3000]{2,}|[ \t]/;
function collapseSpaces(s: string): string {
  if (!SPACE_RUN.test(s)) return s;
  return s.replace(/[ \t\u3000]+/g, '\u3000');
}

function asciiToFull(s: string): string {
  if (!/[\x21-\x7e ]/.test(s)) return s;
  return s.replace(/[\x20-\x7e]/g, (ch) => (ch === ' ' ? '\u3000' : String.fromCharCode(ch.charCodeAt(0) + 0xfee0)));
}

function hiraganaToKatakana(s: string): string {
  if (!/[\u3041-\u3096\u309d\u309e]/.test(s)) return s;
  return s.replace(/[\u3041-\u3096\u309d\u309e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

const KANA = '\u3041-\u3096\u30a1-\u30fa\u30fc';
const LONG_VOWEL_RE = new RegExp(`(?<=[${KANA}])[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\uff70~\u301c\uff5e]`, 'g');
function longVowel(s: string): string {
  LONG_VOWEL_RE.lastIndex = 0;
  if (!LONG_VOWEL_RE.test(s)) return s;
  LONG_VOWEL_RE.lastIndex = 0;
  return s.replace(LONG_VOWEL_RE, '\u30fc');
}

const DASH_RE = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]|(?<=[0-9\uff10-\uff19])\u30fc(?=[0-9\uff10-\uff19])/g;
function dashes(s: string): string {
  DASH_RE.lastIndex = 0;
  if (!DASH_RE.test(s)) return s;
  DASH_RE.lastIndex = 0;
  return s.replace(DASH_RE, '\uff0d');
}

/** Characters NFC may change in Japanese data; a value without them is left alone (and not scanned again). */
const NFC_CANDIDATE = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\u2000\u2001\u2126\u212a\u212b\u0340\u0341\u0343\u0344\u0374\u037e\u0387]/;
const COMPAT_IDEOGRAPH = /([\uf900-\ufaff]|\ud87e[\udc00-\ude1f])/;
function nfc(s: string): string {
  if (!NFC_CANDIDATE.test(s)) return s;
  if (!COMPAT_IDEOGRAPH.test(s)) return s.normalize('NFC');
  // NFC each piece between compatibility ideographs; the ideographs themselves stay as they are.
  return s.split(COMPAT_IDEOGRAPH).map((part, i) => (i % 2 === 1 ? part : part.normalize('NFC'))).join('');
}

const APPLY: Record<NormRule, (s: string) => string> = {
  trim,
  collapseSpaces,
  halfKanaToFull: (s) => hankakuKanaToZenkaku(s, false),
  asciiToFull,
  fullToHalf: (s) => toHankaku(s, false),
  toHalfWidth: (s) => toHankaku(s, true),
  collapseSpacesHalf: (s) => (/[ \t\u3000]{2,}|[\t\u3000]/.test(s) ? s.replace(/[ \t\u3000]+/g, ' ') : s),
  hiraganaToKatakana,
  longVowel,
  dashes,
  nfc,
};

function defaultRules(f: NormField): readonly NormRule[] {
  const fc = f.fieldClass!;
  if (TEXT_CLASSES.has(fc) && f.charClass && f.charClass.length > 0 && !f.charClass.some((c) => FULL_WIDTH_CLASSES.has(c))) {
    return HALF_WIDTH_TEXT_RULES;
  }
  return DEFAULT_RULES[fc];
}

export function createNormaliser(fields: readonly NormField[], config: NormaliseConfig = {}): Normaliser {
  const R = NORM_RULES.length;
  const ruleIndex = new Map(NORM_RULES.map((r, i) => [r, i]));
  const rulesByField = fields.map((f) => config.fields?.[f.id] ?? (f.fieldClass ? config.fieldClasses?.[f.fieldClass] ?? defaultRules(f) : []));
  const fns = rulesByField.map((rules) => rules.map((r) => APPLY[r]));
  const ruleIdx = rulesByField.map((rules) => rules.map((r) => ruleIndex.get(r)!));
  const counts = new Float64Array(fields.length * R);
  const changedRules: NormRule[] = [];

  const one = (i: number, v: string, track: boolean): string => {
    const f = fns[i];
    for (let k = 0; k < f.length; k++) {
      const next = f[k](v);
      if (next !== v) {
        counts[i * R + ruleIdx[i][k]]++;
        if (track) changedRules.push(rulesByField[i][k]);
        v = next;
      }
    }
    return v;
  };

  return {
    rulesByField,
    normaliseValue: (i, v) => one(i, v, false),
    normaliseRecord(values, changed) {
      let n = 0;
      const width = Math.min(values.length, fields.length);
      for (let i = 0; i < width; i++) {
        const v = values[i];
        if (v === '' || fns[i].length === 0) continue;
        changedRules.length = 0;
        const next = one(i, v, changed !== undefined);
        if (next !== v) {
          values[i] = next;
          n++;
          changed?.(i, [...changedRules]);
        }
      }
      return n;
    },
    counts() {
      const out: NormCount[] = [];
      for (let i = 0; i < fields.length; i++) {
        for (let r = 0; r < R; r++) if (counts[i * R + r] > 0) out.push({ field: fields[i].id, rule: NORM_RULES[r], count: counts[i * R + r] });
      }
      return out;
    },
  };
}

export function isNormRule(s: string): s is NormRule {
  return (NORM_RULES as readonly string[]).includes(s);
}
