/**
 * Import profiles: where a 項目定義書 keeps its header row and which header names (or column
 * positions) hold which item attribute. A profile is YAML or JSON (docs/LAYOUTS.md); every key is
 * optional and falls back to the built-in default profile, which reads the books
 * `chukan layouts export` writes and the common vendor layouts.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { LayoutError } from '../core/errors.ts';
import { normaliseCell, parseType, type TypeMeaning, type ItemColumn, type FileColumn } from './item-notation.ts';
import { CHAR_CLASSES, type CharClass } from './char-class.ts';
import { PACKAGE_SHEET_KINDS, PACKAGE_COLUMNS, defaultPackageProfile, type PackageProfile, type PackageSheetKind } from './package-sheets.ts';

export type ProfileColumn = ItemColumn | FileColumn | 'decimals';

/** A column is found by one of its header names, or fixed by position (1-based number or letter). */
export type ColumnSpec = string[] | { col: number };

export interface ImportProfile {
  name: string;
  /** 1-based header row, or 'auto': the first row (within the first 30) holding 項目名 and データ型 or 桁数. */
  headerRow: number | 'auto';
  /** Rows the header spans; 'auto' adds the next row when the 項目名 header is merged down into it. */
  headerRows: number | 'auto';
  sheets: { include?: string[]; exclude?: string[] };
  /** Unit of 桁数 when the 単位 column is absent or empty. */
  defaultUnit: 'characters' | 'bytes' | 'bytes:utf-8';
  columns: Record<ProfileColumn, ColumnSpec>;
  /** Extra データ型 names: `{ "X(全角)": { charClass: zenkaku } }`, `{ "年月日8": { date: YYYYMMDD } }`. */
  types: Map<string, TypeMeaning>;
  /** Sheet name or file-column value → file id (ASCII). */
  files: Record<string, string>;
  /** Domain id when the book does not name one (業務ID). */
  domain?: string;
  domainName?: string;
  /** Labels of the cells above the header that name the file (`ファイルID | juki/kojin`). */
  meta: Record<'layoutId' | 'title' | 'fileName' | 'domainId' | 'domainName' | 'description', string[]>;
  /** The package sheets (移行ファイル構成表, 移行ファイル関連図, コード構成表, コード一覧): sheet names and columns. */
  package: PackageProfile;
  /** Code set id or name in the book → code list id (ASCII), for books whose コードID is not one. */
  codes: Record<string, string>;
}

export const DEFAULT_PROFILE: ImportProfile = {
  name: 'chukan-default',
  headerRow: 'auto',
  headerRows: 'auto',
  sheets: {},
  defaultUnit: 'characters',
  columns: {
    itemNo: ['項目番号', '項番', 'No', 'No.', '番号', '項目No', '連番'],
    id: ['項目ID', '項目英名', '物理名', '項目物理名', 'ID', '英字名'],
    name: ['項目名', '項目名称', '論理名', '項目論理名', '項目'],
    type: ['データ型', '型', '属性', 'データ属性', 'タイプ', '形式'],
    charClass: ['文字種', '文字種別', '使用文字'],
    length: ['桁数', '桁', '長さ', '最大桁数', 'サイズ', '桁数整数', '桁数全体'],
    decimals: ['小数桁数', '小数', '小数部', '桁数小数', '小数桁'],
    unit: ['単位', '桁数単位', '桁の単位'],
    required: ['必須', '必須区分', '必須項目', '必須有無', 'NOTNULL'],
    repeat: ['繰返し', '繰り返し', '繰返', '繰返し回数', '繰り返し回数', '繰返回数', '回数'],
    code: ['コード', 'コード表', 'コード参照', 'コードID', '参照コード'],
    pattern: ['書式', '書式(正規表現)', '正規表現'],
    enum: ['許可値', '値の範囲', '設定値'],
    key: ['キー', '主キー', 'KEY', 'PK'],
    references: ['参照先', '外部キー', 'FK'],
    identifier: ['番号検査', '検査数字', 'チェックデジット'],
    personal: ['個人情報', '個人情報区分'],
    fieldClass: ['項目区分'],
    remarks: ['備考', '説明', '摘要', '内容', '補足'],
    domainId: ['業務ID'],
    domainName: ['業務名'],
    fileId: ['ファイルID', 'レイアウトID'],
    fileTitle: ['ファイル名', 'ファイル名称'],
    fileName: ['標準ファイル名', '物理ファイル名', 'CSVファイル名'],
  },
  types: new Map(),
  files: {},
  meta: {
    layoutId: ['ファイルID', 'レイアウトID'],
    title: ['ファイル名', 'ファイル名称'],
    fileName: ['標準ファイル名', '物理ファイル名', 'CSVファイル名'],
    domainId: ['業務ID'],
    domainName: ['業務名', '業務'],
    description: ['説明', 'ファイル説明'],
  },
  package: defaultPackageProfile(),
  codes: {},
};

