import { defineFindingCodes } from '../core/finding.ts';

/**
 * Encoding findings declared by this module. ENC_INVALID_BYTES and ENC_TRUNCATED (from
 * `findInvalid`) are declared in src/readers/encoding-finding-codes.ts, where the CSV reader first
 * needed them; a code may be declared only once.
 */
export const EncodingCodes = defineFindingCodes({
  ENC_UNREPRESENTABLE: {
    severity: 'error',
    title: { ja: '出力の文字コードにない文字', en: 'Character the target charset cannot hold' },
    ja: (p) => `${p.codePoint} は ${p.charset} で表せません。${p.hint ? `${p.hint} に置き換えると表せます（正規化で対応してください）。` : '外字対応表で置き換えるか、出力の文字コードを見直してください。'}`,
    en: (p) => `${p.codePoint} cannot be written in ${p.charset}; ${p.hint ? `its ${p.charset} form is ${p.hint} (normalise it first).` : 'map it with the gaiji table or choose another target charset.'}`,
  },
  ENC_UTF16_INPUT: {
    severity: 'error',
    title: { ja: 'UTF-16 のファイル', en: 'UTF-16 file' },
    ja: (p) => `ファイルは ${p.detected} のようです（${p.charset} として指定されています）。UTF-8 か指定の文字コードで出力し直してください。`,
    en: (p) => `The file looks like ${p.detected}, not ${p.charset}; export it again as UTF-8 or the agreed charset.`,
  },
});
