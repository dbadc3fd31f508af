import { defineFindingCodes } from '../core/finding.ts';

/**
 * Findings of `chukan check` (exit-data delivery validation). Declared in pipeline/ rather than
 * report/ because the streaming stages that raise them live here (the import rule runs left to
 * right). DELIVERY_* are about the files as a whole (inventory, encoding, manifest); CHECK_* are
 * about records (keys, characters). Messages are for municipal staff: Japanese first, no values.
 */
export const DeliveryCodes = defineFindingCodes({
  DELIVERY_FILE_MISSING: {
    severity: 'error',
    title: { ja: 'ファイルがない', en: 'File missing' },
    ja: (p) => `${p.domainName}の「${p.fileName}」（${p.expectedName}）が納品物にありません${p.reason === 'manifest' ? '（納品目録に記載あり）' : ''}。`,
    en: (p) => `${p.expectedName} (${p.fileName}) of ${p.domainId} is not in the delivery${p.reason === 'manifest' ? ' although the manifest lists it' : ''}.`,
  },
  DELIVERY_FILE_UNEXPECTED: {
    severity: 'warning',
    title: { ja: '想定外のファイル', en: 'Unexpected file' },
    ja: (p) => `納品物に想定外のファイル「${p.fileName}」があります（${p.reason === 'manifest' ? '納品目録に記載がありません' : 'ファイル名がカタログのどのファイルとも一致しません'}）。検査していません。`,
    en: (p) => `The delivery holds an unexpected file "${p.fileName}" (${p.reason === 'manifest' ? 'not listed in the manifest' : 'its name matches no file in the catalog'}); it was not checked.`,
  },
  DELIVERY_FILE_OUT_OF_SCOPE: {
    severity: 'info',
    title: { ja: '対象外業務のファイル', en: 'File of a 業務 out of scope' },
    ja: (p) => `「${p.fileName}」は検査対象外の業務（${p.domainName}）のファイルのため検査していません。`,
    en: (p) => `"${p.fileName}" belongs to ${p.domainId}, which is out of scope for this check; it was not checked.`,
  },
  DELIVERY_ENCODING_INVALID: {
    severity: 'error',
    title: { ja: '文字コードの誤り', en: 'Wrong encoding' },
    ja: (p) => `ファイルが ${p.charset} として正しくありません（不正なバイト列 ${p.count} 箇所、最初は ${p.firstOffset} バイト目）。文字コードを確認して出力し直してください。`,
    en: (p) => `The file is not valid ${p.charset}: ${p.count} invalid byte sequence(s), the first at byte ${p.firstOffset}. Export it again in the agreed encoding.`,
  },
  DELIVERY_BOM_PRESENT: {
    severity: 'error',
    title: { ja: 'BOM あり（取り決めでは BOM なし）', en: 'BOM present (agreed: none)' },
    ja: () => 'ファイル先頭に BOM（EF BB BF）があります。取り決めでは BOM なしです。',
    en: () => 'The file starts with a byte-order mark (EF BB BF); the agreed format has none.',
  },
  DELIVERY_BOM_MISSING: {
    severity: 'error',
    title: { ja: 'BOM なし（取り決めでは BOM あり）', en: 'BOM missing (agreed: with BOM)' },
    ja: () => 'ファイル先頭に BOM（EF BB BF）がありません。取り決めでは BOM ありです。',
    en: () => 'The file does not start with a byte-order mark (EF BB BF); the agreed format requires one.',
  },
  DELIVERY_COUNT_MISMATCH: {
    severity: 'error',
    title: { ja: '件数が納品目録と不一致', en: 'Record count differs from the manifest' },
    ja: (p) => `データ件数が ${p.actual} 件で、納品目録の ${p.expected} 件と一致しません。`,
    en: (p) => `The file holds ${p.actual} data records; the manifest says ${p.expected}.`,
  },
  DELIVERY_HASH_MISMATCH: {
    severity: 'error',
    title: { ja: 'ハッシュ値が納品目録と不一致', en: 'SHA-256 differs from the manifest' },
    ja: (p) => `ファイルの SHA-256 が納品目録の値と一致しません（サイズ ${p.actualBytes} バイト、目録 ${p.expectedBytes} バイト）。納品後に変更されたか、別のファイルです。`,
    en: (p) => `The file's SHA-256 differs from the manifest (${p.actualBytes} bytes, manifest ${p.expectedBytes}); it was changed after the manifest was made, or it is another file.`,
  },
  DELIVERY_MANIFEST_CATALOG: {
    severity: 'warning',
    title: { ja: '納品目録のカタログ版が異なる', en: 'Manifest made with another catalog version' },
    ja: (p) => `納品目録はカタログ ${p.manifestCatalog} で作成されていますが、検査はカタログ ${p.catalog} で行いました。`,
    en: (p) => `The manifest was made with catalog ${p.manifestCatalog}; this check used catalog ${p.catalog}.`,
  },
  CHECK_PK_DUPLICATE: {
    severity: 'error',
    title: { ja: '主キーの重複', en: 'Duplicate primary key' },
    ja: (p) => `主キー（${p.keyTitles}）が ${p.firstRecord} レコード目と重複しています。`,
    en: (p) => `The primary key (${p.keys}) repeats record ${p.firstRecord}.`,
  },
  CHECK_FK_DANGLING: {
    severity: 'error',
    title: { ja: '参照先が存在しない', en: 'Reference not found' },
    ja: (p) => `${p.keyTitles}が参照先（${p.targetNames}）に存在しません。`,
    en: (p) => `${p.keys} is not found in ${p.targets}.`,
  },
  CHECK_FK_TARGET_ABSENT: {
    severity: 'warning',
    title: { ja: '参照先ファイルがないため照合できない', en: 'Reference not checked: target file absent' },
    ja: (p) => `${p.keyTitles}の参照先（${p.targetNames}）が納品物にないため、照合していません。`,
    en: (p) => `${p.keys} was not checked: its target (${p.targets}) is not in the delivery.`,
  },
  CHECK_PUA_CHAR: {
    severity: 'error',
    title: { ja: '外字（私用領域の文字）', en: 'Private-use character (外字)' },
    ja: (p) => `外字（私用領域の文字 ${p.codePoint}）が含まれています。外字対応表に基づく変換が必要です。`,
    en: (p) => `Holds a private-use character ${p.codePoint} (外字); it must be converted with the 外字 mapping table.`,
  },
  CHECK_CHAR_OUTSIDE_REPERTOIRE: {
    severity: 'error',
    title: { ja: '取り決め外の文字', en: 'Character outside the agreed repertoire' },
    ja: (p) => `取り決めた文字集合（${p.repertoire}）にない文字 ${p.codePoint} が含まれています。`,
    en: (p) => `Holds ${p.codePoint}, which is outside the agreed character repertoire (${p.repertoire}).`,
  },
});

export type DeliveryCode = keyof typeof DeliveryCodes;
