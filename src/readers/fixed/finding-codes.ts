import { defineFindingCodes } from '../../core/finding.ts';

/**
 * Findings of the fixed-length reader. Params never hold decoded text: offsets (decimal `offset`,
 * absolute in the file, and `offsetHex`) and raw bytes as hex (`hex`) only.
 */
export const FIX = defineFindingCodes({
  FIX_SHORT_RECORD: {
    severity: 'error',
    title: { ja: 'レコード長不足', en: 'Short record' },
    ja: (p) => `レコードが短すぎます（${p.expected}バイト必要、${p.actual}バイトのみ、位置 ${p.offsetHex}）。`,
    en: (p) => `record is too short: ${p.actual} of ${p.expected} bytes (at ${p.offsetHex})`,
  },
  FIX_RECORD_LENGTH: {
    severity: 'error',
    title: { ja: 'レコード長不一致', en: 'Record length differs from layout' },
    ja: (p) => `レコード長がレイアウトと一致しません（定義 ${p.expected}バイト、実際 ${p.actual}バイト、位置 ${p.offsetHex}）。`,
    en: (p) => `record is ${p.actual} bytes but the layout says ${p.expected} (at ${p.offsetHex})`,
  },
  FIX_UNKNOWN_RECORD_TYPE: {
    severity: 'error',
    title: { ja: '未定義のレコード区分', en: 'Unknown record type' },
    ja: (p) => `レコード区分 ${p.hex} はレイアウトに定義されていません（位置 ${p.offsetHex}）。`,
    en: (p) => `record type bytes ${p.hex} match no record type of the layout (at ${p.offsetHex})`,
  },
  FIX_TRAILER_COUNT_MISMATCH: {
    severity: 'error',
    title: { ja: 'トレーラ件数不一致', en: 'Trailer count mismatch' },
    ja: (p) => `トレーラの件数 ${p.declared} 件が、読み込んだ件数 ${p.counted} 件と一致しません。`,
    en: (p) => `trailer says ${p.declared} records but ${p.counted} were read`,
  },
  FIX_TRAILER_MISSING: {
    severity: 'error',
    title: { ja: 'トレーラなし', en: 'Trailer missing' },
    ja: () => 'ファイルの最後にトレーラレコードがありません（件数を照合できません）。',
    en: () => 'the file ends without its trailer record; the record count cannot be checked',
  },
  FIX_RECORD_AFTER_TRAILER: {
    severity: 'warning',
    title: { ja: 'トレーラ後のレコード', en: 'Record after trailer' },
    ja: (p) => `トレーラの後にレコードがあります（位置 ${p.offsetHex}）。`,
    en: (p) => `a record follows the trailer (at ${p.offsetHex})`,
  },
  FIX_MISSING_TERMINATOR: {
    severity: 'error',
    title: { ja: '改行位置の不一致', en: 'Terminator not where the layout says' },
    ja: (p) => `${p.expected}バイト目の後に改行がありません（位置 ${p.offsetHex}、実際のバイト ${p.hex}）。`,
    en: (p) => `no record terminator after ${p.expected} bytes (at ${p.offsetHex}, found ${p.hex})`,
  },
  FIX_BAD_RDW: {
    severity: 'error',
    title: { ja: 'レコード記述語（RDW）不正', en: 'Impossible record descriptor word' },
    ja: (p) => `位置 ${p.offsetHex} のレコード記述語（RDW）${p.hex} はありえない値です（${p.problem === 'segment' ? '3〜4バイト目が0でない：スパンレコードは未対応' : 'レコード長が4未満'}）。${p.skipped !== undefined ? `以降 ${p.skipped} バイトは読めません。` : 'このブロックの残りは読めません。'}`,
    en: (p) => `record descriptor word ${p.hex} at ${p.offsetHex} is impossible (${p.problem === 'segment' ? 'bytes 3-4 are not zero: spanned records are not supported' : 'length below 4'}); ${p.skipped !== undefined ? `the ${p.skipped} bytes from there on cannot be read` : 'the rest of its block cannot be read'}`,
  },
  FIX_BAD_BDW: {
    severity: 'error',
    title: { ja: 'ブロック記述語（BDW）不正', en: 'Impossible block descriptor word' },
    ja: (p) => `位置 ${p.offsetHex} のブロック記述語（BDW）${p.hex} はありえない値です（${p.problem === 'reserved' ? '3〜4バイト目が0でない' : 'ブロック長が8未満'}）。以降 ${p.skipped} バイトは読めません。`,
    en: (p) => `block descriptor word ${p.hex} at ${p.offsetHex} is impossible (${p.problem === 'reserved' ? 'bytes 3-4 are not zero' : 'length below 8'}); the ${p.skipped} bytes from there on cannot be read`,
  },
  FIX_RDW_PAST_BLOCK: {
    severity: 'error',
    title: { ja: 'レコードがブロックを超える', en: 'Record runs past its block' },
    ja: (p) => `位置 ${p.offsetHex} のレコードは RDW で ${p.declared} バイトですが、ブロックの残りは ${p.actual} バイトです。`,
    en: (p) => `the record at ${p.offsetHex} is ${p.declared} bytes by its RDW but its block has ${p.actual} bytes left`,
  },
  FIX_RECORD_PAST_EOF: {
    severity: 'error',
    title: { ja: 'レコードがファイル末尾を超える', en: 'Record runs past the end of the file' },
    ja: (p) => `位置 ${p.offsetHex} のレコードは RDW で ${p.declared} バイトですが、ファイルの残りは ${p.actual} バイトです。`,
    en: (p) => `the record at ${p.offsetHex} is ${p.declared} bytes by its RDW but the file has ${p.actual} bytes left`,
  },
  FIX_BLOCK_PAST_EOF: {
    severity: 'error',
    title: { ja: 'ブロックがファイル末尾を超える', en: 'Block runs past the end of the file' },
    ja: (p) => `位置 ${p.offsetHex} のブロックは BDW で ${p.declared} バイトですが、ファイルの残りは ${p.actual} バイトです。`,
    en: (p) => `the block at ${p.offsetHex} is ${p.declared} bytes by its BDW but the file has ${p.actual} bytes left`,
  },
  FIX_TRAILING_BYTES: {
    severity: 'error',
    title: { ja: '余りバイト', en: 'Trailing bytes' },
    ja: (p) => `位置 ${p.offsetHex} に、レコードにならない ${p.count} バイト（${p.hex}）があります（記述語の4バイトに足りません）。`,
    en: (p) => `${p.count} bytes (${p.hex}) at ${p.offsetHex} are too few for a descriptor word and belong to no record`,
  },
  FIX_BAD_NIBBLE: {
    severity: 'error',
    title: { ja: '数値項目の不正な桁', en: 'Bad digit or zone nibble' },
    ja: (p) => `数値項目に不正なバイトがあります（位置 ${p.offsetHex}、バイト ${p.hex}、項目のバイト列 ${p.fieldHex}）。`,
    en: (p) => `bad ${p.nibble} nibble in a ${p.type} number at ${p.offsetHex} (byte ${p.hex}; field bytes ${p.fieldHex})`,
  },
  FIX_BAD_SIGN: {
    severity: 'error',
    title: { ja: '符号が不正', en: 'Bad sign nibble' },
    ja: (p) => `数値項目の符号 ${p.sign} は許可されていません（位置 ${p.offsetHex}、項目のバイト列 ${p.fieldHex}）。`,
    en: (p) => `sign nibble ${p.sign} is not accepted (at ${p.offsetHex}; field bytes ${p.fieldHex})`,
  },
  FIX_NUMBER_OVERFLOW: {
    severity: 'error',
    title: { ja: '桁あふれ', en: 'Number overflow' },
    ja: (p) => `数値が定義の桁数 ${p.digits} 桁を超えています（位置 ${p.offsetHex}、項目のバイト列 ${p.fieldHex}）。`,
    en: (p) => `value has more than the declared ${p.digits} digits (at ${p.offsetHex}; field bytes ${p.fieldHex})`,
  },
  FIX_BAD_DATE: {
    severity: 'error',
    title: { ja: '日付が不正', en: 'Invalid date' },
    ja: (p) => `日付項目が YYYYMMDD の正しい日付ではありません（位置 ${p.offsetHex}、バイト列 ${p.fieldHex}）。`,
    en: (p) => `not a valid YYYYMMDD date (at ${p.offsetHex}; field bytes ${p.fieldHex})`,
  },
  FIX_SPLIT_DBCS: {
    severity: 'error',
    title: { ja: '全角文字の分断', en: 'Double-byte character cut by field boundary' },
    ja: (p) => `項目の境界で全角文字が分断されています（位置 ${p.offsetHex}、バイト ${p.hex}）。レイアウトの桁位置を確認してください。`,
    en: (p) => `a double-byte character is cut by the field boundary at ${p.offsetHex} (bytes ${p.hex}); check the layout offsets`,
  },
  FIX_INVALID_BYTES: {
    severity: 'error',
    title: { ja: '文字コード不正', en: 'Invalid bytes for the charset' },
    ja: (p) => `${p.charset} として読めないバイトがあります（位置 ${p.offsetHex}、バイト ${p.hex}）。`,
    en: (p) => `bytes ${p.hex} at ${p.offsetHex} are not valid ${p.charset}`,
  },
  FIX_EOF_MARKER: {
    severity: 'info',
    title: { ja: 'EOF記号', en: 'End-of-file marker' },
    ja: (p) => `ファイル末尾の EOF 記号（0x1A、位置 ${p.offsetHex}）を無視しました。`,
    en: (p) => `ignored the end-of-file marker 0x1A at ${p.offsetHex}`,
  },
});