const PROFILE_KEYS = new Set(['name', 'headerRow', 'headerRows', 'sheets', 'defaultUnit', 'columns', 'types', 'files', 'domain', 'domainName', 'meta', 'package', 'codes']);

function colNumber(v: string): number | undefined {
  if (!/^[A-Z]{1,3}$/.test(v)) return undefined;
  let n = 0;
  for (const c of v) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

function columnSpec(v: unknown, where: string): ColumnSpec {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return { col: v };
  if (typeof v === 'object' && v !== null && 'col' in v) {
    const c = (v as { col: unknown }).col;
    const n = typeof c === 'number' ? c : typeof c === 'string' ? colNumber(c.toUpperCase()) : undefined;
    if (n !== undefined && Number.isInteger(n) && n > 0) return { col: n };
  }
  throw new LayoutError(where, 'a column is a header name, a list of header names, or { col: 3 } / { col: "C" }');
}

function typeMeaning(v: unknown, where: string): TypeMeaning {
  if (typeof v === 'string') {
    const known = parseType(v);
    if (!known) throw new LayoutError(where, `"${v}" is not a データ型 chukan knows; write { charClass: …, date: … }`);
    return known;
  }
  const o = v as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) throw new LayoutError(where, 'a type is { charClass?, date?, numeric? }');
  const m: TypeMeaning = {};
  if (o.charClass !== undefined) {
    const list = Array.isArray(o.charClass) ? o.charClass : [o.charClass];
    for (const c of list) if (!(CHAR_CLASSES as readonly unknown[]).includes(c)) throw new LayoutError(where, `unknown charClass "${String(c)}" (known: ${CHAR_CLASSES.join(', ')})`);
    m.charClass = [...new Set(list as CharClass[])].sort();
  }
  if (o.date !== undefined) {
    if (o.date === 'YYYYMMDD' || o.date === 'wareki') m.date = { format: o.date };
    else if (typeof o.date === 'object' && o.date !== null && ((o.date as { format?: unknown }).format === 'YYYYMMDD' || (o.date as { format?: unknown }).format === 'wareki')) {
      const d = o.date as { format: 'YYYYMMDD' | 'wareki'; allowUnknown?: unknown };
      m.date = { format: d.format, ...(d.allowUnknown === true ? { allowUnknown: true } : {}) };
    } else throw new LayoutError(where, 'date is "YYYYMMDD", "wareki" or { format, allowUnknown }');
  }
  if (o.numeric === true) m.numeric = true;
  return m;
}

/** Reads a profile file (YAML or JSON) over the default profile. */
export function loadProfile(path: string): ImportProfile {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new LayoutError(`(profile ${path})`, `cannot read: ${(e as Error).message}`);
  }
  return profileFrom(doc, path);
}

