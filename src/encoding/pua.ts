/**
 * Private-use characters — where vendor 外字 lands after decoding (CP932 0xF040–0xF9FC and the
 * EUC-JP user-defined rows → U+E000–U+E757). Counted over the BMP PUA (U+E000–U+F8FF) and planes
 * 15/16 (U+F0000–U+10FFFD, high surrogates 0xDB80–0xDBFF followed by a low surrogate).
 */
export function isPua(codePoint: number): boolean {
  return (codePoint >= 0xe000 && codePoint <= 0xf8ff) || (codePoint >= 0xf0000 && codePoint <= 0x10ffff && (codePoint & 0xfffe) !== 0xfffe);
}

/** The plane-15/16 PUA code point of the surrogate pair c, d; −1 if it is not one (0xFFFFE/0xFFFFF are noncharacters). */
function supplementaryPua(c: number, d: number): number {
  if (c < 0xdb80 || c > 0xdbff || d < 0xdc00 || d > 0xdfff) return -1;
  const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  return (cp & 0xfffe) === 0xfffe ? -1 : cp;
}

const ANY_PUA = /[\ue000-\uf8ff\udb80-\udbff]/;

/** Whether `text` holds a private-use character or a high surrogate of planes 15/16 (a candidate; countPua decides). */
export function hasPuaCandidate(text: string): boolean {
  return ANY_PUA.test(text);
}

/** Same class, global: indexOfPuaCandidate and countPua jump from candidate to candidate instead of visiting every unit. */
const PUA_UNITS = /[\ue000-\uf8ff\udb80-\udbff]/g;

/** Index of the first candidate (as hasPuaCandidate) at or after `from`, or −1. */
export function indexOfPuaCandidate(text: string, from: number): number {
  const re = PUA_UNITS;
  re.lastIndex = from;
  const m = re.exec(text);
  return m === null ? -1 : m.index;
}

/** Private-use characters in `text`; `from`: where to start (e.g. the first candidate, already found). */
export function countPua(text: string, from = 0): number {
  if (from === 0 && !ANY_PUA.test(text)) return 0;
  let n = 0;
  const re = PUA_UNITS;
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c >= 0xe000 && c <= 0xf8ff) n++;
    else if (supplementaryPua(c, text.charCodeAt(i + 1)) >= 0) {
      n++;
      re.lastIndex = i + 2;
    }
  }
  return n;
}

/** Adds each PUA code point of `text` to `into` (code point → occurrences); returns the number added. */
export function tallyPua(text: string, into: Map<number, number>): number {
  if (!ANY_PUA.test(text)) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let cp = -1;
    if (c >= 0xe000 && c <= 0xf8ff) cp = c;
    else if (c >= 0xdb80 && c <= 0xdbff) {
      cp = supplementaryPua(c, text.charCodeAt(i + 1));
      if (cp >= 0) i++;
    }
    if (cp >= 0) {
      into.set(cp, (into.get(cp) ?? 0) + 1);
      n++;
    }
  }
  return n;
}
