/**
 * Compiles a FixedLayout once: charsets resolved, sign tables built, type markers turned into
 * bytes, every per-field decision made, so the per-record loop only dispatches.
 */
import { findCharset, getCharset, type Charset } from '../../encoding/index.ts';
import { resolve } from 'node:path';
import { getEbcdicCharset, createVendorCharset, ebcdicCanonicalName, type KanaWidth, type TableCharset } from '../../encoding/ebcdic/index.ts';
import { MappingError } from '../../core/errors.ts';
import { DEFAULT_SIGNS, MAX_DIGITS_LIMIT, signTable, type SignTable } from './numbers.ts';
import type { FixedField, FixedLayout, FixedRecordType, TrimMode } from './layout.ts';

export type TextKind = 'sjis' | 'utf8' | 'other' | 'table';

export interface CompiledField {
  spec: FixedField;
  name: string;
  offset: number;
  length: number;
  end: number;
  kind: 'text' | 'zonedE' | 'zonedA' | 'packed' | 'binary' | 'date';
  scale: number;
  digits?: number;
  signs: SignTable;
  signed: boolean;
  littleEndian: boolean;
  trim: TrimMode;
  blank: 'empty' | 'error';
  /** text: charset and how to scan it. */
  charset?: Charset;
  table?: TableCharset;
  textKind?: TextKind;
  dbcsOnly: boolean;
  /** date: storage. */
  dateEncoding: 'text' | 'zoned' | 'packed';
}

export interface CompiledType {
  spec: FixedRecordType;
  name: string;
  role: FixedRecordType['role'];
  index: number;
  length: number;
  marker?: Uint8Array;
  fields: CompiledField[];
  /** Names of the emitted fields (fillers excluded), in `SourceRecord.fields` order. */
  fieldNames: string[];
  countField?: number;
  countOf?: Set<number>;
}

export interface CompiledLayout {
  spec: FixedLayout;
  source: string;
  charset: Charset;
  isEbcdic: boolean;
  /** The byte a blank (space) has in this file's charset. */
  spaceByte: number;
  terminator: FixedLayout['terminator'];
  recordFormat: NonNullable<FixedLayout['recordFormat']>;
  recordLength?: number;
  typeField?: { offset: number; length: number };
  types: CompiledType[];
  trailerRequired: boolean;
  maxDigits: number;
}

/** Charset by name: EBCDIC and vendor tables here, everything else from the encoding module. */
export function resolveCharset(name: string, vendor?: Map<string, TableCharset>, kana?: KanaWidth): Charset {
  const vendorCharset = vendor?.get(name.toLowerCase());
  if (vendorCharset) return vendorCharset;
  const d = findCharset(name);
  return d?.ebcdic ? getEbcdicCharset(d.name, { kana })! : getCharset(name);
}

function textKind(cs: Charset): TextKind {
  if ('decodeField' in cs) return 'table';
  // A registry charset's name is canonical: the aliases (shift_jis, ms932, utf8, …) never get here.
  if (cs.name === 'cp932') return 'sjis';
  if (cs.name === 'utf-8') return 'utf8';
  return 'other';
}

function fail(source: string, path: string, detail: string): never {
  throw new MappingError(source, undefined, `${path}: ${detail}`);
}

/**
 * Called with each table file a layout's `charsets:` names, resolved, before it is read: a job's
 * fence (mapping/load-mapping.ts) throws for one outside the job's root, and lists the others.
 */
export type BeforeTableRead = (path: string, what: string) => void;

