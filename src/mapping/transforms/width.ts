import { withLiterals, type ValueTransformDef } from './types.ts';

/** U+FF61..U+FF9F (half-width katakana block) → full-width, index = code point − 0xFF61. */
const HALF_KANA_TO_FULL =
  '。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜';
const HALF_VOICED = 0xff9e; // ﾞ
const HALF_SEMI_VOICED = 0xff9f; // ﾟ

/** Full-width kana that take ゛ / ゜ (the voiced form is the next code point, the semi-voiced the one after). */
const VOICEABLE = new Set(Array.from('カキクケコサシスセソタチツテトハヒフヘホ', (c) => c.charCodeAt(0)));
const SEMI_VOICEABLE = new Set(Array.from('ハヒフヘホ', (c) => c.charCodeAt(0)));
const VOICED_EXCEPTIONS: Record<number, number> = { 0x30a6: 0x30f4, 0x30ef: 0x30f7, 0x30f2: 0x30fa }; // ウ→ヴ ワ→ヷ ヲ→ヺ
function voiced(full: number): number {
  return VOICEABLE.has(full) ? full + 1 : (VOICED_EXCEPTIONS[full] ?? 0);
}
function semiVoiced(full: number): number {
  return SEMI_VOICEABLE.has(full) ? full + 2 : 0;
}

/** Full-width katakana (and kana punctuation) → half-width sequence, derived from the table above. */
const FULL_TO_HALF_KANA = new Map<number, string>();
for (let i = 0; i < HALF_KANA_TO_FULL.length; i++) {
  const full = HALF_KANA_TO_FULL.charCodeAt(i);
  const half = String.fromCharCode(0xff61 + i);
  FULL_TO_HALF_KANA.set(full, half);
  const v = voiced(full);
  if (v) FULL_TO_HALF_KANA.set(v, half + '\uff9e');
  const s = semiVoiced(full);
  if (s) FULL_TO_HALF_KANA.set(s, half + '\uff9f');
}

/** Half-width katakana → full-width, composing ｶﾞ→ガ, ﾊﾟ→パ, ｳﾞ→ヴ. A lone ﾞ/ﾟ becomes ゛/゜. */
export function hankakuKanaToZenkaku(s: string, alsoAscii = false): string {
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0xff61 && c <= 0xff9f) || (alsoAscii && c >= 0x20 && c <= 0x7e)) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff61 && c <= 0xff9f) {
      const full = HALF_KANA_TO_FULL.charCodeAt(c - 0xff61);
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (next === HALF_VOICED && voiced(full)) {
        out += String.fromCharCode(voiced(full));
        i++;
      } else if (next === HALF_SEMI_VOICED && semiVoiced(full)) {
        out += String.fromCharCode(semiVoiced(full));
        i++;
      } else {
        out += String.fromCharCode(full);
      }
    } else if (alsoAscii && c === 0x20) {
      out += '\u3000';
    } else if (alsoAscii && c > 0x20 && c <= 0x7e) {
      out += String.fromCharCode(c + 0xfee0);
    } else {
      out += s[i];
    }
  }
  return out;
}

/** Full-width ASCII variants and U+3000 → ASCII; with `alsoKana`, full-width katakana → half-width (ガ→ｶﾞ). */
export function toHankaku(s: string, alsoKana = true): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c >= 0xff01 && c <= 0xff5e) rep = String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) rep = ' ';
    else if (alsoKana && c >= 0x3001 && c <= 0x30fc) rep = FULL_TO_HALF_KANA.get(c);
    if (rep !== undefined) {
      out += s.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

const MODES = ['toZenkaku', 'toHankaku', 'hankakuKanaToZenkaku', 'asciiToHankaku'] as const;

export const widthTransform: ValueTransformDef = {
  name: 'width',
  kind: 'value',
  summary: '全角/半角 conversion; half-width kana composition ｶﾞ→ガ, ﾊﾟ→パ, ｳﾞ→ヴ',
  shorthand: 'mode',
  args: {
    mode: {
      type: 'enum',
      values: MODES,
      required: true,
      doc: 'toZenkaku: ASCII, space and half-width kana to full-width; toHankaku: full-width ASCII, U+3000 and katakana to half-width; hankakuKanaToZenkaku: only half-width kana to full-width; asciiToHankaku: only full-width ASCII and U+3000 to half-width',
    },
  },
  // Width folding maps characters to their other-width forms by a fixed rule: no literals.
  create(args) {
    switch (args.mode as (typeof MODES)[number]) {
      case 'toZenkaku':
        return withLiterals((v: string) => hankakuKanaToZenkaku(v, true), []);
      case 'toHankaku':
        return withLiterals((v: string) => toHankaku(v, true), []);
      case 'hankakuKanaToZenkaku':
        return withLiterals((v: string) => hankakuKanaToZenkaku(v, false), []);
      case 'asciiToHankaku':
        return withLiterals((v: string) => toHankaku(v, false), []);
    }
  },
};
