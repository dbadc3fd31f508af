/**
 * Byte lengths for layouts' `bytes` length rules, as src/layouts/text-length.ts states the rule:
 * computed directly (no encoder run); in CP932 a character it cannot hold counts the 2 bytes of
 * the 外字 or substitute it will be written as, and a variation selector adds nothing.
 */

export function cp932ByteLength(text: string): number {
  let n = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xff61 && c <= 0xff9f) || c === 0xa5 || c === 0x203e) {
      n += 1;
    } else if (c >= 0xfe00 && c <= 0xfe0f) {
      // variation selector: no bytes of its own
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        if (c === 0xdb40 && d >= 0xdd00 && d <= 0xddef) continue;
      }
      n += 2;
    } else {
      n += 2;
    }
  }
  return n;
}

export function utf8ByteLength(text: string): number {
  let n = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        n += 4;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
