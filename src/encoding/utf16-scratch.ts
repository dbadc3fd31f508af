/**
 * The UTF-16 buffer the table decoders (CP932, EUC-JP) write into before one copy makes the string.
 * One buffer per thread, reused from call to call: decoding a batch allocates nothing outside the
 * V8 heap. ICU's decoder mallocs and frees a UTF-16 buffer per call, and that steady stream of
 * 64–128 KB blocks is what fragmented glibc's arenas through a 10M-record run (docs/PERFORMANCE.md).
 */
let shared = new Uint16Array(0);

/** Past this many units a call gets a buffer of its own, so one huge decode does not pin memory. */
const KEEP_UNITS = 1 << 21;

/** A buffer of at least `units` UTF-16 units; its contents are the caller's until the next call. */
export function utf16Scratch(units: number): Uint16Array {
  if (units > KEEP_UNITS) return new Uint16Array(units);
  if (shared.length < units) shared = new Uint16Array(Math.min(KEEP_UNITS, Math.max(units, shared.length * 2, 4096)));
  return shared;
}

/** The first `units` units of `out` as a string (one copy into the V8 heap). */
export function utf16String(out: Uint16Array, units: number): string {
  return Buffer.from(out.buffer, out.byteOffset, units * 2).toString('utf16le');
}
