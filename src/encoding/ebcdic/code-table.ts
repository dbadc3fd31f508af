/**
 * Parses chukan's code-table text format (docs/FIXED.md "Code tables"):
 *
 *   # comment
 *   C1<TAB>U+0041                 single-byte code → one or more code points
 *   4541<TAB>U+5C71               double-byte code
 *   6941..6A9F<TAB>U+E000         double-byte range: row-major over lead bytes 69..6A and trail
 *                                 bytes 41..9F (the trail range of the two ends), consecutive
 *                                 code points from the given start — how a vendor's user-defined
 *                                 area (外字) is mapped onto PUA in one line.
 *
 * Tables are data, loaded at run time, so a vendor's table (JEF, KEIS, JIPS) is a file, not code.
 */
import { readFileSync } from 'node:fs';
import { MappingError } from '../../core/errors.ts';

export interface CodeTable {
  /** Index: byte value. `undefined` = unmapped. */
  single: (string | undefined)[];
  /** Index: (lead << 8) | trail. Empty array when the table has no double-byte lines. */
  double: (string | undefined)[];
  singleCount: number;
  doubleCount: number;
}

const LINE = /^([0-9A-Fa-f]{2}|[0-9A-Fa-f]{4})(?:\.\.([0-9A-Fa-f]{4}))?\t+((?:U\+[0-9A-Fa-f]{4,6})(?: U\+[0-9A-Fa-f]{4,6})*)\s*$/;

function parseCodePoints(s: string): string {
  return String.fromCodePoint(...s.split(' ').map((u) => parseInt(u.slice(2), 16)));
}

export function parseCodeTable(text: string, source: string): CodeTable {
  const single: (string | undefined)[] = new Array(256).fill(undefined);
  let double: (string | undefined)[] = [];
  let singleCount = 0;
  let doubleCount = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const m = LINE.exec(raw);
    if (!m) throw new MappingError(source, i + 1, 'code table line must be "XX<TAB>U+YYYY", "XXXX<TAB>U+YYYY" or "XXXX..XXXX<TAB>U+YYYY"');
    const code = parseInt(m[1]!, 16);
    const value = parseCodePoints(m[3]!);
    if (m[1]!.length === 2) {
      if (m[2]) throw new MappingError(source, i + 1, 'ranges are for double-byte codes only');
      single[code] = value;
      singleCount++;
      continue;
    }
    if (double.length === 0) double = new Array(65536).fill(undefined);
    if (!m[2]) {
      double[code] = value;
      doubleCount++;
      continue;
    }
    const end = parseInt(m[2], 16);
    const [l0, t0, l1, t1] = [code >> 8, code & 0xff, end >> 8, end & 0xff];
    if (l1 < l0 || t1 < t0) throw new MappingError(source, i + 1, 'range end must not precede its start (lead and trail)');
    if (value.length !== 1 && [...value].length !== 1) throw new MappingError(source, i + 1, 'a range maps to one starting code point');
    let cp = value.codePointAt(0)!;
    for (let lead = l0; lead <= l1; lead++) {
      for (let trail = t0; trail <= t1; trail++) {
        double[(lead << 8) | trail] = String.fromCodePoint(cp++);
        doubleCount++;
      }
    }
  }
  return { single, double, singleCount, doubleCount };
}

export function loadCodeTable(path: string): CodeTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new MappingError(path, undefined, `cannot read code table (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseCodeTable(text, path);
}
