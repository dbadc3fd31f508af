/**
 * IBM variable-length record descriptors (RECFM=V/VB), as z/OS DFSMS defines them:
 *
 * - RDW, before every record: bytes 0–1 the record length LL, big-endian, counting the RDW's own
 *   4 bytes; bytes 2–3 zero (in spanned VS/VBS records byte 2 holds a segment code — not read
 *   here, so a non-zero byte is reported rather than guessed at).
 * - BDW, before every block: the same, LL counting the block with its BDW. Extended form (blocks
 *   over 32,760 bytes, tape): when the first byte's high bit is 1, the other 31 bits of the four
 *   bytes are the length.
 */

export const DESCRIPTOR_LENGTH = 4;

export interface Descriptor {
  /** The length the word declares (its own 4 bytes included). */
  length: number;
  /** Why the word cannot be one: undefined when it is well formed. */
  problem?: 'too-short' | 'segment' | 'reserved';
}

/** Record descriptor word at `buf[at]` (4 bytes must be there). */
export function readRdw(buf: Uint8Array, at: number): Descriptor {
  const length = (buf[at]! << 8) | buf[at + 1]!;
  // Shortest record: the RDW alone (an empty record).
  if (length < DESCRIPTOR_LENGTH) return { length, problem: 'too-short' };
  if (buf[at + 2] !== 0 || buf[at + 3] !== 0) return { length, problem: 'segment' };
  return { length };
}

/** Block descriptor word at `buf[at]` (4 bytes must be there). */
export function readBdw(buf: Uint8Array, at: number): Descriptor {
  const b0 = buf[at]!;
  if (b0 & 0x80) {
    const length = ((b0 & 0x7f) * 0x1000000) + (buf[at + 1]! << 16) + (buf[at + 2]! << 8) + buf[at + 3]!;
    // A block holds at least one RDW.
    return length < 2 * DESCRIPTOR_LENGTH ? { length, problem: 'too-short' } : { length };
  }
  const length = (b0 << 8) | buf[at + 1]!;
  if (length < 2 * DESCRIPTOR_LENGTH) return { length, problem: 'too-short' };
  if (buf[at + 2] !== 0 || buf[at + 3] !== 0) return { length, problem: 'reserved' };
  return { length };
}
