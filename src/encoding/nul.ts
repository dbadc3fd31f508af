/**
 * Offsets of NUL (0x00) bytes: valid ASCII to every decoder, but in a text export a sign of
 * padding, a binary field or a UTF-16 file, so readers turn them into findings. At most `max`
 * offsets are returned (memchr-speed search; a file of NULs must not build a huge array).
 */
export function findNulBytes(bytes: Uint8Array, max = Infinity): number[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  let i = b.indexOf(0);
  while (i >= 0 && out.length < max) {
    out.push(i);
    i = b.indexOf(0, i + 1);
  }
  return out;
}
