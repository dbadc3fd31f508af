import type { ByteIssue, Charset } from '../encoding/index.ts';
import type { Finding, Location } from '../core/finding.ts';
import { CSV } from './finding-codes.ts';
import { ENC } from './encoding-finding-codes.ts';

/** Invalid-byte findings per record are capped: one damaged record must not flood the report. */
const MAX_BYTE_ISSUES_PER_RECORD = 20;
/** Bytes of one invalid sequence given in hex (`params.hex`, for the rejects' bytes column); sequences are short, a run of garbage is cut. */
const MAX_HEX_BYTES = 16;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Whether a run of records holds anything suspicious at all, so clean runs (nearly all) cost one
 * native search each. NUL and BOM are searched on bytes (memchr-fast); U+FFFD only exists in the
 * decoded text. A UTF-8 BOM's bytes mean U+FEFF only in UTF-8.
 */
export interface RunMarks {
  replacement: boolean;
  nul: boolean;
  bom: boolean;
}

export function markRun(charset: Charset, text: string, bytes: Buffer, issues: ByteIssue[] | undefined): RunMarks {
  return {
    replacement: issues ? issues.length > 0 : text.indexOf('\uFFFD') !== -1,
    nul: bytes.indexOf(0) !== -1,
    bom: charset.name === 'utf-8' && bytes.indexOf(UTF8_BOM) !== -1,
  };
}

/**
 * Byte-level findings for one record whose text holds U+FFFD, NUL or U+FEFF. Offsets are exact
 * and absolute: U+FFFD is only a hint, `findInvalid` on the record's own bytes gives the truth
 * (a UTF-8 file may hold a genuine U+FFFD).
 */
export function checkRecordBytes(
  charset: Charset,
  marks: RunMarks,
  /** The record's invalid-byte issues when the decoder reported them (offsets record-relative). */
  knownIssues: ByteIssue[] | undefined,
  text: string,
  textStart: number,
  textEnd: number,
  bytes: Buffer,
  at: Location,
  out: Finding[],
): void {
  const offset = at.offset ?? 0;
  const issues = !marks.replacement ? undefined : knownIssues ?? (has(text, '\uFFFD', textStart, textEnd) ? charset.findInvalid(bytes) : undefined);
  if (issues) {
    for (let i = 0; i < issues.length && i < MAX_BYTE_ISSUES_PER_RECORD; i++) {
      const issue = issues[i];
      out.push({
        code: issue.kind === 'truncated' ? ENC.ENC_TRUNCATED : ENC.ENC_INVALID_BYTES,
        severity: 'error',
        location: { ...at, offset: offset + issue.offset },
        params: {
          charset: charset.name, length: issue.length,
          // The undecodable bytes themselves: the rejects show them beside the text, where they are U+FFFD.
          hex: bytes.subarray(issue.offset, issue.offset + Math.min(Math.max(1, issue.length), MAX_HEX_BYTES)).toString('hex').toUpperCase(),
          ...(i === 0 && issues.length > 1 ? { more: issues.length - 1 } : {}),
        },
      });
    }
  }
  const nul = marks.nul ? bytes.indexOf(0) : -1;
  if (nul !== -1) {
    let count = 0;
    for (let i = nul; i !== -1; i = bytes.indexOf(0, i + 1)) count++;
    out.push({ code: CSV.CSV_NUL_BYTES, severity: 'error', location: { ...at, offset: offset + nul }, params: { count } });
  }
  const bom = marks.bom ? bytes.indexOf(UTF8_BOM) : -1;
  if (bom !== -1) out.push({ code: CSV.CSV_BOM_MIDDLE, severity: 'error', location: { ...at, offset: offset + bom } });
}

function has(text: string, ch: string, start: number, end: number): boolean {
  const i = text.indexOf(ch, start);
  return i !== -1 && i < end;
}
