import { detectBom } from '../encoding/index.ts';

/** Bytes looked at to guess a charset: enough for dozens of records. */
export const GUESS_BYTES = 64 * 1024;

export interface CharsetGuess {
  name: 'utf-8' | 'cp932';
  /** Why: a UTF-8 BOM, non-ASCII text that is valid UTF-8, or nothing to go on (CP932, the usual export). */
  reason: 'bom' | 'valid-utf-8' | 'default';
}

/**
 * A guess for tools that show data (peek), never for conversion, where the charset is stated in
 * the mapping. CP932 text with kanji or kana is practically never valid UTF-8, so non-ASCII
 * bytes that decode strictly as UTF-8 are a strong sign; pure ASCII reads the same either way.
 */
export function guessCsvCharset(head: Uint8Array): CharsetGuess {
  if (detectBom(head)?.encoding === 'utf-8') return { name: 'utf-8', reason: 'bom' };
  const sample = head.subarray(0, GUESS_BYTES);
  if (!sample.some((b) => b >= 0x80)) return { name: 'cp932', reason: 'default' };
  try {
    // stream: true, so a character cut by the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { name: 'utf-8', reason: 'valid-utf-8' };
  } catch {
    return { name: 'cp932', reason: 'default' };
  }
}
