/**
 * The 項目定義書 vocabulary: how a compiled field is written as one row of Japanese cells (export,
 * `layouts show`) and what those cells mean when read back (import). Both directions live here so
 * that an export imported with the default profile gives the same layout.
 */
import { CHAR_CLASSES, CHAR_CLASS_NAMES_JA, type CharClass } from './char-class.ts';
import { IDENTIFIER_KINDS, IDENTIFIER_NAMES_JA, type IdentifierKind } from './check-digits.ts';
import { checkDigitText } from './check-digit-spec.ts';
import type { DateSpec } from './dates.ts';
import type { FieldDef, ForeignKey, LengthRule } from './fields.ts';
import { FIELD_CLASSES, type FieldClass } from './keywords.ts';
import type { CodeList } from './code-lists.ts';

/** Item columns, in the order the export writes them. */
export const ITEM_COLUMNS = [
  'itemNo', 'id', 'name', 'type', 'charClass', 'length', 'unit', 'required', 'repeat', 'code', 'pattern', 'enum',
  'key', 'references', 'identifier', 'personal', 'fieldClass', 'remarks',
] as const;
export type ItemColumn = (typeof ITEM_COLUMNS)[number];

/** File-level columns (single-sheet books and CSV: one row per item, the file named on each row). */
export const FILE_COLUMNS = ['domainId', 'domainName', 'fileId', 'fileTitle', 'fileName'] as const;
export type FileColumn = (typeof FILE_COLUMNS)[number];

/** Japanese headers the export writes (the first alias of each column in the default profile). */
export const COLUMN_HEADERS_JA: Record<ItemColumn | FileColumn | 'decimals', string> = {
  itemNo: '項目番号', id: '項目ID', name: '項目名', type: 'データ型', charClass: '文字種', length: '桁数', unit: '単位',
  required: '必須', repeat: '繰返し', code: 'コード', pattern: '書式', enum: '許可値', key: 'キー', references: '参照先',
  identifier: '番号検査', personal: '個人情報', fieldClass: '項目区分', remarks: '備考',
  domainId: '業務ID', domainName: '業務名', fileId: 'ファイルID', fileTitle: 'ファイル名', fileName: '標準ファイル名',
  decimals: '小数桁数',
};

export const FIELD_CLASS_NAMES_JA: Record<FieldClass, string> = {
  name: '氏名・名称', kanaName: 'カナ氏名・名称', address: '住所', code: 'コード', freeText: '自由記述', number: '数量・金額', date: '日付',
};

export const UNIT_NAMES_JA = { characters: '文字', 'bytes:cp932': 'バイト', 'bytes:utf-8': 'バイト(UTF-8)' } as const;

export type ItemCells = Record<ItemColumn, string>;

export function dateTypeName(d: DateSpec): string {
  return (d.format === 'wareki' ? '和暦日付' : '日付') + (d.allowUnknown ? '(不詳可)' : '');
}

export function lengthText(l: LengthRule): string {
  if (l.min !== undefined && l.max !== undefined) return l.min === l.max ? `${l.max}(固定)` : `${l.min}-${l.max}`;
  if (l.max !== undefined) return String(l.max);
  return `${l.min}以上`;
}

export function unitText(l: LengthRule): string {
  return l.unit === 'characters' ? UNIT_NAMES_JA.characters : l.charset === 'utf-8' ? UNIT_NAMES_JA['bytes:utf-8'] : UNIT_NAMES_JA['bytes:cp932'];
}

export function typeName(f: FieldDef): string {
  if (f.date) return dateTypeName(f.date);
  if (f.codeList) return 'コード';
  if (f.charClass?.length === 1 && f.charClass[0] === 'digits' && f.fieldClass === 'number') return '数値';
  return '文字列';
}

