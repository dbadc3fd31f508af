/**
 * Loads the fixed-length part of a mapping file (`source: { format: fixed, … }`) or a standalone
 * layout file with the same keys at the top level. Specification: docs/FIXED.md. Every mistake is
 * a MappingError naming the file and the key path, so the user can fix the layout.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'yaml';
import { MappingError } from '../../core/errors.ts';
import { KANA_WIDTHS } from '../../encoding/ebcdic/index.ts';
import { compileLayout, type BeforeTableRead, type CompiledLayout } from './compile.ts';
import type { FieldType, FixedField, FixedLayout, FixedRecordType, RecordFormat, RecordRole, Terminator, TrimMode } from './layout.ts';
import { isSignSetting, type SignSetting } from './numbers.ts';

type Obj = Record<string, unknown>;

const FIELD_TYPES: readonly FieldType[] = ['text', 'zoned', 'packed', 'binary', 'date', 'filler'];
const ROLES: readonly RecordRole[] = ['header', 'data', 'trailer'];
const TERMINATORS: readonly Terminator[] = ['none', 'lf', 'crlf', 'any'];
const TRIMS: readonly TrimMode[] = ['spaces', 'half', 'none'];
const RECORD_FORMATS: readonly RecordFormat[] = ['fixed', 'rdw', 'rdw-bdw'];

const FIELD_KEYS = new Set(['name', 'offset', 'length', 'type', 'charset', 'trim', 'dbcsOnly', 'scale', 'digits', 'zone', 'signs', 'signed', 'endian', 'encoding', 'blank', 'description', 'title']);

export function parseFixedSource(input: unknown, file: string): FixedLayout {
  const err = (path: string, detail: string): never => { throw new MappingError(file, undefined, `${path}: ${detail}`); };
  const obj = (v: unknown, path: string): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : err(path, 'must be a mapping'));
  // Mapping files are read with YAML's failsafe schema (every scalar is text), so numbers and
  // booleans are accepted both as YAML numbers/booleans and as their text.
  const int = (v: unknown, path: string, min = 0): number => {
    const n = typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : v;
    return typeof n === 'number' && Number.isInteger(n) && n >= min ? n : err(path, `must be an integer ≥ ${min}`);
  };
  const bool = (v: unknown, path: string): boolean => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : err(path, 'must be true or false'));
  const str = (v: unknown, path: string): string => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : err(path, 'must be a string'));
  const oneOf = <T extends string>(v: unknown, allowed: readonly T[], path: string): T =>
    (allowed as readonly unknown[]).includes(v) ? (v as T) : err(path, `must be one of ${allowed.join(', ')}`);
  const byte = (v: unknown, path: string): number => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255) return v;
    if (typeof v === 'string' && /^(0x)?[0-9A-Fa-f]{2}$/.test(v)) return parseInt(v.replace(/^0x/, ''), 16);
    return err(path, 'must be a byte: 0–255 or hex such as "0E"');
  };
  const signs = (v: unknown, path: string): SignSetting => {
    const o = obj(v, path);
    const s = { positive: o.positive === undefined ? '' : str(o.positive, `${path}.positive`).toUpperCase(), negative: o.negative === undefined ? '' : str(o.negative, `${path}.negative`).toUpperCase() };
    if (!isSignSetting(s)) err(path, 'positive/negative are hex nibbles (e.g. "CF" and "D"), disjoint, not both empty');
    return s;
  };

  const root = obj(input, 'source');
  if (root.format !== undefined && root.format !== 'fixed') err('format', 'must be fixed');
  const record = root.record === undefined ? {} : obj(root.record, 'record');
  const layout: FixedLayout = {
    name: root.name === undefined ? undefined : str(root.name, 'name'),
    charset: str(root.charset ?? 'cp932', 'charset'),
    terminator: oneOf(record.terminator ?? 'none', TERMINATORS, 'record.terminator'),
    recordLength: record.length === undefined ? undefined : int(record.length, 'record.length', 1),
    records: [],
  };
  const recordFormat = oneOf(record.format ?? 'fixed', RECORD_FORMATS, 'record.format');
  if (recordFormat !== 'fixed') {
    if (layout.terminator !== 'none') err('record.terminator', 'variable-length records (rdw, rdw-bdw) have no terminator');
    layout.recordFormat = recordFormat;
  }
  if (root.kanaWidth !== undefined) layout.kanaWidth = oneOf(root.kanaWidth, KANA_WIDTHS, 'kanaWidth');
  if (root.recordType !== undefined) {
    const rt = obj(root.recordType, 'recordType');
    layout.typeField = { offset: int(rt.offset, 'recordType.offset'), length: int(rt.length, 'recordType.length', 1) };
  }
  if (root.numbers !== undefined) {
    const n = obj(root.numbers, 'numbers');
    if (n.signs !== undefined) layout.signs = signs(n.signs, 'numbers.signs');
    if (n.maxDigits !== undefined) layout.maxDigits = int(n.maxDigits, 'numbers.maxDigits', 1);
  }
  if (root.trailerRequired !== undefined) {
    layout.trailerRequired = bool(root.trailerRequired, 'trailerRequired');
  }
  if (root.charsets !== undefined) {
    layout.charsets = {};
    for (const [name, v] of Object.entries(obj(root.charsets, 'charsets'))) {
      const c = obj(v, `charsets.${name}`);
      const bytes = (x: unknown, p: string) => (Array.isArray(x) ? x.map((b, i) => byte(b, `${p}[${i}]`)) : [byte(x, p)]);
      layout.charsets[name] = {
        sbcs: str(c.sbcs, `charsets.${name}.sbcs`),
        dbcs: c.dbcs === undefined ? undefined : str(c.dbcs, `charsets.${name}.dbcs`),
        shiftOut: c.shiftOut === undefined ? undefined : bytes(c.shiftOut, `charsets.${name}.shiftOut`),
        shiftIn: c.shiftIn === undefined ? undefined : bytes(c.shiftIn, `charsets.${name}.shiftIn`),
      };
    }
  }

  // One record type may be written as top-level `fields`.
  const rawTypes: unknown[] = root.records !== undefined
    ? (Array.isArray(root.records) ? root.records : err('records', 'must be a list'))
    : root.fields !== undefined ? [{ name: 'record', role: 'data', fields: root.fields }] : err('records', 'a layout needs records (or fields)');

  layout.records = rawTypes.map((raw, ti): FixedRecordType => {
    const p = `records[${ti}]`;
    const t = obj(raw, p);
    const rt: FixedRecordType = {
      name: str(t.name, `${p}.name`),
      role: oneOf(t.role ?? 'data', ROLES, `${p}.role`),
      fields: [],
    };
    if (t.match !== undefined) rt.match = str(t.match, `${p}.match`);
    if (t.matchHex !== undefined) rt.matchHex = str(t.matchHex, `${p}.matchHex`);
    if (t.length !== undefined) rt.length = int(t.length, `${p}.length`, 1);
    if (t.count !== undefined) {
      const c = obj(t.count, `${p}.count`);
      rt.count = { field: str(c.field, `${p}.count.field`) };
      if (c.of !== undefined) rt.count.of = (Array.isArray(c.of) ? c.of : [c.of]).map((x, i) => str(x, `${p}.count.of[${i}]`));
    }
    const rawFields = Array.isArray(t.fields) ? t.fields : err(`${p}.fields`, 'must be a list');
    let next = 0;
    const names = new Set<string>();
    rt.fields = rawFields.map((rf, fi): FixedField => {
      const fp = `${p}.fields[${fi}]`;
      const f = obj(rf, fp);
      for (const k of Object.keys(f)) if (!FIELD_KEYS.has(k)) err(`${fp}.${k}`, 'unknown key');
      const name = str(f.name, `${fp}.name`);
      if (names.has(name)) err(`${fp}.name`, `duplicate field name ${name}`);
      names.add(name);
      const field: FixedField = {
        name,
        offset: f.offset === undefined ? next : int(f.offset, `${fp}.offset`),
        length: int(f.length, `${fp}.length`, 1),
        type: oneOf(f.type ?? 'text', FIELD_TYPES, `${fp}.type`),
      };
      next = field.offset + field.length;
      if (f.charset !== undefined) field.charset = str(f.charset, `${fp}.charset`);
      if (f.trim !== undefined) field.trim = oneOf(f.trim, TRIMS, `${fp}.trim`);
      if (f.dbcsOnly !== undefined) field.dbcsOnly = bool(f.dbcsOnly, `${fp}.dbcsOnly`);
      if (f.scale !== undefined) field.scale = int(f.scale, `${fp}.scale`);
      if (f.digits !== undefined) field.digits = int(f.digits, `${fp}.digits`, 1);
      if (f.zone !== undefined) field.zone = oneOf(f.zone, ['ebcdic', 'ascii'] as const, `${fp}.zone`);
      if (f.signs !== undefined) field.signs = signs(f.signs, `${fp}.signs`);
      if (f.signed !== undefined) field.signed = bool(f.signed, `${fp}.signed`);
      if (f.endian !== undefined) field.endian = oneOf(f.endian, ['big', 'little'] as const, `${fp}.endian`);
      if (f.encoding !== undefined) field.encoding = oneOf(f.encoding, ['text', 'zoned', 'packed'] as const, `${fp}.encoding`);
      if (f.blank !== undefined) field.blank = oneOf(f.blank, ['empty', 'error'] as const, `${fp}.blank`);
      return field;
    });
    return rt;
  });
  return layout;
}

export interface LoadedFixedLayout {
  layout: FixedLayout;
  compiled: CompiledLayout;
}

/**
 * Reads a YAML file that is either a standalone fixed layout or a mapping whose `source` is
 * `format: fixed`, and compiles it.
 */
export function loadFixedLayout(path: string, displayName: string = path, beforeRead?: BeforeTableRead): LoadedFixedLayout {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new MappingError(displayName, undefined, 'cannot read layout file');
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new MappingError(displayName, line, `not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const root = doc && typeof doc === 'object' ? (doc as Obj) : {};
  const source = root.source !== undefined && root.format === undefined ? root.source : doc;
  const layout = parseFixedSource(source, displayName);
  return { layout, compiled: compileLayout(layout, displayName, dirname(path), beforeRead) };
}
