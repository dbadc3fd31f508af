import type { Charset } from '../encoding/index.ts';
import type { Finding, Location } from '../core/finding.ts';
import { CSV } from './finding-codes.ts';
import { ENC } from './encoding-finding-codes.ts';

/** Invalid-byte findings per record are capped: one damaged record must not flood the report. */
const MAX_BYTE_ISSUES_PER_RECORD = 20;

/** Which suspicious characters a batch's decoded text holds at all (one native search each). */
export interface TextMarks {
  replacement: boolean;
  nul: boolean;
  bom: boolean;
}

export function markText(text: string): TextMarks {
  return {
    replacement: text.indexOf('\uFFFD') !== -1,
    nul: text.indexOf('\u0000') !== -1,
    bom: text.indexOf('\uFEFF') !== -1,
  };
}

/**
 * Byte-level findings for one record whose text holds U+FFFD, NUL or U+FEFF. Offsets are exact
 * and absolute: U+FFFD is only a hint, `findInvalid` on the record's own bytes gives the truth
 * (a UTF-8 file may hold a genuine U+FFFD).
 */
export function checkRecordBytes(
  charset: Charset,
  marks: TextMarks,
  text: string,
  textStart: number,
  textEnd: number,
  bytes: Buffer,
  at: Location,
  out: Finding[],
): void {
  const offset = at.offset ?? 0;
  if (marks.replacement && has(text, '\uFFFD', textStart, textEnd)) {
    const issues = charset.findInvalid(bytes);
    for (let i = 0; i < issues.length && i < MAX_BYTE_ISSUES_PER_RECORD; i++) {
      const issue = issues[i];
      out.push({
        code: issue.kind === 'truncated' ? ENC.ENC_TRUNCATED : ENC.ENC_INVALID_BYTES,
        severity: 'error',
        location: { ...at, offset: offset + issue.offset },
        params: { charset: charset.name, length: issue.length, ...(i === 0 && issues.length > 1 ? { more: issues.length - 1 } : {}) },
      });
    }
  }
  if (marks.nul && has(text, '\u0000', textStart, textEnd)) {
    let count = 0;
    for (let i = bytes.indexOf(0); i !== -1; i = bytes.indexOf(0, i + 1)) count++;
    out.push({ code: CSV.CSV_NUL_BYTES, severity: 'error', location: { ...at, offset: offset + bytes.indexOf(0) }, params: { count } });
  }
  if (marks.bom && has(text, '\uFEFF', textStart, textEnd)) {
    const i = bytes.indexOf(UTF8_BOM);
    out.push({ code: CSV.CSV_BOM_MIDDLE, severity: 'error', location: { ...at, offset: offset + Math.max(i, 0) } });
  }
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function has(text: string, ch: string, start: number, end: number): boolean {
  const i = text.indexOf(ch, start);
  return i !== -1 && i < end;
}
