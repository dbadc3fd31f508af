import { defineFindingCodes, type FindingParams } from '../core/finding.ts';

const p = (params: FindingParams, key: string): string => String(params[key] ?? '');

/**
 * Findings raised while mapping a record (MAP_) and by the named transforms (TX_). All are errors:
 * a value that cannot be converted must not be delivered half-converted, so the record goes to the
 * rejects with this reason. Messages never contain the value itself (the report shows a masked sample).
 */
export const MappingCodes = defineFindingCodes({
  MAP_SOURCE_COLUMN_MISSING: {
    severity: 'error',
    title: { ja: '移行元の項目が不足', en: 'Source column missing' },
    ja: (x) => `レコードに移行元の ${p(x, 'column')} 列目がありません（マッピングが参照しています）。`,
    en: (x) => `The record has no source column ${p(x, 'column')}, which the mapping reads.`,
  },
  TX_WAREKI_FORMAT: {
    severity: 'error',
    title: { ja: '和暦日付の形式誤り', en: 'Japanese-era date malformed' },
    ja: (x) => `和暦日付が「元号コード${p(x, 'eraDigits')}桁＋年月日6桁」の形式ではありません。`,
    en: (x) => `The Japanese-era date is not an era code of ${p(x, 'eraDigits')} digit(s) followed by YYMMDD.`,
  },
  TX_WAREKI_ERA_UNKNOWN: {
    severity: 'error',
    title: { ja: '元号コード不明', en: 'Unknown era code' },
    ja: (x) => `元号コード「${p(x, 'era')}」は設定されていません。`,
    en: (x) => `Era code "${p(x, 'era')}" is not configured.`,
  },
  TX_WAREKI_INVALID_DATE: {
    severity: 'error',
    title: { ja: '存在しない和暦日付', en: 'Japanese-era date does not exist' },
    ja: (x) => `${p(x, 'eraJa')}の日付として存在しない年月日です。`,
    en: (x) => `Not a real calendar date in the ${p(x, 'eraEn')} era.`,
  },
  TX_WAREKI_OUTSIDE_ERA: {
    severity: 'error',
    title: { ja: '元号の期間外の日付', en: 'Date outside its era' },
    ja: (x) => `${p(x, 'eraJa')}の期間（${p(x, 'from')}〜${p(x, 'to')}）の外の日付です。`,
    en: (x) => `The date falls outside the ${p(x, 'eraEn')} era (${p(x, 'from')} to ${p(x, 'to')}).`,
  },
  TX_WAREKI_UNKNOWN_DATE: {
    severity: 'error',
    title: { ja: '日付不詳', en: 'Date marked unknown' },
    ja: () => '日付が「不詳」のコードで入力されています（変換できません）。',
    en: () => 'The date carries the "unknown" era code and cannot be converted.',
  },
  TX_WAREKI_PARTIAL_DATE: {
    severity: 'error',
    title: { ja: '月日が不詳（00）', en: 'Month or day unknown (00)' },
    ja: () => '月または日が 00（不詳）です。この項目では許可されていません。',
    en: () => 'The month or day is 00 (unknown), which this field does not allow.',
  },
  TX_DATE_FORMAT: {
    severity: 'error',
    title: { ja: '日付の形式誤り', en: 'Date does not match its format' },
    ja: (x) => `日付が形式「${p(x, 'format')}」に一致しません。`,
    en: (x) => `The date does not match the format "${p(x, 'format')}".`,
  },
  TX_DATE_INVALID: {
    severity: 'error',
    title: { ja: '存在しない日付', en: 'Date does not exist' },
    ja: () => '存在しない年月日です。',
    en: () => 'Not a real calendar date.',
  },
  TX_CODE_UNKNOWN: {
    severity: 'error',
    title: { ja: 'コード変換表にないコード', en: 'Code not in the code table' },
    ja: (x) => `コード変換表「${p(x, 'table')}」にないコードです。`,
    en: (x) => `The code is not in the code table "${p(x, 'table')}".`,
  },
  TX_SPLIT_MISSING: {
    severity: 'error',
    title: { ja: '分割後の部分がない', en: 'Split part missing' },
    ja: (x) => `区切り文字で分割した ${p(x, 'index')} 番目の部分がありません。`,
    en: (x) => `After splitting on the separator there is no part ${p(x, 'index')}.`,
  },
  TX_NOT_DIGITS: {
    severity: 'error',
    title: { ja: '数字以外の文字', en: 'Non-digit characters' },
    ja: () => '数字以外の文字が含まれています。',
    en: () => 'The value contains characters other than digits.',
  },
  TX_CHECK_DIGIT: {
    severity: 'error',
    title: { ja: '検査数字の誤り', en: 'Wrong check digit' },
    ja: (x) => `検査数字(チェックデジット、モジュラス ${p(x, 'modulus')})が正しくありません。番号の誤記・転記誤りの可能性があります。`,
    en: (x) => `The check digit (modulus ${p(x, 'modulus')}) is wrong: the number was probably mistyped or misread.`,
  },
  TX_CHECK_DIGIT_FORM: {
    severity: 'error',
    title: { ja: '検査数字付き番号の形式誤り', en: 'Not a number with a check digit' },
    ja: () => '検査数字付きの番号(半角数字、決められた桁数)になっていません。',
    en: () => 'The value is not a number with a check digit (ASCII digits, of the stated length).',
  },
  TX_PAD_TOO_LONG: {
    severity: 'error',
    title: { ja: '桁数超過（埋め込み）', en: 'Longer than the padded length' },
    ja: (x) => `値が ${p(x, 'length')} 文字を超えています。`,
    en: (x) => `The value is longer than ${p(x, 'length')} characters.`,
  },
});
