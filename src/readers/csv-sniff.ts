/**
 * What the first bytes of a file say before any record is read: a UTF-8 BOM to strip, or a
 * UTF-16 file that must be refused (its CR, LF and quote bytes are two bytes wide, so reading it
 * as CP932/UTF-8 would produce one garbage record per file, not a clear message).
 */

/** Bytes the sniffer wants before deciding (fewer only at end of input). */
export const SNIFF_BYTES = 64;

export type SniffResult =
  | { kind: 'plain' }
  | { kind: 'utf8-bom' }
  | { kind: 'utf16'; endian: 'LE' | 'BE'; bom: boolean };

export function sniffStart(head: Uint8Array): SniffResult {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { kind: 'utf8-bom' };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { kind: 'utf16', endian: 'LE', bom: true };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { kind: 'utf16', endian: 'BE', bom: true };
  return sniffBomlessUtf16(head);
}

/**
 * BOM-less UTF-16 shows as NUL bytes in one byte position of each pair (the high byte of ASCII
 * characters: delimiters, digits, line breaks) and almost none in the other. CP932/EUC-JP/UTF-8
 * text has no NUL at all, and NUL padding in a damaged file fills both positions alike.
 */
function sniffBomlessUtf16(head: Uint8Array): SniffResult {
  const pairs = Math.floor(Math.min(head.length, SNIFF_BYTES) / 2);
  if (pairs < 2) return { kind: 'plain' };
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) zeroEven++;
    if (head[2 * i + 1] === 0) zeroOdd++;
  }
  const many = pairs * 0.3;
  const few = pairs * 0.05;
  if (zeroOdd >= many && zeroEven <= few) return { kind: 'utf16', endian: 'LE', bom: false };
  if (zeroEven >= many && zeroOdd <= few) return { kind: 'utf16', endian: 'BE', bom: false };
  return { kind: 'plain' };
}
