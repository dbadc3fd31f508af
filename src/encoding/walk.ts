/**
 * Maps UTF-16 indices of a decoded text back to the byte offsets of the sequences that produced
 * them. `step(bytes, i)` returns the byte length of the sequence at `i` plus, in bit 8, whether it
 * decoded to two UTF-16 units (a surrogate pair). Indices must be ascending; an index past the end
 * maps to `bytes.length`.
 */
export function byteOffsetsOf(
  bytes: Uint8Array,
  indices: readonly number[],
  step: (bytes: Uint8Array, i: number) => number,
): number[] {
  const out: number[] = new Array(indices.length);
  let k = 0;
  let unit = 0;
  let i = 0;
  while (k < indices.length && i < bytes.length) {
    const s = step(bytes, i);
    const units = s & 0x100 ? 2 : 1;
    while (k < indices.length && indices[k] < unit + units) out[k++] = i;
    unit += units;
    i += s & 0xff;
  }
  while (k < indices.length) out[k++] = bytes.length;
  return out;
}

export const TWO_UNITS = 0x100;
