/**
 * Masking rule for any personal value that could reach a report or message
 * (documented in README "Personal data" and SECURITY.md):
 * - fewer than 2 characters: all masked;
 * - digits-only (or ASCII alphanumerics) of length ≥ 6: keep the first 2 and last 2, mask the middle
 *   (1234567890 → 12******90);
 * - anything else: keep the first character, mask the rest with ＊ (full-width for non-ASCII text:
 *   山田太郎 → 山＊＊＊; ASCII text uses *).
 * Characters are counted as code points so astral characters and IVS selectors are not split.
 */
export function maskValue(value: string): string {
  const chars = Array.from(value);
  if (chars.length === 0) return '';
  const ascii = /^[\x20-\x7e]*$/.test(value);
  const star = ascii ? '*' : '＊';
  if (chars.length < 2) return star;
  if (/^[0-9A-Za-z]+$/.test(value) && chars.length >= 6) {
    return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 4) + chars.slice(-2).join('');
  }
  return chars[0] + star.repeat(chars.length - 1);
}
