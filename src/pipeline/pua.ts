/** Counts private-use characters (BMP PUA and planes 15/16) — the raw material of the 外字 stage. */
export function countPua(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xe000 && c <= 0xf8ff) n++;
    // High surrogates D B80–DBFF start planes 15 and 16 (U+F0000–U+10FFFF), all private use.
    else if (c >= 0xdb80 && c <= 0xdbff) n++;
  }
  return n;
}
