/**
 * The character repertoire check: which characters a delivery may hold, and a per-character
 * tally of the ones it may not. Private-use characters (外字: U+E000–F8FF, planes 15–16) are
 * always their own finding (CHECK_PUA_CHAR) unless the profile allows their range, because a PUA
 * code means nothing without the delivery's 外字対応表.
 *
 * One regular expression of the *disallowed* characters runs over each batch's decoded text, so
 * clean text costs one native scan; only hits are mapped back to their record and field.
 */
import type { Finding } from '../core/finding.ts';
import { maskValue } from '../core/mask.ts';
import { formatCodePoint } from '../encoding/code-point.ts';
import { isPua } from '../encoding/pua.ts';
import type { RepertoireBase } from './delivery-profile.ts';
import { parseRange } from './delivery-profile.ts';
import { DeliveryCodes } from './delivery-finding-codes.ts';
import { addFinding, type Stage, type WorkRecord } from './work.ts';
import { recordLocation } from '../readers/record.ts';

export interface Repertoire {
  /** Human name for messages, e.g. "cp932" or "unicode+2". */
  readonly name: string;
  /** Matches one disallowed character (global, unicode). */
  readonly disallowed: RegExp;
}

/** Characters a CP932 (or strict JIS X 0208) file can hold, user-defined area (外字) excluded. */
function shiftJisRepertoire(strict: boolean): number[] {
  const dec = new TextDecoder('shift_jis');
  const cps = new Set<number>();
  for (let b = 0x20; b <= 0x7e; b++) cps.add(b);
  for (let b = 0xa1; b <= 0xdf; b++) cps.add(dec.decode(Uint8Array.of(b)).codePointAt(0)!);
  const leads: number[] = [];
  for (let l = 0x81; l <= 0x9f; l++) leads.push(l);
  for (let l = 0xe0; l <= 0xfc; l++) if (l < 0xf0 || l > 0xf9) leads.push(l);
  for (const lead of leads) {
    // JIS X 0208 proper: rows 1–8 (0x81–0x84), 16–84 (0x88–0x9F, 0xE0–0xEA); NEC row 13, NEC-selected
    // and IBM extensions are CP932 only.
    if (strict && ((lead >= 0x85 && lead <= 0x87) || lead >= 0xeb)) continue;
    for (let t = 0x40; t <= 0xfc; t++) {
      if (t === 0x7f) continue;
      const s = dec.decode(Uint8Array.of(lead, t));
      const cp = s.codePointAt(0)!;
      if (s.length === 1 && cp !== 0xfffd && !isPua(cp)) cps.add(cp);
    }
  }
  return [...cps];
}