/** Cells of one item row. `fkNumbers`: foreign keys of the file, numbered from 1 in declaration order. */
export function itemCells(f: FieldDef, opts: { primaryKey: readonly string[]; foreignKeys: readonly ForeignKey[]; codeLists: ReadonlyMap<string, CodeList> }): ItemCells {
  const pk = opts.primaryKey.indexOf(f.id);
  const refs: string[] = [];
  opts.foreignKeys.forEach((fk, k) => {
    fk.fields.forEach((field, j) => {
      if (field === f.id) refs.push(`${k + 1}:${fk.references.layout}.${fk.references.fields[j]}`);
    });
  });
  const r = f.rules;
  const enumValues = r.enums.length > 0 ? r.enums[0].map(String) : [];
  return {
    itemNo: String(f.index + 1),
    id: f.id,
    name: f.title,
    type: typeName(f),
    charClass: f.charClass ? f.charClass.map((c) => CHAR_CLASS_NAMES_JA[c]).join('・') : '',
    length: f.length ? lengthText(f.length) : '',
    unit: f.length ? unitText(f.length) : '',
    required: f.required ? '○' : '',
    repeat: '',
    code: f.codeList ? `${f.codeList}（${opts.codeLists.get(f.codeList)?.name ?? ''}）` : '',
    pattern: r.patterns.join('\n'),
    enum: enumValues.join('|'),
    key: pk >= 0 ? `PK${pk + 1}` : '',
    references: refs.join('\n'),
    identifier: [f.identifier ? IDENTIFIER_NAMES_JA[f.identifier] : '', f.checkDigit ? checkDigitText(f.checkDigit) : ''].filter(Boolean).join('\n'),
    personal: f.personal === 'mynumber' ? '特定個人情報' : f.personal === true ? '○' : f.personal === false ? '×' : '',
    fieldClass: f.fieldClass ? FIELD_CLASS_NAMES_JA[f.fieldClass] : '',
    remarks: f.description ?? '',
  };
}

// ---- reading cells back ----------------------------------------------------------------------

/** Header and value normalisation: NFKC (full-width digits and letters, half-width kana), no spaces. */
export function normaliseCell(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/[:：]$/, '');
}

/** What a データ型 (or 文字種) cell means. */
export interface TypeMeaning {
  charClass?: CharClass[];
  date?: DateSpec;
  /** 数値 with a scale (`10,2`) becomes a decimal pattern. */
  numeric?: boolean;
}

const CLASS_BY_NAME = new Map<string, CharClass>();
for (const c of CHAR_CLASSES) {
  CLASS_BY_NAME.set(normaliseCell(CHAR_CLASS_NAMES_JA[c]), c);
  CLASS_BY_NAME.set(c.toLowerCase(), c);
}
const CLASS_WORDS: Array<[string[], CharClass]> = [
  [['全角', '全角文字', '漢字', '全角文字列', '日本語', '文字列(全角)', '全角漢字', 'N', 'X(全角)'], 'zenkaku'],
  [['半角', '半角文字', '半角文字列', '文字列(半角)', 'ANK', 'X'], 'hankaku'],
  [['全角カナ', '全角カタカナ', 'カナ', 'カタカナ', 'カナ(全角)', 'フリガナ'], 'zenkakuKana'],
  [['半角カナ', '半角カタカナ', 'カナ(半角)'], 'hankakuKana'],
  [['ひらがな', '全角ひらがな', 'かな'], 'zenkakuHiragana'],
  [['英数字', '半角英数字', '英数', '半角英数'], 'alnum'],
  [['半角英数記号', 'ASCII', '英数記号'], 'ascii'],
  [['数値', '数字', '半角数字', '数', '整数', '9', '数値(整数)'], 'digits'],
  [['全角数字'], 'zenkakuDigits'],
  [['全角英数字', '全角英数'], 'zenkakuAlnum'],
];
for (const [words, c] of CLASS_WORDS) for (const w of words) CLASS_BY_NAME.set(normaliseCell(w).toLowerCase(), c);

