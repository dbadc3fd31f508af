/**
 * The 外字 stage's pure core: replaces every mapped code point in a value by its 外字対応表 target,
 * applies the unmapped policy to private-use code points the table lacks, and checks that the
 * result can be written in the output charset.
 *
 * Unmapped policy (always with a finding, never silent — STANDARD.md §3):
 *   reject      the record is set aside (GAIJI_UNMAPPED_REJECTED, error) — the default;
 *   substitute  the character becomes 〓 (U+3013, GETA MARK) and is flagged (warning);
 *   keep        the PUA character is written as is (warning); only sensible when the receiver has
 *               the table, and only possible when the output charset can hold it.
 * Output check after resolution: a character the output charset cannot hold is an error finding;
 * an IVS sequence (base + U+E0100…) on a CP932 output becomes the base character when
 * `ivsFallback: 'base'` (warning GAIJI_IVS_DROPPED), else an error.
 */
import type { FieldIssue } from '../core/finding.ts';
import type { Charset } from '../encoding/charset.ts';
import { hasPuaCandidate, isPua } from '../encoding/pua.ts';
import { CLEANSE_CODES as C } from './finding-codes.ts';
import { formatCodePoint } from '../encoding/code-point.ts';
import { sourceBytesHex } from './gaiji-inventory.ts';
import { codePoints, type GaijiTable } from './gaiji-table.ts';

export type UnmappedPolicy = 'reject' | 'substitute' | 'keep';
export const GETA = '\u3013';

export interface GaijiResolverOptions {
  table?: GaijiTable;
  unmapped?: UnmappedPolicy;
  /** Output charset to check the result against (absent: no check). */
  outputCharset?: Charset;
  /** IVS sequences the output charset cannot hold: 'error' (default) or 'base' (drop the selector). */
  ivsFallback?: 'error' | 'base';
  /** Source charset, to show the original bytes (F040) in findings. */
  sourceCharset?: Charset;
  /** Emit a GAIJI_RESOLVED info issue per resolved field (default true). */
  reportResolved?: boolean;
}

export type GaijiOutcome = 'resolved' | 'substituted' | 'unmappedRejected' | 'unmappedSubstituted' | 'unmappedKept' | 'unencodable' | 'ivsDropped';

export interface GaijiCount {
  codePoint: string;
  outcomes: Partial<Record<GaijiOutcome, number>>;
}

export interface GaijiResolver {
  /** Returns the resolved value; pushes issues (an error-severity issue means: reject the record). */
  resolve(value: string, field: string, issues: FieldIssue[]): string;
  /** True when `resolve` returns a value without a PUA candidate (hasPuaCandidate) unchanged and without issues. */
  readonly onlyPua: boolean;
  /** Per code point and outcome, for the report. */
  counts(): GaijiCount[];
}

function isVs(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

export function createGaijiResolver(opts: GaijiResolverOptions): GaijiResolver {
  const table = opts.table;
  const policy = opts.unmapped ?? 'reject';
  const out = opts.outputCharset;
  const ivsBase = opts.ivsFallback === 'base';
  const reportResolved = opts.reportResolved ?? true;
  const tally = new Map<number, Partial<Record<GaijiOutcome, number>>>();
  const count = (cp: number, o: GaijiOutcome) => {
    let t = tally.get(cp);
    if (!t) tally.set(cp, (t = {}));
    t[o] = (t[o] ?? 0) + 1;
  };
  // Table sources that are not PUA (e.g. an IBM-extension kanji the table remaps) need a full scan.
  let mapsNonPua = false;
  for (const e of table?.entries() ?? []) if (!isPua(e.codePoint)) mapsNonPua = true;
  const bytesOf = (cp: number) => (opts.sourceCharset ? sourceBytesHex(opts.sourceCharset, cp) || '-' : '-');
  const outputOk = (s: string) => !out || out.encode(s).unrepresentable.length === 0;

  function checkOutput(value: string, field: string, issues: FieldIssue[], resolvedAny: boolean): string {
    if (!out || (!resolvedAny && policy !== 'keep')) return value;
    const enc = out.encode(value);
    if (enc.unrepresentable.length === 0) return value;
    let result = value;
    if (ivsBase) {
      // drop selectors the charset cannot hold, keep their base characters
      let s = '';
      let dropped = false;
      let prev = -1;
      for (const ch of value) {
        const cp = ch.codePointAt(0)!;
        if (isVs(cp) && !outputOk(ch)) {
          issues.push({ code: C.GAIJI_IVS_DROPPED, field, params: { codePoint: prev >= 0 ? formatCodePoint(prev) : '-', selector: formatCodePoint(cp), charset: out.name } });
          count(cp, 'ivsDropped');
          dropped = true;
          continue;
        }
        s += ch;
        prev = cp;
      }
      if (dropped) result = s;
    }
    for (const u of out.encode(result).unrepresentable) {
      issues.push({ code: C.GAIJI_OUTPUT_UNENCODABLE, field, params: { codePoint: formatCodePoint(u.codePoint), charset: out.name } });
      count(u.codePoint, 'unencodable');
    }
    return result;
  }

  return {
    onlyPua: !mapsNonPua,
    resolve(value, field, issues) {
      if (!mapsNonPua && !hasPuaCandidate(value)) return value;
      let result = '';
      let last = 0;
      let resolvedAny = false;
      const resolvedCps: string[] = [];
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        let cp = c;
        let w = 1;
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
          const d = value.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
            w = 2;
          }
        }
        const m = table?.get(cp);
        let rep: string | undefined;
        if (m) {
          rep = m.target;
          resolvedAny = true;
          if (m.how === 'substitute') {
            issues.push({ code: C.GAIJI_SUBSTITUTED, field, params: { codePoint: formatCodePoint(cp), target: codePoints(m.target), reason: m.reason } });
            count(cp, 'substituted');
          } else {
            resolvedCps.push(`${formatCodePoint(cp)}→${codePoints(m.target)}`);
            count(cp, 'resolved');
          }
        } else if (isPua(cp)) {
          const params = { codePoint: formatCodePoint(cp), bytes: bytesOf(cp) };
          if (policy === 'reject') {
            issues.push({ code: C.GAIJI_UNMAPPED_REJECTED, field, params });
            count(cp, 'unmappedRejected');
          } else if (policy === 'substitute') {
            issues.push({ code: C.GAIJI_UNMAPPED_SUBSTITUTED, field, params });
            count(cp, 'unmappedSubstituted');
            rep = GETA;
          } else {
            issues.push({ code: C.GAIJI_UNMAPPED_KEPT, field, params });
            count(cp, 'unmappedKept');
          }
        }
        if (rep !== undefined) {
          result += value.slice(last, i) + rep;
          last = i + w;
        }
        i += w - 1;
      }
      if (last > 0) result += value.slice(last);
      else result = value;
      if (reportResolved && resolvedCps.length > 0) {
        issues.push({ code: C.GAIJI_RESOLVED, field, params: { codePoint: resolvedCps.map((s) => s.split('→')[0]).join(' '), target: resolvedCps.map((s) => s.split('→')[1]).join(' / ') } });
      }
      return checkOutput(result, field, issues, resolvedAny || last > 0);
    },
    counts() {
      return [...tally.entries()].sort((a, b) => a[0] - b[0]).map(([cp, outcomes]) => ({ codePoint: formatCodePoint(cp), outcomes }));
    },
  };
}
