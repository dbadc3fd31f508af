/**
 * 「ベンダーへの是正依頼事項」: for each finding code, the sentence a municipality can paste into
 * its request to the vendor. Exact codes first, then by prefix; Japanese first, English second.
 */
interface Advice {
  ja: string;
  en: string;
}

const EXACT: Record<string, Advice> = {
  DELIVERY_FILE_MISSING: { ja: '不足しているファイルを作成し、追加で納品してください。', en: 'Produce the missing files and deliver them.' },
  DELIVERY_FILE_UNEXPECTED: { ja: '想定外のファイルの内容を説明するか、納品物から除いてください。', en: 'Explain the unexpected files or remove them from the delivery.' },
  DELIVERY_ENCODING_INVALID: { ja: '取り決めた文字コードで全ファイルを出力し直してください。', en: 'Export every file again in the agreed character encoding.' },
  DELIVERY_BOM_PRESENT: { ja: 'BOM なしで出力し直してください。', en: 'Export the files again without a byte-order mark.' },
  DELIVERY_BOM_MISSING: { ja: 'BOM ありで出力し直してください。', en: 'Export the files again with a byte-order mark.' },
  DELIVERY_COUNT_MISMATCH: { ja: '件数が納品目録と一致するよう、ファイルまたは納品目録を作り直してください。', en: 'Make the files and the manifest agree on record counts: regenerate one or the other.' },
  DELIVERY_HASH_MISMATCH: { ja: '納品目録作成後にファイルが変わっています。最終版のファイルと納品目録を揃えて納品し直してください。', en: 'The files changed after the manifest was made: deliver the final files together with a matching manifest.' },
  DELIVERY_MANIFEST_CATALOG: { ja: '使用したレイアウト定義（カタログ）の版を確認し、合意した版で作成してください。', en: 'Confirm which layout catalog version was used, and produce the delivery with the agreed one.' },
  CHECK_PK_DUPLICATE: { ja: '主キーが重複するレコードを調査し、重複を解消して再出力してください（同一人物の二重登録か、番号の付け誤りかを報告してください）。', en: 'Investigate records with duplicate primary keys and remove the duplication (report whether they are double registrations or numbering errors).' },
  CHECK_FK_DANGLING: { ja: '参照先に存在しない番号（宛名番号・世帯番号など）を調査し、参照先のデータを追加するか、参照元を訂正してください。', en: 'Investigate numbers that are not found in their target (宛名番号, 世帯番号, …): add the missing target records or correct the references.' },
  CHECK_FK_TARGET_ABSENT: { ja: '参照先のファイルも納品範囲に含めてください（照合できません）。', en: 'Include the referenced files in the delivery so references can be checked.' },
  CHECK_PUA_CHAR: { ja: '外字（私用領域の文字）を外字対応表に基づき標準の文字（MJ 文字等）に変換するか、外字対応表を添付して納品してください。', en: 'Convert private-use characters (外字) to standard characters (e.g. MJ) using the 外字 mapping table, or deliver the table with the data.' },
  CHECK_CHAR_OUTSIDE_REPERTOIRE: { ja: '取り決めた文字集合にない文字を、合意した方法で置き換えて再出力してください。', en: 'Replace characters outside the agreed repertoire as agreed, and export again.' },
  HEADER_MISMATCH: { ja: 'ヘッダ行（項目名）をレイアウト定義どおりにしてください。', en: 'Make the header row (item names) match the layout.' },
  ROW_FIELD_COUNT: { ja: '項目数がレイアウトと一致するよう出力し直してください（区切り文字・引用符の扱いを確認してください）。', en: 'Export records with the layout\'s number of fields (check delimiter and quote handling).' },
  FILE_EMPTY: { ja: '空のファイルが正しいか（該当データなし）確認し、誤りなら出力し直してください。', en: 'Confirm that the empty file is correct (no data), or export it again.' },
  FILE_HEADER_ONLY: { ja: 'データがヘッダ行のみで正しいか（該当データなし）確認してください。', en: 'Confirm that a header-only file is correct (no data).' },
};

const PREFIX: [string, Advice][] = [
  ['LAYOUT_', { ja: 'レイアウト定義（項目の必須・桁数・文字種・日付・コード）に合うよう、該当項目を訂正して再出力してください。', en: 'Correct the fields so they meet the layout (required items, lengths, character classes, dates, codes) and export again.' }],
  ['CSV_', { ja: 'CSV の形式（引用符・区切り文字・改行）を RFC 4180 どおりにして出力し直してください。', en: 'Export the CSV again following RFC 4180 (quotes, delimiters, line breaks).' }],
  ['ENC_', { ja: '取り決めた文字コードで正しく出力し直してください（壊れたバイト列があります）。', en: 'Export again in the agreed encoding (some byte sequences are broken).' }],
];

export function adviceFor(code: string): Advice {
  const exact = EXACT[code];
  if (exact) return exact;
  for (const [p, a] of PREFIX) if (code.startsWith(p)) return a;
  return { ja: '該当箇所を確認し、訂正して再納品してください。', en: 'Review the findings, correct them and deliver again.' };
}
