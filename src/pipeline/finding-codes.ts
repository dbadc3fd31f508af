import { defineFindingCodes } from '../core/finding.ts';

export const PipelineCodes = defineFindingCodes({
  OUT_UNREPRESENTABLE: {
    severity: 'error',
    title: { ja: '出力文字コードで表せない文字', en: 'Character not representable in the output charset' },
    ja: (p) => `出力文字コード ${p.charset} で表せない文字 ${p.codePoint} があります（置換せず不採用にしました）`,
    en: (p) => `character ${p.codePoint} cannot be written in ${p.charset}; the record was rejected rather than substituted`,
  },
  ROW_FIELD_COUNT: {
    severity: 'error',
    title: { ja: '項目数がレイアウトと不一致', en: 'Field count differs from the layout' },
    ja: (p) => `項目数が ${p.actual} です（レイアウトは ${p.expected} 項目）`,
    en: (p) => `record has ${p.actual} fields; the layout has ${p.expected}`,
  },
  HEADER_MISMATCH: {
    severity: 'error',
    title: { ja: 'ヘッダ行がレイアウトと不一致', en: 'Header row does not match the layout' },
    ja: (p) => `ヘッダ行の ${p.position} 列目「${p.actual}」はレイアウトの「${p.expected}」と一致しません`,
    en: (p) => `header column ${p.position} is "${p.actual}", the layout expects "${p.expected}"`,
  },
  SRC_RECORD_TYPE_NOT_MAPPED: {
    severity: 'error',
    title: { ja: 'マッピング対象外のレコード種別', en: 'Record type the mapping does not read' },
    ja: (p) => `レコード種別「${p.recordType}」はこのマッピング（対象: ${p.mapped}）では変換できません。別のマッピングで変換してください`,
    en: (p) => `record type "${p.recordType}" is not the one this mapping reads ("${p.mapped}"); convert it with a mapping of its own`,
  },
  FILE_EMPTY: {
    severity: 'warning',
    title: { ja: '空のファイル', en: 'Empty file' },
    ja: () => 'ファイルにレコードがありません',
    en: () => 'the file holds no records',
  },
  FILE_HEADER_ONLY: {
    severity: 'warning',
    title: { ja: 'ヘッダ行のみのファイル', en: 'Header-only file' },
    ja: () => 'ヘッダ行のみでデータレコードがありません',
    en: () => 'the file holds a header row and no data records',
  },
});