export function compileLayout(layout: FixedLayout, source = '<layout>', baseDir?: string, beforeRead?: BeforeTableRead): CompiledLayout {
  const vendor = new Map<string, TableCharset>();
  for (const [name, v] of Object.entries(layout.charsets ?? {})) {
    const rel = (p: string) => (baseDir && !p.startsWith('/') && !/^[a-z0-9-]+$/i.test(p) ? `${baseDir}/${p}` : p);
    if (beforeRead) {
      if (!ebcdicCanonicalName(v.sbcs)) beforeRead(resolve(rel(v.sbcs)), `charsets.${name}.sbcs table`);
      if (v.dbcs) beforeRead(resolve(rel(v.dbcs)), `charsets.${name}.dbcs table`);
    }
    vendor.set(name.toLowerCase(), createVendorCharset({ name, sbcs: rel(v.sbcs), dbcs: v.dbcs ? rel(v.dbcs) : undefined, shiftOut: v.shiftOut, shiftIn: v.shiftIn, kana: layout.kanaWidth }));
  }
  const kana = layout.kanaWidth;
  const charset = resolveCharset(layout.charset, vendor, kana);
  const isEbcdic = 'decodeField' in charset;
  const maxDigits = layout.maxDigits ?? 31;
  if (maxDigits > MAX_DIGITS_LIMIT) fail(source, 'numbers.maxDigits', `at most ${MAX_DIGITS_LIMIT}`);
  const defaultSigns = signTable(layout.signs ?? DEFAULT_SIGNS);
  const recordFormat = layout.recordFormat ?? 'fixed';
  if (recordFormat !== 'fixed' && layout.terminator !== 'none') fail(source, 'record.terminator', 'variable-length records (rdw, rdw-bdw) have no terminator');
  if (recordFormat === 'fixed' && layout.terminator === 'none' && !layout.recordLength) fail(source, 'record.length', 'required when records have no terminator');
  if (!layout.records.length) fail(source, 'records', 'at least one record type');
  if (layout.records.length > 1 && !layout.typeField) fail(source, 'recordType', 'several record types need a recordType { offset, length }');

  const types: CompiledType[] = layout.records.map((rt, index) => {
    const where = `records[${index}] (${rt.name})`;
    const fields = rt.fields.map((f, fi) => compileField(f, `${where}.fields[${fi}] (${f.name})`));
    const fieldsEnd = Math.max(0, ...fields.map((f) => f.end));
    const length = rt.length ?? layout.recordLength ?? fieldsEnd;
    if (fieldsEnd > length) fail(source, where, `fields end at byte ${fieldsEnd}, past the record length ${length}`);
    if (recordFormat === 'fixed' && layout.terminator === 'none' && layout.recordLength && length !== layout.recordLength && rt.length === undefined) {
      fail(source, where, 'length must be given');
    }
    let marker: Uint8Array | undefined;
    if (layout.typeField) {
      if (rt.matchHex !== undefined) {
        if (!/^([0-9A-Fa-f]{2})+$/.test(rt.matchHex)) fail(source, where, 'matchHex must be hex bytes');
        marker = Uint8Array.from(Buffer.from(rt.matchHex, 'hex'));
      } else if (rt.match !== undefined) {
        const enc = charset.encode(rt.match);
        if (enc.unrepresentable.length) fail(source, where, `match cannot be written in ${charset.name}`);
        marker = enc.bytes;
      } else if (layout.records.length > 1) fail(source, where, 'match or matchHex is required');
      if (marker && marker.length !== layout.typeField.length) fail(source, where, `match is ${marker.length} bytes, recordType.length is ${layout.typeField.length}`);
    }
    const emitted = fields.filter((f) => f.spec.type !== 'filler');
    return { spec: rt, name: rt.name, role: rt.role, index, length, marker, fields: emitted, fieldNames: emitted.map((f) => f.name) };
  });

  for (const t of types) {
    if (!t.spec.count) continue;
    if (t.role !== 'trailer') fail(source, t.name, 'count is for trailer records');
    const idx = t.fieldNames.indexOf(t.spec.count.field);
    if (idx < 0) fail(source, t.name, `count field ${t.spec.count.field} is not a field of this record`);
    t.countField = idx;
    const of = t.spec.count.of ?? types.filter((x) => x.role === 'data').map((x) => x.name);
    t.countOf = new Set(of.map((n) => {
      const i = types.findIndex((x) => x.name === n);
      if (i < 0) fail(source, t.name, `count.of names unknown record type ${n}`);
      return i;
    }));
  }

  return {
    spec: layout, source, charset, isEbcdic,
    spaceByte: isEbcdic ? 0x40 : 0x20,
    terminator: layout.terminator,
    recordFormat,
    recordLength: layout.recordLength,
    typeField: layout.typeField,
    types,
    trailerRequired: layout.trailerRequired ?? types.some((t) => t.role === 'trailer'),
    maxDigits,
  };

  function compileField(f: FixedField, where: string): CompiledField {
    if (!Number.isInteger(f.offset) || f.offset < 0) fail(source, where, 'offset must be a byte offset ≥ 0');
    if (!Number.isInteger(f.length) || f.length < 1) fail(source, where, 'length must be ≥ 1 byte');
    const scale = f.scale ?? 0;
    if (!Number.isInteger(scale) || scale < 0) fail(source, where, 'scale must be an integer ≥ 0');
    const signs = f.signs ? signTable(f.signs) : defaultSigns;
    let kind: CompiledField['kind'] = 'text';
    let fieldCharset: Charset | undefined;
    let capacity = 0;
    switch (f.type) {
      case 'text':
      case 'filler':
        fieldCharset = f.charset ? resolveCharset(f.charset, vendor, kana) : charset;
        break;
      case 'zoned':
        kind = (f.zone ?? (isEbcdic ? 'ebcdic' : 'ascii')) === 'ebcdic' ? 'zonedE' : 'zonedA';
        capacity = f.length;
        break;
      case 'packed':
        kind = 'packed';
        capacity = 2 * f.length - 1;
        break;
      case 'binary':
        kind = 'binary';
        if (f.length > 8) fail(source, where, 'binary fields are 1–8 bytes');
        capacity = f.digits ?? String(2n ** BigInt(8 * f.length)).length;
        break;
      case 'date':
        kind = 'date';
        if ((f.encoding ?? 'text') === 'packed' ? f.length !== 5 : f.length !== 8) fail(source, where, 'a YYYYMMDD date is 8 bytes (text/zoned) or 5 bytes (packed)');
        fieldCharset = charset;
        break;
      default:
        fail(source, where, `unknown type ${(f as FixedField).type}`);
    }
    if (f.digits !== undefined && (!Number.isInteger(f.digits) || f.digits < 1)) fail(source, where, 'digits must be ≥ 1');
    if ((kind === 'zonedE' || kind === 'zonedA' || kind === 'packed') && Math.min(capacity, f.digits ?? capacity) > maxDigits) {
      fail(source, where, `precision ${Math.min(capacity, f.digits ?? capacity)} exceeds maxDigits ${maxDigits}`);
    }
    if (scale > Math.max(capacity, f.digits ?? 0) && kind !== 'text') fail(source, where, 'scale exceeds the field precision');
    return {
      spec: f, name: f.name, offset: f.offset, length: f.length, end: f.offset + f.length, kind,
      scale, digits: f.digits, signs,
      signed: f.signed ?? true, littleEndian: f.endian === 'little',
      trim: f.trim ?? 'spaces', blank: f.blank ?? 'empty',
      charset: fieldCharset,
      table: fieldCharset && 'decodeField' in fieldCharset ? (fieldCharset as TableCharset) : undefined,
      textKind: fieldCharset ? textKind(fieldCharset) : undefined,
      dbcsOnly: f.dbcsOnly ?? false,
      dateEncoding: f.encoding ?? 'text',
    };
  }
}
