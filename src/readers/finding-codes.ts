import { defineFindingCodes } from '../core/finding.ts';

/**
 * Findings raised by the CSV reader. Codes are stable: reports, rejects files and users' scripts
 * match on them. Messages never carry field values; `params` hold counts, column numbers and
 * byte lengths only.
 */
export const CSV = defineFindingCodes({
  CSV_UNCLOSED_QUOTE: {
    severity: 'error',
    title: { ja: '引用符が閉じていない', en: 'Unclosed quote' },
    ja: (p) => `${p.column ?? '?'}列目で始まった引用符（"）がファイルの終わりまで閉じられていません。このレコード以降の行はすべてこのレコードに含まれています。`,
    en: (p) => `The quote (") opened in column ${p.column ?? '?'} is never closed before the end of the file; every later line was swallowed into this record.`,
  },
  CSV_RECORD_TOO_LONG: {
    severity: 'error',
    title: { ja: 'レコードが長すぎる', en: 'Record too long' },
    ja: (p) => `レコードが ${p.bytes} バイトあり、上限 ${p.limit} バイトを超えています。内容は読み飛ばしました（閉じていない引用符が原因のことがあります）。`,
    en: (p) => `The record is ${p.bytes} bytes long, over the ${p.limit}-byte limit; its content was skipped (an unclosed quote is a common cause).`,
  },
  CSV_TOO_FEW_FIELDS: {
    severity: 'error',
    title: { ja: '項目数が足りない', en: 'Too few fields' },
    ja: (p) => `項目数が ${p.actual} 個で、想定の ${p.expected} 個より少なくなっています。`,
    en: (p) => `The record has ${p.actual} fields; ${p.expected} were expected.`,
  },
  CSV_TOO_MANY_FIELDS: {
    severity: 'error',
    title: { ja: '項目数が多すぎる', en: 'Too many fields' },
    ja: (p) => `項目数が ${p.actual} 個で、想定の ${p.expected} 個より多くなっています（区切り文字を含む値が引用符で囲まれていない可能性があります）。`,
    en: (p) => `The record has ${p.actual} fields; ${p.expected} were expected (a value holding the delimiter may be missing its quotes).`,
  },
  CSV_QUOTE_GARBAGE: {
    severity: 'error',
    title: { ja: '閉じ引用符の後に文字がある', en: 'Characters after a closing quote' },
    ja: (p) => `${p.column}列目で、閉じ引用符（"）の直後に区切り文字以外の文字があります。値の中の " は "" と二重にする必要があります。`,
    en: (p) => `In column ${p.column}, characters follow the closing quote (") before the delimiter; a quote inside a value must be doubled ("").`,
  },
  CSV_BARE_QUOTE: {
    severity: 'warning',
    title: { ja: '引用符で囲まれていない値の中に引用符がある', en: 'Quote inside an unquoted value' },
    ja: (p) => `${p.column}列目の値は引用符で囲まれていませんが、中に " があります。" はそのまま値の一部として読みました。`,
    en: (p) => `Column ${p.column} is not quoted but contains a quote ("); it was kept as part of the value.`,
  },
  CSV_NUL_BYTES: {
    severity: 'error',
    title: { ja: 'NUL バイトがある', en: 'NUL bytes' },
    ja: (p) => `レコードに NUL バイト（0x00）が ${p.count} 個あります（固定長データの埋め草や破損の可能性があります）。`,
    en: (p) => `The record holds ${p.count} NUL byte(s) (0x00): padding from fixed-length data or a damaged file.`,
  },
  CSV_BOM_MIDDLE: {
    severity: 'error',
    title: { ja: 'ファイルの途中に BOM がある', en: 'BOM in the middle of the file' },
    ja: () => 'ファイルの途中に BOM（U+FEFF）があります。複数のファイルをつなげた可能性があります（このレコードは次のファイルの見出し行かもしれません）。',
    en: () => 'A byte-order mark (U+FEFF) appears in the middle of the file; files were probably concatenated (this record may be the next file\'s header).',
  },
  CSV_BOM_CHARSET_MISMATCH: {
    severity: 'error',
    title: { ja: 'BOM と文字コードの指定が合わない', en: 'BOM contradicts the charset' },
    ja: (p) => `ファイルの先頭に UTF-8 の BOM がありますが、文字コードに ${p.charset} が指定されています。文字化けを避けるため読み込みませんでした。文字コードに utf-8 を指定してください。`,
    en: (p) => `The file starts with a UTF-8 byte-order mark but was to be read as ${p.charset}; it was not read, to avoid garbled text. Read it as utf-8.`,
  },
});
