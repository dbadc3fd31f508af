/**
 * Width of the single-byte katakana of the Japanese EBCDIC pages (ibm290's EBCDIK, the
 * single-byte part of ibm930/ibm1390). The tables hold what IBM's CDRA tables, ICU and Java say:
 * half-width U+FF61–U+FF9F, the same characters CP932's bytes 0xA1–0xDF decode to. `full` reads
 * them as the full-width forms instead (what glibc's IBM290/EBCDIC-JP-KANA converters give):
 * U+FF61–U+FF9D by NFKC (ｱ → ア, ｰ → ー, ｡ → 。), the sound marks ﾞ ﾟ as the spacing ゛ ゜
 * (U+309B, U+309C; NFKC would give combining marks that attach to the character before).
 */
export type KanaWidth = 'half' | 'full';

export const KANA_WIDTHS: readonly KanaWidth[] = ['half', 'full'];

function fullWidth(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (ch.length !== 1 || cp < 0xff61 || cp > 0xff9f) return ch;
  if (cp === 0xff9e) return '\u309b';
  if (cp === 0xff9f) return '\u309c';
  return ch.normalize('NFKC');
}

/** The single-byte table with its half-width katakana in the width asked for. */
export function withKanaWidth(single: readonly (string | undefined)[], width: KanaWidth): (string | undefined)[] {
  return width === 'half' ? single.slice() : single.map((ch) => (ch === undefined ? ch : fullWidth(ch)));
}
