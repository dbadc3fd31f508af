/**
 * Byte-order marks and UTF-16 sniffing, so readers can skip a UTF-8 BOM at byte 0 and refuse a
 * UTF-16 file (where `,` and LF are two bytes and byte-level scanning is wrong) with a clear finding.
 */
export type BomEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** The byte-order mark at the start of `bytes`, if any (UTF-32 checked before UTF-16: FF FE 00 00). */
export function detectBom(bytes: Uint8Array): { encoding: BomEncoding; length: number } | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe && c === 0 && d === 0 && bytes.length >= 4) return { encoding: 'utf-32le', length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * 'utf-16le' / 'utf-16be' when `bytes` (the start of a file) is UTF-16: by BOM, else by the NUL
 * pattern of ASCII in UTF-16 — in the first 4 KiB, at least a fifth of the code units have a NUL in
 * one half and at most an eighth as many in the other. Japanese-only UTF-16 text without ASCII and
 * without BOM is not recognised; CSV always has ASCII delimiters.
 */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const bom = detectBom(bytes);
  if (bom?.encoding === 'utf-16le' || bom?.encoding === 'utf-16be') return bom.encoding;
  if (bom) return undefined;
  const n = Math.min(bytes.length, 4096) & ~1;
  const units = n / 2;
  if (units < 2) return undefined;
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) nulEven++;
    if (bytes[i + 1] === 0) nulOdd++;
  }
  // The quiet half may hold a few NULs: U+3000 (全角空白), U+4E00 一 … have a 0x00 low byte, and
  // one of them in a short header is more than 2 %. Eight to one still tells NUL padding (even) apart.
  if (nulOdd >= units * 0.2 && nulEven * 8 <= nulOdd) return 'utf-16le';
  if (nulEven >= units * 0.2 && nulOdd * 8 <= nulEven) return 'utf-16be';
  return undefined;
}
