/**
 * Findings raised when a record is checked against its layout. Parameters never hold the field
 * value (the pipeline adds a masked sample); they hold limits, counts and names.
 */
import { defineFindingCodes, type FindingParams } from '../core/finding.ts';
import { IDENTIFIER_FORMS, type IdentifierKind } from './check-digits.ts';

const unitJa = (p: FindingParams) => (p.unit === 'bytes' ? 'バイト' : '文字');
const unitEn = (p: FindingParams) => (p.unit === 'bytes' ? 'bytes' : 'characters');

export const LAYOUT_CODES = defineFindingCodes({
  LAYOUT_FIELD_COUNT: {
    severity: 'error',
    title: { ja: '項目数の不一致', en: 'Wrong number of fields' },
    ja: (p) => `項目数がレイアウトと一致しません(レイアウト${p.expected}項目、このレコード${p.actual}項目)。`,
    en: (p) => `The record has ${p.actual} fields but the layout has ${p.expected}.`,
  },
  LAYOUT_REQUIRED: {
    severity: 'error',
    title: { ja: '必須項目が空', en: 'Required field is empty' },
    ja: () => '必須項目に値がありません。',
    en: () => 'This field is required but has no value.',
  },
  LAYOUT_TOO_LONG: {
    severity: 'error',
    title: { ja: '桁数超過', en: 'Value too long' },
    ja: (p) => `桁数が上限を超えています(上限${p.max}${unitJa(p)}、実際${p.actual}${unitJa(p)})。`,
    en: (p) => `The value is too long: ${p.actual} ${unitEn(p)}, at most ${p.max} allowed.`,
  },
  LAYOUT_TOO_SHORT: {
    severity: 'error',
    title: { ja: '桁数不足', en: 'Value too short' },
    ja: (p) => `桁数が足りません(下限${p.min}${unitJa(p)}、実際${p.actual}${unitJa(p)})。`,
    en: (p) => `The value is too short: ${p.actual} ${unitEn(p)}, at least ${p.min} required.`,
  },
  LAYOUT_CHAR_CLASS: {
    severity: 'error',
    title: { ja: '使用できない文字', en: 'Character not allowed' },
    ja: (p) => `${p.position}文字目が、この項目で使える文字(${p.charClassJa})ではありません。`,
    en: (p) => `Character ${p.position} is not allowed here (allowed: ${p.charClass}).`,
  },
  LAYOUT_DATE_FORMAT: {
    severity: 'error',
    title: { ja: '日付の形式誤り', en: 'Date in the wrong form' },
    ja: (p) => `日付の形式が正しくありません(${p.format === 'wareki' ? '年号コード＋YYMMDD' : '西暦YYYYMMDD'}の数字で記録してください)。`,
    en: (p) => `The date is not in the expected form (${p.format === 'wareki' ? 'era code + YYMMDD' : 'YYYYMMDD'}, digits only).`,
  },
  LAYOUT_DATE_INVALID: {
    severity: 'error',
    title: { ja: '存在しない日付', en: 'Date does not exist' },
    ja: () => '存在しない日付です(月・日の範囲やうるう年を確認してください)。',
    en: () => 'This date does not exist in the calendar (check month, day and leap years).',
  },
  LAYOUT_DATE_PARTIAL: {
    severity: 'error',
    title: { ja: '不詳日付は不可', en: 'Unknown date parts not allowed' },
    ja: () => 'この項目では月・日を不詳(00)にできません。',
    en: () => 'This field does not allow an unknown (00) month or day.',
  },
  LAYOUT_ERA_UNKNOWN: {
    severity: 'error',
    title: { ja: '年号コード誤り', en: 'Unknown era code' },
    ja: (p) => `年号コード「${p.era}」は使用できません(明治1・大正2・昭和3・平成4・令和5、または2桁の01〜05)。`,
    en: (p) => `Era code "${p.era}" is not known (1 Meiji, 2 Taisho, 3 Showa, 4 Heisei, 5 Reiwa, or 01–05).`,
  },
  LAYOUT_DATE_OUTSIDE_ERA: {
    severity: 'error',
    title: { ja: '年号の期間外の日付', en: 'Date outside its era' },
    ja: (p) => `${p.eraName}の期間(${p.from}〜${p.to})にない日付です。`,
    en: (p) => `The date is outside the ${p.eraNameEn} era (${p.from} to ${p.to}).`,
  },
  LAYOUT_CODE_UNKNOWN: {
    severity: 'error',
    title: { ja: 'コード表にないコード', en: 'Code not in the code list' },
    ja: (p) => `コード表「${p.codeListName}」にないコードです。${p.codeListSource ? `(コード表の出典: ${p.codeListSource})` : ''}`,
    en: (p) => `The code is not in the code list "${p.codeList}".${p.codeListSourceEn ? ` (code list: ${p.codeListSourceEn})` : ''}`,
  },
  LAYOUT_ENUM: {
    severity: 'error',
    title: { ja: '許可されていない値', en: 'Value not allowed' },
    ja: (p) => `許可されている値(${p.allowed})のいずれでもありません。`,
    en: (p) => `The value is not one of the allowed values (${p.allowed}).`,
  },
  LAYOUT_PATTERN: {
    severity: 'error',
    title: { ja: '書式誤り', en: 'Value does not match the required form' },
    ja: (p) => `値の書式が項目定義(${p.pattern})に合いません。`,
    en: (p) => `The value does not match the required form (${p.pattern}).`,
  },
  LAYOUT_SCHEMA_VIOLATION: {
    severity: 'error',
    title: { ja: 'レイアウト定義違反', en: 'Layout rule broken' },
    ja: (p) => `項目定義の規則(${p.keyword})に違反しています。`,
    en: (p) => `The value breaks the layout rule "${p.keyword}".`,
  },
  LAYOUT_IDENTIFIER_FORM: {
    severity: 'error',
    title: { ja: '番号の形式誤り', en: 'Identifier in the wrong form' },
    ja: (p) => `${p.identifierJa}の形式(${IDENTIFIER_FORMS[p.identifier as IdentifierKind]?.ja ?? '検査数字付きの半角数字'})になっていません。`,
    en: (p) => `This is not a valid ${p.identifier === 'checkDigit' ? `${p.identifierJa} (digits with a check digit)` : p.identifier} form${IDENTIFIER_FORMS[p.identifier as IdentifierKind] ? ` (${IDENTIFIER_FORMS[p.identifier as IdentifierKind].en})` : ''}.`,
  },
  LAYOUT_CHECK_DIGIT: {
    severity: 'error',
    title: { ja: '検査数字の誤り', en: 'Wrong check digit' },
    ja: (p) => `${p.identifierJa}の検査数字(チェックデジット)が正しくありません。番号の誤記・転記誤りの可能性があります。`,
    en: (p) => `The check digit of this ${p.identifier === 'checkDigit' ? p.identifierJa : p.identifier} is wrong: the number was probably mistyped or misread.`,
  },
});

export type LayoutFindingCode = keyof typeof LAYOUT_CODES;
