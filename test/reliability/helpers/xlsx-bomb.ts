import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hand-built .xlsx files for the workbook-bomb cases: a real workbook (exceljs opens the small
 * form of each) whose one large part is `prefix + chunk × n + suffix`. The large part is deflated
 * without ever being held: each piece is deflated on its own with a full flush (no back-reference
 * crosses a piece), so the deflated chunk can be repeated n times and the stream still inflates to
 * the whole part. Sizes in the zip headers are the true ones unless `declare` says otherwise.
 */
export interface ZipPart {
  name: string;
  /** Small content, or a repeated one. */
  data: Buffer | { prefix: string; chunk: string; times: number; suffix: string };
  /** Uncompressed size written into the headers (a lying zip), default the true size. */
  declare?: number;
}

interface Packed { name: Buffer; crc: number; size: number; declared: number; deflated: Buffer[] }

function pack(p: ZipPart): Packed {
  const name = Buffer.from(p.name, 'utf8');
  if (Buffer.isBuffer(p.data)) {
    const deflated = deflateRawSync(p.data);
    return { name, crc: crc32(p.data), size: p.data.length, declared: p.declare ?? p.data.length, deflated: [deflated] };
  }
  const { prefix, chunk, times, suffix } = p.data;
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const c = Buffer.from(chunk, 'utf8');
  const dc = deflateRawSync(c, flush);
  let crc = crc32(prefix);
  for (let i = 0; i < times; i++) crc = crc32(c, crc);
  crc = crc32(suffix, crc);
  const size = Buffer.byteLength(prefix) + c.length * times + Buffer.byteLength(suffix);
  const deflated = [deflateRawSync(Buffer.from(prefix), flush), ...Array<Buffer>(times).fill(dc), deflateRawSync(Buffer.from(suffix))];
  return { name, crc, size, declared: p.declare ?? size, deflated };
}

/** Writes a zip (deflate, no zip64: every size below 4 GiB) of `parts` to `path`; returns its size. */
export function writeZip(path: string, parts: ZipPart[]): number {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const p = pack(part);
    const comp = p.deflated.reduce((n, b) => n + b.length, 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(comp, 18);
    local.writeUInt32LE(p.declared, 22);
    local.writeUInt16LE(p.name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt16LE(0, 12);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(p.crc >>> 0, 16);
    cd.writeUInt32LE(comp, 20);
    cd.writeUInt32LE(p.declared, 24);
    cd.writeUInt16LE(p.name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, p.name);
    out.push(local, p.name, ...p.deflated);
    offset += 30 + p.name.length + comp;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  const all = [...out, ...central, end];
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.concat(all));
  return offset + cdSize + 22;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = `</sheetData></worksheet>`;

export type BombKind = 'sheet' | 'shared-string';

/**
 * An xlsx whose worksheet (`sheet`: rows of inline-string cells) or one shared string
 * (`shared-string`: one long run of one letter) inflates to about `bytes`. `lie` writes a
 * declared size of 1 KiB for that part into both zip headers.
 */
export function writeXlsxBomb(path: string, kind: BombKind, bytes: number, opts: { lie?: boolean } = {}): number {
  const row = '<row r="1"><c r="A1" t="inlineStr"><is><t>項目</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1"><v>1</v></c></row>';
  const sheetChunk = row.repeat(Math.ceil(65536 / Buffer.byteLength(row)));
  const stringChunk = 'A'.repeat(65536);
  const chunk = kind === 'sheet' ? sheetChunk : stringChunk;
  const times = Math.max(1, Math.round(bytes / Buffer.byteLength(chunk)));
  const big: ZipPart = kind === 'sheet'
    ? { name: 'xl/worksheets/sheet1.xml', data: { prefix: SHEET_HEAD, chunk, times, suffix: SHEET_TAIL } }
    : { name: 'xl/sharedStrings.xml', data: { prefix: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>', chunk, times, suffix: '</t></si></sst>' } };
  if (opts.lie) big.declare = 1024;
  const small = (name: string, text: string): ZipPart => ({ name, data: Buffer.from(text, 'utf8') });
  const parts: ZipPart[] = [
    small('[Content_Types].xml', CONTENT_TYPES),
    small('_rels/.rels', RELS),
    small('xl/workbook.xml', WORKBOOK),
    small('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    kind === 'sheet' ? big : small('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`),
    kind === 'shared-string' ? big : small('xl/sharedStrings.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>x</t></si></sst>'),
  ];
  return writeZip(path, parts);
}
