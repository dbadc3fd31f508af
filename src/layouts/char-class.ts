/**
 * Character classes for `x-charClass`. Each class is an exact set of code points, so a layout
 * means the same thing to every reader of it. A field may name several classes: a value is valid
 * when every character belongs to at least one of them.
 *
 * - digits           0-9 (U+0030–0039)
 * - alnum            0-9 A-Z a-z
 * - ascii            printable ASCII U+0020–007E
 * - hankaku          printable ASCII U+0020–007E and half-width katakana/punctuation U+FF61–FF9F
 * - hankakuKana      half-width katakana/punctuation U+FF61–FF9F and the ASCII space U+0020
 * - zenkaku          every character that is not half-width and not a control: all code points
 *                    except U+0000–00A0, the Latin-1 letters U+00A1–00FF (the JIS X 0208 symbols
 *                    § ¨ ° ± ´ ¶ × ÷ are allowed), half-width forms U+FF61–FFDC and U+FFE8–FFEE,
 *                    U+2028/2029, U+FEFF, U+FFFD, noncharacters U+xFFFE/xFFFF and unpaired
 *                    surrogates. It includes the ideographic space U+3000, PUA 外字 U+E000–F8FF
 *                    and planes 15/16 (MJ+), astral ideographs (𠮟), and variation selectors
 *                    (so IVS sequences are valid) — otherwise 外字 records could never validate.
 * - zenkakuKana      full-width katakana U+30A1–30FA, ・ U+30FB, ー U+30FC, ヽヾ U+30FD–30FE and
 *                    the ideographic space U+3000
 * - zenkakuHiragana  U+3041–3096, ゝゞ U+309D–309E, ー U+30FC and U+3000
 * - zenkakuDigits    ０-９ U+FF10–FF19
 * - zenkakuAlnum     ０-９ Ａ-Ｚ ａ-ｚ (U+FF10–19, FF21–3A, FF41–5A)
 */
import { LayoutError } from '../core/errors.ts';

export const CHAR_CLASSES = [
  'digits', 'alnum', 'ascii', 'hankaku', 'hankakuKana',
  'zenkaku', 'zenkakuKana', 'zenkakuHiragana', 'zenkakuDigits', 'zenkakuAlnum',
] as const;
export type CharClass = (typeof CHAR_CLASSES)[number];

export const CHAR_CLASS_NAMES_JA: Record<CharClass, string> = {
  digits: '半角数字',
  alnum: '半角英数字',
  ascii: '半角英数記号',
  hankaku: '半角文字',
  hankakuKana: '半角カナ',
  zenkaku: '全角文字',
  zenkakuKana: '全角カタカナ',
  zenkakuHiragana: '全角ひらがな',
  zenkakuDigits: '全角数字',
  zenkakuAlnum: '全角英数字',
};

type Range = readonly [number, number];

const BMP_RANGES: Record<CharClass, readonly Range[]> = {
  digits: [[0x30, 0x39]],
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x20, 0x7e]],
  hankaku: [[0x20, 0x7e], [0xff61, 0xff9f]],
  hankakuKana: [[0x20, 0x20], [0xff61, 0xff9f]],
  zenkaku: [], // built by exclusion below
  zenkakuKana: [[0x30a1, 0x30fe], [0x3000, 0x3000]],
  zenkakuHiragana: [[0x3041, 0x3096], [0x309d, 0x309e], [0x30fc, 0x30fc], [0x3000, 0x3000]],
  zenkakuDigits: [[0xff10, 0xff19]],
  zenkakuAlnum: [[0xff10, 0xff19], [0xff21, 0xff3a], [0xff41, 0xff5a]],
};

const ZENKAKU_LATIN1_SYMBOLS = [0xa7, 0xa8, 0xb0, 0xb1, 0xb4, 0xb6, 0xd7, 0xf7];
const ZENKAKU_EXCLUDED: readonly Range[] = [
  [0x0000, 0x00ff], [0x2028, 0x2029], [0xd800, 0xdfff], [0xfeff, 0xfeff],
  [0xff61, 0xffdc], [0xffe8, 0xffee], [0xfffd, 0xffff],
];

export function isCharClass(name: string): name is CharClass {
  return (CHAR_CLASSES as readonly string[]).includes(name);
}

/**
 * Returns 0 when every character of `text` is allowed, otherwise the 1-based position (in code
 * points) of the first character that is not.
 */
export type CharClassTester = (text: string) => number;

interface CharSet {
  bmp: Uint8Array;
  astral: boolean;
}

function buildSet(classes: readonly CharClass[]): CharSet {
  const bmp = new Uint8Array(0x10000);
  let astral = false;
  for (const cls of classes) {
    if (cls === 'zenkaku') {
      const z = new Uint8Array(0x10000).fill(1);
      for (const [a, b] of ZENKAKU_EXCLUDED) z.fill(0, a, b + 1);
      for (const c of ZENKAKU_LATIN1_SYMBOLS) z[c] = 1;
      for (let i = 0; i < 0x10000; i++) if (z[i]) bmp[i] = 1;
      astral = true;
    } else {
      for (const [a, b] of BMP_RANGES[cls]) bmp.fill(1, a, b + 1);
    }
  }
  return { bmp, astral };
}

const testerCache = new Map<string, CharClassTester>();

export function normaliseCharClasses(spec: unknown, layout = '(char class)'): CharClass[] {
  const list = Array.isArray(spec) ? spec : [spec];
  if (list.length === 0) throw new LayoutError(layout, 'x-charClass must name at least one class');
  for (const c of list) {
    if (typeof c !== 'string' || !isCharClass(c)) {
      throw new LayoutError(layout, `unknown x-charClass "${String(c)}" (known: ${CHAR_CLASSES.join(', ')})`);
    }
  }
  return [...new Set(list as CharClass[])].sort();
}

export function charClassTester(spec: CharClass | readonly CharClass[]): CharClassTester {
  const classes = normaliseCharClasses(spec);
  const key = classes.join('|');
  const cached = testerCache.get(key);
  if (cached) return cached;
  if (key === 'digits') {
    // The commonest class (codes, numbers): a range compare beats the table.
    const digits: CharClassTester = (text) => {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x30 || c > 0x39) return i + 1;
      }
      return 0;
    };
    testerCache.set(key, digits);
    return digits;
  }
  const { bmp, astral } = buildSet(classes);
  const tester: CharClassTester = (text) => {
    const len = text.length;
    let pos = 0;
    for (let i = 0; i < len; i++) {
      const c = text.charCodeAt(i);
      pos++;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          // astral noncharacters U+xFFFE/xFFFF: low surrogate DFFE/DFFF after an odd-plane-end high surrogate
          if (!astral || ((c & 0x3f) === 0x3f && d >= 0xdffe)) return pos;
          continue;
        }
      }
      if (bmp[c] === 0) return pos;
    }
    return 0;
  };
  testerCache.set(key, tester);
  return tester;
}
