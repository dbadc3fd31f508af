/**
 * The fixed-length layout model (what docs/FIXED.md specifies as `source: { format: fixed … }`):
 * record framing, record types chosen by a type field, and byte-offset fields.
 */
import type { KanaWidth } from '../../encoding/ebcdic/index.ts';
import type { SignSetting } from './numbers.ts';

export type Terminator = 'none' | 'lf' | 'crlf' | 'any';
/** How records are framed: by length (and terminator), or by IBM descriptor words (RECFM=V, VB). */
export type RecordFormat = 'fixed' | 'rdw' | 'rdw-bdw';
export type FieldType = 'text' | 'zoned' | 'packed' | 'binary' | 'date' | 'filler';
export type RecordRole = 'header' | 'data' | 'trailer';
/** Trailing padding removed from text fields: U+0020 and U+3000 (`spaces`), U+0020 only (`half`), nothing (`none`). */
export type TrimMode = 'spaces' | 'half' | 'none';

export interface FixedField {
  name: string;
  /** 0-based byte offset inside the record. */
  offset: number;
  /** Bytes. */
  length: number;
  type: FieldType;
  /** text: charset override (file charset by default). */
  charset?: string;
  /** text: trailing padding to trim (default `spaces`). */
  trim?: TrimMode;
  /** text in a mixed EBCDIC charset: the field is double-byte only, without SO/SI (PIC G/N). */
  dbcsOnly?: boolean;
  /** zoned/packed/binary: implied decimal places (default 0). */
  scale?: number;
  /** zoned/packed/binary: declared precision (significant digits allowed). */
  digits?: number;
  /** zoned: `ebcdic` (0xF0–0xF9, sign in the high nibble of the last byte) or `ascii` (0x30–0x39, overpunch). Default: ebcdic for EBCDIC files, ascii otherwise. */
  zone?: 'ebcdic' | 'ascii';
  /** zoned/packed: accepted sign nibbles for this field (layout default otherwise). */
  signs?: SignSetting;
  /** binary: two's complement (default true). */
  signed?: boolean;
  /** binary: byte order (default big, as on the mainframe). */
  endian?: 'big' | 'little';
  /** date: how the 8 digits YYYYMMDD are stored (default text). */
  encoding?: 'text' | 'zoned' | 'packed';
  /** zoned/packed/date: what an all-blank field means (default `empty`: the empty string, no finding). */
  blank?: 'empty' | 'error';
}

export interface FixedRecordType {
  name: string;
  role: RecordRole;
  /** Value of the type field, as text in the file charset (e.g. "1"). */
  match?: string;
  /** Or: the type field's raw bytes in hex (e.g. "F1"). */
  matchHex?: string;
  /** Bytes (terminator excluded). Default: layout record length, else the end of the last field. */
  length?: number;
  fields: FixedField[];
  /** Trailer only: a numeric field holding the record count, and the types it counts (default: every `data` type). */
  count?: { field: string; of?: string[] };
}

export interface FixedLayout {
  /** For messages and `fixed inspect`. */
  name?: string;
  /** File charset: cp932, utf-8, euc-jp, an EBCDIC page (ibm037, ibm500, ibm1047, ibm1140, ibm273, ibm1026, ibm875, ibm290, ibm930, ibm939, ibm1390, ibm1399; aliases too), or a declared vendor charset. */
  charset: string;
  /** Single-byte katakana of the EBCDIC charsets as half-width (default) or full-width. */
  kanaWidth?: KanaWidth;
  terminator: Terminator;
  /**
   * `fixed` (default): records by length and terminator. `rdw`: each record after its 4-byte RDW
   * (RECFM=V as transferred in binary); `rdw-bdw`: blocks, each after its BDW, of such records
   * (RECFM=VB). Field offsets count from the first byte after the RDW.
   */
  recordFormat?: RecordFormat;
  /** Record length in bytes (terminator excluded). Required when terminator is `none` and the format is `fixed`. */
  recordLength?: number;
  /** Where the record type is; absent: one record type. */
  typeField?: { offset: number; length: number };
  records: FixedRecordType[];
  /** Default accepted sign nibbles for zoned/packed (default C,F positive; D negative). */
  signs?: SignSetting;
  /** Largest precision any number field may declare (default 31, as COBOL/DB2 DECIMAL). */
  maxDigits?: number;
  /** Fail the file with FIX_TRAILER_MISSING when no trailer record ends it (default: true when a trailer type exists). */
  trailerRequired?: boolean;
  /** Vendor charsets from table files (e.g. JEF), by name. Paths are relative to the layout file. */
  charsets?: Record<string, { sbcs: string; dbcs?: string; shiftOut?: number[]; shiftIn?: number[] }>;
}
