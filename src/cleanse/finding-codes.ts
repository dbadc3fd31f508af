/**
 * Findings of the cleanse stages (外字, normalisation, deduplication). Parameters hold code points
 * (U+E000 is not personal data), field ids, counts and record numbers — never field values.
 */
import { defineFindingCodes } from '../core/finding.ts';

export const CLEANSE_CODES = defineFindingCodes({
  GAIJI_RESOLVED: {
    severity: 'info',
    title: { ja: '外字を変換', en: '外字 resolved' },
    ja: (p) => `外字 ${p.codePoint} を外字対応表に従い ${p.target} に変換しました。`,
    en: (p) => `外字 ${p.codePoint} was replaced by ${p.target} as the 外字対応表 says.`,
  },
  GAIJI_SUBSTITUTED: {
    severity: 'warning',
    title: { ja: '外字を代替文字に置換', en: '外字 replaced by a substitute' },
    ja: (p) => `外字 ${p.codePoint} を外字対応表の代替文字 ${p.target} に置き換えました(理由: ${p.reason})。正しい字形ではありません。`,
    en: (p) => `外字 ${p.codePoint} was replaced by the substitute ${p.target} from the 外字対応表 (reason: ${p.reason}); it is not the true glyph.`,
  },
  GAIJI_UNMAPPED_REJECTED: {
    severity: 'error',
    title: { ja: '未登録の外字', en: 'Unmapped 外字' },
    ja: (p) => `外字 ${p.codePoint}(元コード ${p.bytes})が外字対応表にありません。レコードを保留しました。対応表に追加してください。`,
    en: (p) => `外字 ${p.codePoint} (source code ${p.bytes}) is not in the 外字対応表; the record was set aside. Add it to the table.`,
  },
  GAIJI_UNMAPPED_SUBSTITUTED: {
    severity: 'warning',
    title: { ja: '未登録の外字を〓に置換', en: 'Unmapped 外字 replaced by 〓' },
    ja: (p) => `外字 ${p.codePoint}(元コード ${p.bytes})が外字対応表にないため 〓 に置き換えました。`,
    en: (p) => `外字 ${p.codePoint} (source code ${p.bytes}) is not in the 外字対応表 and was replaced by 〓 (U+3013).`,
  },
  GAIJI_UNMAPPED_KEPT: {
    severity: 'warning',
    title: { ja: '未登録の外字をそのまま出力', en: 'Unmapped 外字 kept as is' },
    ja: (p) => `外字 ${p.codePoint}(元コード ${p.bytes})が外字対応表にないため、私用領域のまま出力しました。受け取る側で外字対応表が必要です。`,
    en: (p) => `外字 ${p.codePoint} (source code ${p.bytes}) is not in the 外字対応表 and was written as a private-use character; the receiver needs the table.`,
  },
  GAIJI_OUTPUT_UNENCODABLE: {
    severity: 'error',
    title: { ja: '出力文字コードで表せない文字', en: 'Not representable in the output charset' },
    ja: (p) => `変換後の文字 ${p.codePoint} は出力文字コード ${p.charset} で表せません。レコードを保留しました。`,
    en: (p) => `The character ${p.codePoint} cannot be written in the output charset ${p.charset}; the record was set aside.`,
  },
  GAIJI_IVS_DROPPED: {
    severity: 'warning',
    title: { ja: '異体字セレクタを除去', en: 'Variation selector dropped' },
    ja: (p) => `出力文字コード ${p.charset} は異体字(IVS)を表せないため、${p.codePoint} の異体字セレクタ ${p.selector} を除き基底文字で出力しました。`,
    en: (p) => `The output charset ${p.charset} cannot hold ideographic variation sequences: the selector ${p.selector} after ${p.codePoint} was dropped and the base character written.`,
  },
  NORM_FIELD_CHANGED: {
    severity: 'info',
    title: { ja: '値を正規化', en: 'Value normalised' },
    ja: (p) => `値を正規化しました(規則: ${p.rules})。`,
    en: (p) => `The value was normalised (rules: ${p.rules}).`,
  },
  DEDUP_EXACT_DUPLICATE: {
    severity: 'info',
    title: { ja: '完全重複レコード', en: 'Exact duplicate record' },
    ja: (p) => `正規化後の内容が ${p.keptFile} のレコード ${p.keptRecord} と完全に同じため、重複として除外しました。`,
    en: (p) => `Identical (after normalisation) to record ${p.keptRecord} of ${p.keptFile}; dropped as a duplicate.`,
  },
  DEDUP_KEY_CONFLICT: {
    severity: 'error',
    title: { ja: 'キー重複(内容が異なる)', en: 'Same key, different content' },
    ja: (p) => `主キー(${p.key})が ${p.otherFile} のレコード ${p.otherRecord} と同じで内容が異なります(方針: ${p.policy})。このレコードは出力しません。`,
    en: (p) => `The primary key (${p.key}) equals that of record ${p.otherRecord} of ${p.otherFile} but the content differs (policy ${p.policy}); this record is not written.`,
  },
  DEDUP_KEY_CONFLICT_KEPT: {
    severity: 'warning',
    title: { ja: 'キー重複(採用)', en: 'Same key, different content (kept)' },
    ja: (p) => `主キー(${p.key})が同じで内容の異なるレコードが他にあります(方針: ${p.policy})。このレコードを採用しました。`,
    en: (p) => `Other records have the same primary key (${p.key}) with different content (policy ${p.policy}); this one was kept.`,
  },
  DEDUP_NAYOSE_BLOCK_TOO_LARGE: {
    severity: 'warning',
    title: { ja: '名寄せブロックが大きすぎる', en: '名寄せ block too large' },
    ja: (p) => `カナ氏名・生年月日・性別が同じレコードが ${p.size} 件あり、上限 ${p.max} 件を超えたため名寄せ候補の比較を省略しました。`,
    en: (p) => `${p.size} records share kana name, birth date and sex (more than ${p.max}); their 名寄せ comparison was skipped.`,
  },
});

export type CleanseCode = keyof typeof CLEANSE_CODES;