function esc(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function toClass(ranges: [number, number][]): string {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged.map(([a, b]) => (a === b ? esc(a) : `${esc(a)}-${esc(b)}`)).join('');
}

const cache = new Map<string, Repertoire>();

/**
 * `base` unicode: everything except private use and C0/C1 controls (TAB, CR, LF allowed);
 * cp932 / jisx0208: what those charsets hold without their user-defined area. `allow` and
 * `ranges` add characters on top.
 */
export function buildRepertoire(base: RepertoireBase, allow = '', ranges: string[] = []): Repertoire {
  const key = JSON.stringify([base, allow, ranges]);
  const hit = cache.get(key);
  if (hit) return hit;
  const allowed: [number, number][] = [[0x09, 0x0a], [0x0d, 0x0d]];
  if (base === 'unicode') {
    allowed.push([0x20, 0x7e], [0xa0, 0xd7ff], [0xf900, 0xffff], [0x10000, 0xeffff]);
  } else {
    for (const cp of shiftJisRepertoire(base === 'jisx0208')) allowed.push([cp, cp]);
  }
  for (const ch of allow) allowed.push([ch.codePointAt(0)!, ch.codePointAt(0)!]);
  for (const r of ranges) allowed.push(parseRange(r));
  const extras = (allow ? [...allow].length : 0) + ranges.length;
  const rep: Repertoire = {
    name: extras > 0 ? `${base}+${extras}` : base,
    disallowed: new RegExp(`[^${toClass(allowed)}]`, 'gu'),
  };
  cache.set(key, rep);
  return rep;
}

export interface CharTallyEntry {
  codePoint: string;
  kind: 'pua' | 'outside';
  count: number;
  /** Counts per file (as named in findings). */
  files: Record<string, number>;
  first: { file: string; record: number; field?: string };
}

/** Per-character counts over the whole delivery, capped in distinct characters (`truncated`). */
export class CharTally {
  readonly entries = new Map<number, CharTallyEntry>();
  truncated = false;
  constructor(readonly maxDistinct = 5000) {}

  add(cp: number, file: string, record: number, field: string | undefined): void {
    let e = this.entries.get(cp);
    if (!e) {
      if (this.entries.size >= this.maxDistinct) {
        this.truncated = true;
        return;
      }
      e = { codePoint: formatCodePoint(cp), kind: isPua(cp) ? 'pua' : 'outside', count: 0, files: {}, first: { file, record, ...(field ? { field } : {}) } };
      this.entries.set(cp, e);
    }
    e.count++;
    e.files[file] = (e.files[file] ?? 0) + 1;
  }

  list(): CharTallyEntry[] {
    return [...this.entries.values()].sort((a, b) => b.count - a.count || a.codePoint.localeCompare(b.codePoint));
  }
}

export interface RepertoireStageOptions {
  file: string;
  repertoire: Repertoire;
  fieldIds: readonly string[];
  /** Field indexes holding 個人番号 (特定個人情報): samples fully masked. */
  myNumberFields?: ReadonlySet<number>;
  tally: CharTally;
}

function recordAt(records: WorkRecord[], textIndex: number): WorkRecord | undefined {
  let lo = 0;
  let hi = records.length - 1;
  let found: WorkRecord | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (records[mid].src.textStart <= textIndex) {
      found = records[mid];
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found && textIndex <= found.src.textEnd ? found : undefined;
}

/**
 * A stage that raises one finding per (record, field, character) outside the repertoire and
 * tallies every occurrence. Ignores fate: a record already rejected for another reason is still
 * checked, so the report lists every problem at once.
 */
export function repertoireStage(o: RepertoireStageOptions): Stage {
  const re = o.repertoire.disallowed;
  return (batch) => {
    if (batch.records.length === 0) return;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let lastRec: WorkRecord | undefined;
    let seen = new Set<string>();
    while ((m = re.exec(batch.text)) !== null) {
      const rec = recordAt(batch.records, m.index);
      if (!rec) continue; // the header row, or text between records
      const ch = m[0];
      const cp = ch.codePointAt(0)!;
      let fieldIndex = -1;
      for (let i = 0; i < rec.values.length; i++) {
        if (rec.values[i].includes(ch)) {
          fieldIndex = i;
          break;
        }
      }
      const field = fieldIndex >= 0 ? o.fieldIds[fieldIndex] : undefined;
      o.tally.add(cp, o.file, rec.src.record, field);
      if (rec !== lastRec) {
        lastRec = rec;
        seen = new Set();
      }
      const k = `${fieldIndex}:${cp}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const pua = isPua(cp);
      const f: Finding = {
        code: pua ? DeliveryCodes.CHECK_PUA_CHAR : DeliveryCodes.CHECK_CHAR_OUTSIDE_REPERTOIRE,
        severity: pua ? 'error' : 'error',
        location: recordLocation(o.file, rec.src),
        params: { codePoint: formatCodePoint(cp), repertoire: o.repertoire.name },
      };
      if (field !== undefined) {
        f.field = field;
        const v = rec.values[fieldIndex];
        f.sample = o.myNumberFields?.has(fieldIndex) ? '*'.repeat([...v].length) : maskValue(v);
      }
      addFinding(rec, f);
    }
  };
}
