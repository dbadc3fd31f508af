/**
 * 128-bit fingerprints of strings for the key indexes.
 *
 * MurmurHash3 x86_128 (Austin Appleby, public domain) run over the string's UTF-16 code units,
 * two code units per 32-bit word. It is not cryptographic: it is fast in JavaScript (Math.imul,
 * no allocation) and its output is well mixed, which is what an index of honest data needs.
 * Collision probability for n distinct keys is about n² / 2^128 (birthday bound; one bit is
 * reserved for the empty-slot marker, so n² / 2^128 rather than n² / 2^129):
 *   n = 10^7 → 3·10^-25,  n = 10^8 → 3·10^-23,  n = 10^9 → 3·10^-21.
 * That is far below the chance of a disk or memory error, so the indexes treat equal
 * fingerprints as equal keys. A deliberately crafted collision is possible (the hash is not
 * keyed); export files are not an adversarial input.
 */

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/**
 * Writes the 128-bit fingerprint of `s` into `out[0..3]` (unsigned 32-bit words). `out[0]` always
 * has its lowest bit set, so an all-zero slot can mean "empty" in the indexes.
 */
export function fingerprint128(s: string, out: Uint32Array, seed = 0): void {
  const len = s.length;
  let h1 = seed, h2 = seed, h3 = seed, h4 = seed;
  const nblocks = len >>> 3; // 8 code units = 16 bytes per block
  let i = 0;
  for (let b = 0; b < nblocks; b++, i += 8) {
    let k1 = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    let k2 = s.charCodeAt(i + 2) | (s.charCodeAt(i + 3) << 16);
    let k3 = s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 16);
    let k4 = s.charCodeAt(i + 6) | (s.charCodeAt(i + 7) << 16);

    k1 = Math.imul(k1, C1); k1 = rotl(k1, 15); k1 = Math.imul(k1, C2); h1 ^= k1;
    h1 = rotl(h1, 19); h1 = (h1 + h2) | 0; h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(k2, C2); k2 = rotl(k2, 16); k2 = Math.imul(k2, C3); h2 ^= k2;
    h2 = rotl(h2, 17); h2 = (h2 + h3) | 0; h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(k3, C3); k3 = rotl(k3, 17); k3 = Math.imul(k3, C4); h3 ^= k3;
    h3 = rotl(h3, 15); h3 = (h3 + h4) | 0; h3 = (Math.imul(h3, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(k4, C4); k4 = rotl(k4, 18); k4 = Math.imul(k4, C1); h4 ^= k4;
    h4 = rotl(h4, 13); h4 = (h4 + h1) | 0; h4 = (Math.imul(h4, 5) + 0x32ac3b17) | 0;
  }
  // Tail: up to 7 code units, packed the same way into k1..k4.
  const rem = len - i;
  if (rem > 0) {
    let k1 = 0, k2 = 0, k3 = 0, k4 = 0;
    k1 = s.charCodeAt(i) | (rem > 1 ? s.charCodeAt(i + 1) << 16 : 0);
    if (rem > 2) k2 = s.charCodeAt(i + 2) | (rem > 3 ? s.charCodeAt(i + 3) << 16 : 0);
    if (rem > 4) k3 = s.charCodeAt(i + 4) | (rem > 5 ? s.charCodeAt(i + 5) << 16 : 0);
    if (rem > 6) k4 = s.charCodeAt(i + 6);
    if (rem > 6) { k4 = Math.imul(k4, C4); k4 = rotl(k4, 18); k4 = Math.imul(k4, C1); h4 ^= k4; }
    if (rem > 4) { k3 = Math.imul(k3, C3); k3 = rotl(k3, 17); k3 = Math.imul(k3, C4); h3 ^= k3; }
    if (rem > 2) { k2 = Math.imul(k2, C2); k2 = rotl(k2, 16); k2 = Math.imul(k2, C3); h2 ^= k2; }
    k1 = Math.imul(k1, C1); k1 = rotl(k1, 15); k1 = Math.imul(k1, C2); h1 ^= k1;
  }
  const bytes = len * 2;
  h1 ^= bytes; h2 ^= bytes; h3 ^= bytes; h4 ^= bytes;
  h1 = (h1 + h2) | 0; h1 = (h1 + h3) | 0; h1 = (h1 + h4) | 0;
  h2 = (h2 + h1) | 0; h3 = (h3 + h1) | 0; h4 = (h4 + h1) | 0;
  h1 = fmix(h1); h2 = fmix(h2); h3 = fmix(h3); h4 = fmix(h4);
  h1 = (h1 + h2) | 0; h1 = (h1 + h3) | 0; h1 = (h1 + h4) | 0;
  h2 = (h2 + h1) | 0; h3 = (h3 + h1) | 0; h4 = (h4 + h1) | 0;
  out[0] = h1 | 1;
  out[1] = h2;
  out[2] = h3;
  out[3] = h4;
}

/** Hex form of a fingerprint (for files and tests). */
export function fingerprintHex(s: string): string {
  const out = new Uint32Array(4);
  fingerprint128(s, out);
  return Array.from(out, (w) => w.toString(16).padStart(8, '0')).join('');
}

/**
 * Joins key parts unambiguously (length-prefixed), so ("ab","c") and ("a","bc") never become the
 * same key whatever characters the fields hold.
 */
export function compositeKey(parts: readonly string[]): string {
  let s = '';
  for (const p of parts) s += p.length + ':' + p + '\u001f';
  return s;
}