const DATE_WORDS: Array<[string[], DateSpec]> = [
  [['日付', '日付(西暦)', '西暦日付', '年月日', '日付(YYYYMMDD)', 'DATE'], { format: 'YYYYMMDD' }],
  [['日付(不詳可)', '西暦日付(不詳可)'], { format: 'YYYYMMDD', allowUnknown: true }],
  [['和暦日付', '日付(和暦)', '和暦', '和暦年月日'], { format: 'wareki' }],
  [['和暦日付(不詳可)', '日付(和暦・不詳可)'], { format: 'wareki', allowUnknown: true }],
];
const DATE_BY_NAME = new Map<string, DateSpec>();
for (const [words, d] of DATE_WORDS) for (const w of words) DATE_BY_NAME.set(normaliseCell(w).toLowerCase(), d);

/** Types that say nothing about characters (the 文字種 column or nothing constrains them). */
const NEUTRAL_TYPES = new Set(['文字列', '文字', 'コード', '区分', 'string', 'text', 'varchar', 'char'].map((w) => normaliseCell(w).toLowerCase()));

/**
 * Meaning of a データ型 cell; `extra` are the profile's own type names. Undefined: not understood
 * (the importer lists it). Several classes may be joined with ・ / + 、.
 */
export function parseType(cell: string, extra: ReadonlyMap<string, TypeMeaning> = new Map()): TypeMeaning | undefined {
  const key = normaliseCell(cell).toLowerCase();
  if (key === '') return {};
  const own = extra.get(key);
  if (own) return own;
  const date = DATE_BY_NAME.get(key);
  if (date) return { date };
  if (NEUTRAL_TYPES.has(key)) return {};
  const single = CLASS_BY_NAME.get(key);
  if (single) return { charClass: [single], numeric: single === 'digits' && /^(数値|数|整数|9)/.test(key) };
  const parts = key.split(/[・/+、,]/).filter((p) => p !== '');
  if (parts.length > 1) {
    const classes = parts.map((p) => CLASS_BY_NAME.get(p));
    if (classes.every((c): c is CharClass => c !== undefined)) return { charClass: [...new Set(classes)].sort() };
  }
  return undefined;
}

export interface LengthMeaning {
  min?: number;
  max?: number;
  /** Digits after the point for `P,S` (precision, scale). */
  scale?: number;
}

/** `10`, `(20)`, `１０`, `6(固定)`, `2-5`, `2～5`, `10,2`, `3以上`. Undefined: not understood. */
export function parseLength(cell: string): LengthMeaning | undefined {
  const s = normaliseCell(cell).replace(/[〜～~]/g, '-').replace(/桁$/, '');
  if (s === '') return {};
  let m = /^\(?(\d+)\)?$/.exec(s);
  if (m) return { max: Number(m[1]) };
  m = /^(\d+)\(?固定\)?$/.exec(s);
  if (m) return { min: Number(m[1]), max: Number(m[1]) };
  m = /^(\d+)-(\d+)$/.exec(s);
  if (m && Number(m[1]) <= Number(m[2])) return { min: Number(m[1]), max: Number(m[2]) };
  m = /^\(?(\d+)[,.](\d+)\)?$/.exec(s);
  if (m && Number(m[2]) < Number(m[1])) return { max: Number(m[1]), scale: Number(m[2]) };
  m = /^(\d+)以上$/.exec(s);
  if (m) return { min: Number(m[1]) };
  return undefined;
}

export function parseUnit(cell: string, dflt: LengthRule['unit'] | 'bytes:utf-8' = 'characters'): Pick<LengthRule, 'unit' | 'charset'> | undefined {
  const s = normaliseCell(cell).toLowerCase();
  const pick = (u: string) => (u === 'bytes:utf-8' ? { unit: 'bytes' as const, charset: 'utf-8' as const } : u === 'bytes' ? { unit: 'bytes' as const, charset: 'cp932' as const } : { unit: 'characters' as const });
  if (s === '') return pick(dflt);
  if (['文字', '文字数', '字', 'characters', 'chars'].includes(s)) return pick('characters');
  if (['バイト', 'byte', 'bytes', 'b', 'バイト(cp932)', 'バイト(sjis)', 'バイト(shift_jis)', 'バイト数'].includes(s)) return pick('bytes');
  if (['バイト(utf-8)', 'バイト(utf8)'].includes(s)) return pick('bytes:utf-8');
  return undefined;
}

