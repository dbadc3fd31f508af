/**
 * Field-by-field view of one record for `chukan fixed inspect`: every byte range of the record
 * (fields, fillers, bytes no field covers) with raw hex, decoded value and the findings on it.
 */
import type { Finding } from '../../core/finding.ts';
import type { CompiledLayout } from './compile.ts';
import { toHex } from './numbers.ts';
import type { FixedSourceRecord } from './reader.ts';

export interface InspectedField {
  /** Offset inside the record, and absolute in the file. */
  offset: number;
  fileOffset: number;
  length: number;
  name: string;
  type: string;
  hex: string;
  /** Decoded value; undefined for fillers and gaps or when the record could not be split. */
  value?: string;
  findings: Finding[];
}

export function inspectRecord(layout: CompiledLayout, record: FixedSourceRecord, bytes: Uint8Array): InspectedField[] {
  const type = layout.types.find((t) => t.name === record.recordType);
  const rows: InspectedField[] = [];
  const findings = record.findings ?? [];
  const body = Math.min(bytes.length, type?.length ?? bytes.length);
  const all = type ? [...type.spec.fields].sort((a, b) => a.offset - b.offset || a.length - b.length) : [];
  let covered = 0;
  const gap = (from: number, to: number) => {
    if (to > from) rows.push({ offset: from, fileOffset: record.offset + from, length: to - from, name: '(no field)', type: '', hex: toHex(bytes, from, to), findings: [] });
  };
  for (const f of all) {
    gap(covered, Math.min(f.offset, body));
    const end = Math.min(f.offset + f.length, bytes.length);
    const idx = type!.fieldNames.indexOf(f.name);
    const value = f.type === 'filler' || record.fields.length === 0 ? undefined : record.fields[idx];
    rows.push({
      offset: f.offset, fileOffset: record.offset + f.offset, length: f.length, name: f.name,
      type: describeType(f.type, f.scale, f.encoding),
      hex: f.offset < bytes.length ? toHex(bytes, f.offset, end) : '',
      value,
      findings: findings.filter((x) => x.field === f.name),
    });
    covered = Math.max(covered, f.offset + f.length);
  }
  gap(covered, body);
  return rows;
}

function describeType(type: string, scale?: number, encoding?: string): string {
  if (type === 'date') return `date/${encoding ?? 'text'}`;
  return scale ? `${type}(s${scale})` : type;
}
