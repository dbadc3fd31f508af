/** 'U+20B9F' — a code point names a character, not a person, so it may appear in reports. */
export function formatCodePoint(cp: number): string {
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
}