export function profileFrom(doc: unknown, where = '(profile)'): ImportProfile {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new LayoutError(where, 'a profile is a mapping');
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!PROFILE_KEYS.has(k)) throw new LayoutError(where, `unknown key "${k}" (known: ${[...PROFILE_KEYS].join(', ')})`);
  const p: ImportProfile = {
    ...DEFAULT_PROFILE,
    columns: { ...DEFAULT_PROFILE.columns },
    types: new Map(DEFAULT_PROFILE.types),
    files: {},
    meta: { ...DEFAULT_PROFILE.meta },
    package: defaultPackageProfile(),
    codes: {},
  };
  if (typeof d.name === 'string') p.name = d.name;
  if (d.headerRow !== undefined) {
    if (d.headerRow !== 'auto' && !(Number.isInteger(d.headerRow) && (d.headerRow as number) > 0)) throw new LayoutError(where, 'headerRow is a row number (1-based) or "auto"');
    p.headerRow = d.headerRow as number | 'auto';
  }
  if (d.headerRows !== undefined) {
    if (d.headerRows !== 'auto' && !(Number.isInteger(d.headerRows) && (d.headerRows as number) > 0 && (d.headerRows as number) <= 5)) throw new LayoutError(where, 'headerRows is 1–5 or "auto"');
    p.headerRows = d.headerRows as number | 'auto';
  }
  if (d.sheets !== undefined) {
    const s = d.sheets as Record<string, unknown>;
    const list = (v: unknown, k: string) => {
      if (v === undefined) return undefined;
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new LayoutError(where, `sheets.${k} is a list of sheet names`);
      return v as string[];
    };
    p.sheets = { include: list(s.include, 'include'), exclude: list(s.exclude, 'exclude') };
  }
  if (d.defaultUnit !== undefined) {
    if (d.defaultUnit !== 'characters' && d.defaultUnit !== 'bytes' && d.defaultUnit !== 'bytes:utf-8') throw new LayoutError(where, 'defaultUnit is characters, bytes (CP932) or bytes:utf-8');
    p.defaultUnit = d.defaultUnit;
  }
  if (d.columns !== undefined) {
    const c = d.columns as Record<string, unknown>;
    for (const [k, v] of Object.entries(c)) {
      if (!(k in DEFAULT_PROFILE.columns)) throw new LayoutError(where, `unknown column "${k}" (known: ${Object.keys(DEFAULT_PROFILE.columns).join(', ')})`);
      p.columns[k as ProfileColumn] = columnSpec(v, `${where} columns.${k}`);
    }
  }
  if (d.types !== undefined) {
    for (const [k, v] of Object.entries(d.types as Record<string, unknown>)) p.types.set(normaliseCell(k).toLowerCase(), typeMeaning(v, `${where} types.${k}`));
  }
  if (d.files !== undefined) {
    for (const [k, v] of Object.entries(d.files as Record<string, unknown>)) {
      if (typeof v !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/.test(v)) throw new LayoutError(where, `files.${k} must be a file id like "kojin"`);
      p.files[k] = v;
    }
  }
  if (d.domain !== undefined) {
    if (typeof d.domain !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/.test(d.domain)) throw new LayoutError(where, 'domain must be an id like "juki"');
    p.domain = d.domain;
  }
  if (typeof d.domainName === 'string') p.domainName = d.domainName;
  if (d.meta !== undefined) {
    for (const [k, v] of Object.entries(d.meta as Record<string, unknown>)) {
      if (!(k in DEFAULT_PROFILE.meta)) throw new LayoutError(where, `unknown meta label "${k}"`);
      const spec = columnSpec(v, `${where} meta.${k}`);
      if (!Array.isArray(spec)) throw new LayoutError(where, `meta.${k} is a list of labels`);
      p.meta[k as keyof ImportProfile['meta']] = spec;
    }
  }
  if (d.package !== undefined) {
    const pk = d.package as Record<string, unknown>;
    if (typeof pk !== 'object' || pk === null || Array.isArray(pk)) throw new LayoutError(where, `package is a mapping of ${PACKAGE_SHEET_KINDS.join(', ')}`);
    for (const [k, v] of Object.entries(pk)) {
      if (!(PACKAGE_SHEET_KINDS as readonly string[]).includes(k)) throw new LayoutError(where, `unknown package sheet "${k}" (known: ${PACKAGE_SHEET_KINDS.join(', ')})`);
      const kind = k as PackageSheetKind;
      const spec = v as Record<string, unknown>;
      if (typeof spec !== 'object' || spec === null) throw new LayoutError(where, `package.${k} is { sheets?, columns? }`);
      for (const sk of Object.keys(spec)) if (sk !== 'sheets' && sk !== 'columns') throw new LayoutError(where, `package.${k}: unknown key "${sk}" (known: sheets, columns)`);
      if (spec.sheets !== undefined) {
        const names = columnSpec(spec.sheets, `${where} package.${k}.sheets`);
        if (!Array.isArray(names)) throw new LayoutError(where, `package.${k}.sheets is a list of sheet names`);
        p.package[kind].sheets = names;
      }
      if (spec.columns !== undefined) {
        const known = PACKAGE_COLUMNS[kind] as readonly string[];
        for (const [c, cv] of Object.entries(spec.columns as Record<string, unknown>)) {
          if (!known.includes(c)) throw new LayoutError(where, `package.${k}: unknown column "${c}" (known: ${known.join(', ')})`);
          (p.package[kind].columns as Record<string, ColumnSpec>)[c] = columnSpec(cv, `${where} package.${k}.columns.${c}`);
        }
      }
    }
  }
  if (d.codes !== undefined) {
    for (const [k, v] of Object.entries(d.codes as Record<string, unknown>)) {
      if (typeof v !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/.test(v)) throw new LayoutError(where, `codes.${k} must be a code list id like "zokugara"`);
      p.codes[k] = v;
    }
  }
  return p;
}
