import { detectBom, sniffUtf16 } from '../encoding/index.ts';

/**
 * What the first bytes of a file say before any record is read: a UTF-8 BOM to strip, or a
 * UTF-16/UTF-32 file that must be refused (its CR, LF and quote bytes are wider than one byte, so
 * reading it as CP932/UTF-8 would give one garbage record, not a clear message). The detection
 * itself is src/encoding's (detectBom, sniffUtf16); this only decides how long to wait for bytes.
 */

/**
 * Bytes the reader holds before deciding (fewer only at end of input). Small on purpose: a BOM
 * needs 4, and 32 UTF-16 code units of a CSV header already show the NUL pattern; a larger window
 * would only delay the first batch.
 */
export const SNIFF_BYTES = 64;

export type SniffResult =
  | { kind: 'plain' }
  | { kind: 'utf8-bom' }
  | { kind: 'wide'; detected: string };

export function sniffStart(head: Uint8Array): SniffResult {
  const bom = detectBom(head);
  if (bom?.encoding === 'utf-8') return { kind: 'utf8-bom' };
  if (bom) return { kind: 'wide', detected: bom.encoding };
  const utf16 = sniffUtf16(head.subarray(0, SNIFF_BYTES));
  return utf16 ? { kind: 'wide', detected: utf16 } : { kind: 'plain' };
}
