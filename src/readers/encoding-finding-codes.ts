import { defineFindingCodes } from '../core/finding.ts';

/**
 * Invalid-byte codes the CSV reader raises from `Charset.findInvalid`. Declared here because
 * src/encoding/ had not declared them yet when the reader was written; if the encoding module
 * declares the same codes, this file must re-export theirs instead (defineFindingCodes refuses a
 * code declared twice).
 */
export const ENC = defineFindingCodes({
  ENC_INVALID_BYTES: {
    severity: 'error',
    title: { ja: '文字コードとして不正なバイト', en: 'Invalid bytes for the charset' },
    ja: (p) => `${p.charset} として読めないバイト列（${p.length} バイト）があります。文字コードの指定が正しいか、ファイルが壊れていないか確認してください。`,
    en: (p) => `A ${p.length}-byte sequence is not valid ${p.charset}; check the charset setting and whether the file is damaged.`,
  },
  ENC_TRUNCATED: {
    severity: 'error',
    title: { ja: '途中で切れた文字', en: 'Truncated character' },
    ja: (p) => `${p.charset} の2バイト以上の文字が途中で切れています（${p.length} バイト）。`,
    en: (p) => `A multibyte ${p.charset} character is cut short (${p.length} byte(s)).`,
  },
  ENC_CHARSET_HINT: {
    severity: 'warning',
    title: { ja: '文字コードの指定違いの可能性', en: 'The bytes look like another charset' },
    ja: (p) => `${p.declaredLabel} として読めないバイトがありますが、同じバイトは ${p.likelyLabel} としては正しく読めます。${p.likelyLabel} のファイルなら、マッピングの source に charset: ${p.likely} と書いてください（peek では --from ${p.likely}）。`,
    en: (p) => `Bytes here are not valid ${p.declaredLabel} but read cleanly as ${p.likelyLabel} (${p.evidence}). If the file is ${p.likelyLabel}, declare it: charset: ${p.likely} in the mapping's source (peek: --from ${p.likely}).`,
  },
});
