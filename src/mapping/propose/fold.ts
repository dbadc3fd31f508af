/**
 * Folding for comparing column names (header cells are names, never personal data): NFKC, so
 * full-width ASCII and half-width kana meet their usual forms (ＮＯ → NO, ｶﾅ → カナ); hiragana to
 * katakana; lower case; and no spaces (U+3000 included) or punctuation that vendors sprinkle
 * differently (_ - ・ brackets . / :). `氏名（カナ）`, `氏名_カナ` and `ｼﾒｲ ｶﾅ`… all fold alike.
 */
const DROP = /[\s\u3000_\-‐‑–—―ー－・･()（）[\]［］{}｛｝「」『』【】<>＜＞.．,，、。/／\\＼:：;；'"`＊*#＃]/g;

export function foldName(s: string): string {
  let t = s.normalize('NFKC');
  // Hiragana → katakana, so ふりがな meets フリガナ.
  t = t.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
  // ー is dropped too (both sides alike): vendors write コード, コ－ド and ｺｰﾄﾞ.
  return t.toLowerCase().replace(DROP, '');
}

/** Levenshtein distance on code points (short column names only). */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}
