/**
 * Japanese-first labels for the enumerations a check report shows (severity, file status,
 * character kind). report.json keeps the English codes (a contract for scripts); the HTML and the
 * xlsx show these, so staff read エラー, not "error", and both renderings say the same thing.
 */
import type { Severity } from '../core/finding.ts';
import type { FileCheck } from './check-report.ts';

export interface Bilingual { ja: string; en: string }

export const SEVERITY_LABEL: Record<Severity, Bilingual> = {
  error: { ja: 'エラー', en: 'error' },
  warning: { ja: '警告', en: 'warning' },
  info: { ja: '情報', en: 'info' },
};

/** A file's result as staff read it: missing, not finished, to be corrected, or fine. */
export function fileResultLabel(f: Pick<FileCheck, 'status' | 'errors'>): Bilingual & { tone: 'bad' | 'warn' | 'ok' } {
  if (f.status === 'missing') return { ja: 'なし', en: 'missing', tone: 'bad' };
  if (f.status === 'incomplete') return { ja: '未完了', en: 'incomplete', tone: 'warn' };
  return f.errors > 0 ? { ja: '要是正', en: 'fix', tone: 'bad' } : { ja: '良好', en: 'OK', tone: 'ok' };
}

export const FILE_STATUS_LABEL: Record<FileCheck['status'], Bilingual> = {
  checked: { ja: '検査済', en: 'checked' },
  missing: { ja: 'なし', en: 'missing' },
  incomplete: { ja: '未完了', en: 'incomplete' },
};

export const CHAR_KIND_LABEL: Record<'pua' | 'outside', Bilingual> = {
  pua: { ja: '外字（私用領域）', en: 'private use' },
  outside: { ja: '取り決め外', en: 'outside repertoire' },
};

/** `エラー error`, the way a spreadsheet cell shows a bilingual label. */
export function cellLabel(l: Bilingual): string {
  return `${l.ja} ${l.en}`;
}

export function severityLabel(s: string): Bilingual {
  return SEVERITY_LABEL[s as Severity] ?? { ja: s, en: s };
}