const YES = new Set(['○', '◯', '〇', '●', '◎', '必須', 'y', 'yes', 'true', '1', 'must', 'required', 'notnull']);
const NO = new Set(['', '×', '-', '−', 'ー', '任意', 'n', 'no', 'false', '0', 'optional', 'null']);

/** true / false, or undefined when the cell is neither. */
export function parseYesNo(cell: string, yes: ReadonlySet<string> = YES, no: ReadonlySet<string> = NO): boolean | undefined {
  const s = normaliseCell(cell).toLowerCase();
  if (yes.has(s)) return true;
  if (no.has(s)) return false;
  return undefined;
}

export function parsePersonal(cell: string): boolean | 'mynumber' | undefined | null {
  const s = normaliseCell(cell).toLowerCase();
  if (s === '') return undefined;
  if (s === '特定個人情報' || s === 'mynumber' || s === '個人番号') return 'mynumber';
  const yn = parseYesNo(cell);
  return yn === undefined ? null : yn;
}

export function parseIdentifier(cell: string): IdentifierKind | undefined | null {
  const s = normaliseCell(cell);
  if (s === '') return undefined;
  for (const k of IDENTIFIER_KINDS) if (s === normaliseCell(IDENTIFIER_NAMES_JA[k]) || s === k) return k;
  return null;
}

export function parseFieldClass(cell: string): FieldClass | undefined | null {
  const s = normaliseCell(cell);
  if (s === '') return undefined;
  for (const c of FIELD_CLASSES) if (s === normaliseCell(FIELD_CLASS_NAMES_JA[c]) || s === c) return c;
  return null;
}

/** `seibetsu（性別）`, `seibetsu`, or a list's Japanese name. Null: names no known list. */
export function parseCodeList(cell: string, lists: ReadonlyMap<string, Pick<CodeList, 'id' | 'name'>>): string | undefined | null {
  const s = normaliseCell(cell);
  if (s === '') return undefined;
  const m = /^([A-Za-z0-9][A-Za-z0-9_-]*)(\(.*\))?$/.exec(s);
  if (m && lists.has(m[1].toLowerCase())) return m[1].toLowerCase();
  for (const l of lists.values()) if (normaliseCell(l.name) === s || normaliseCell(l.name) === s.replace(/(コード|コード表)$/, '')) return l.id;
  return null;
}

/** `PK`, `PK2`, `主キー1`: the key position (0 when unnumbered). Null: not a key notation. */
export function parseKey(cell: string): number | undefined | null {
  const s = normaliseCell(cell).toUpperCase();
  if (s === '') return undefined;
  const m = /^(?:PK|主キー|KEY|○|◯)(\d*)$/.exec(s);
  return m ? (m[1] === '' ? 0 : Number(m[1])) : null;
}

export interface RefEntry {
  group?: number;
  layout: string;
  field: string;
}

/** Lines `1:juki/kojin.atenaNo` or `juki/kojin.atenaNo`. Null: a line does not parse. */
export function parseReferences(cell: string): RefEntry[] | null {
  const out: RefEntry[] = [];
  for (const raw of cell.split(/[\n;；]/)) {
    const s = normaliseCell(raw);
    if (s === '') continue;
    const m = /^(?:(\d+):)?([a-z0-9][a-z0-9_-]*\/[a-z0-9][a-z0-9_-]*)\.([A-Za-z][A-Za-z0-9_]*)$/.exec(s);
    if (!m) return null;
    out.push({ ...(m[1] ? { group: Number(m[1]) } : {}), layout: m[2], field: m[3] });
  }
  return out;
}
