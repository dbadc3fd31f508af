/**
 * The delivery manifest (納品目録): which 業務 and files a delivery holds, with each file's size,
 * data-record count, SHA-256, encoding and BOM, and the catalog it was made against. Format
 * `chukan-delivery-manifest/1`, documented in docs/CHECK.md.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../core/errors.ts';

export const MANIFEST_FORMAT = 'chukan-delivery-manifest/1';
export const DEFAULT_MANIFEST_NAME = 'manifest.json';

export interface ManifestFile {
  /** Catalog file id within its 業務, e.g. `kojin`. */
  id: string;
  /** Japanese file name from the catalog, e.g. 個人. */
  name: string;
  /** Layout id, e.g. `juki/kojin`. */
  layout: string;
  /** File name in the delivery directory, e.g. JUKI_KOJIN.csv. */
  fileName: string;
  /** utf-8, cp932, or unknown (neither decodes cleanly). */
  encoding: string;
  bom: boolean;
  header: boolean;
  bytes: number;
  /** Data records (a header row is not counted). */
  records: number;
  sha256: string;
}

export interface ManifestDomain {
  id: string;
  name: string;
  files: ManifestFile[];
}

export interface DeliveryManifest {
  format: typeof MANIFEST_FORMAT;
  tool: 'chukan';
  version: string;
  createdAt: string;
  /** 納品者: who delivers (a company or department name), when the vendor gives it. */
  vendor?: string;
  /** 納品日: the delivery date, YYYY-MM-DD, when the vendor gives it. */
  deliveredOn?: string;
  catalog: { id: string; version: string };
  domains: ManifestDomain[];
  totals: { files: number; records: number; bytes: number };
}

function bad(path: string, detail: string): never {
  throw new UsageError(`manifest ${path}: ${detail}`);
}

/** Checks a parsed manifest's shape; the error names the first problem. */
export function parseManifest(doc: unknown, path = '(manifest)'): DeliveryManifest {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) bad(path, 'must be a JSON object');
  const m = doc as Record<string, unknown>;
  if (m.format !== MANIFEST_FORMAT) bad(path, `format must be "${MANIFEST_FORMAT}" (found ${JSON.stringify(m.format)})`);
  const cat = m.catalog as Record<string, unknown> | undefined;
  if (!cat || typeof cat.id !== 'string' || typeof cat.version !== 'string') bad(path, 'catalog must be { id, version }');
  if (m.vendor !== undefined) checkVendor(m.vendor, (d) => bad(path, `vendor ${d}`));
  if (m.deliveredOn !== undefined) checkDeliveredOn(m.deliveredOn, (d) => bad(path, `deliveredOn ${d}`));
  if (!Array.isArray(m.domains)) bad(path, 'domains must be a list');
  const seen = new Set<string>();
  for (const [i, d] of (m.domains as Record<string, unknown>[]).entries()) {
    if (typeof d?.id !== 'string' || typeof d.name !== 'string' || !Array.isArray(d.files)) bad(path, `domains[${i}] must be { id, name, files }`);
    for (const [j, f] of (d.files as Record<string, unknown>[]).entries()) {
      const at = `domains[${i}].files[${j}]`;
      for (const k of ['id', 'name', 'layout', 'fileName', 'encoding', 'sha256'] as const) {
        if (typeof f?.[k] !== 'string') bad(path, `${at}.${k} must be a string`);
      }
      for (const k of ['bytes', 'records'] as const) {
        if (typeof f[k] !== 'number' || !Number.isInteger(f[k]) || (f[k] as number) < 0) bad(path, `${at}.${k} must be a whole number`);
      }
      if (typeof f.bom !== 'boolean' || typeof f.header !== 'boolean') bad(path, `${at}.bom and .header must be true or false`);
      if (!/^[0-9a-f]{64}$/.test(f.sha256 as string)) bad(path, `${at}.sha256 must be 64 lower-case hex digits`);
      const name = f.fileName as string;
      if (name.includes('/') || name.includes('\\') || name.startsWith('.')) bad(path, `${at}.fileName must be a plain file name`);
      if (seen.has(name)) bad(path, `${name} is listed twice`);
      seen.add(name);
    }
  }
  return doc as DeliveryManifest;
}

/** 納品者 is printed on the cover of the check report: one line of plain text. */
export function checkVendor(v: unknown, fail: (detail: string) => never): string {
  if (typeof v !== 'string' || v.trim() === '') fail('must be a non-empty string');
  if (v.length > 200) fail('must be at most 200 characters');
  if (/[\u0000-\u001f\u007f]/.test(v)) fail('must be one line without control characters');
  return v;
}

/** 納品日: a calendar date, YYYY-MM-DD (no time, so no time zone to get wrong). */
export function checkDeliveredOn(v: unknown, fail: (detail: string) => never): string {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m) fail('must be a date YYYY-MM-DD');
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) fail(`${JSON.stringify(v)} is not a calendar date`);
  return v as string;
}

export async function readManifest(path: string): Promise<DeliveryManifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read manifest ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    bad(path, `not valid JSON: ${(err as Error).message}`);
  }
  return parseManifest(doc, path);
}

export function manifestFiles(m: DeliveryManifest): { domain: ManifestDomain; file: ManifestFile }[] {
  return m.domains.flatMap((domain) => domain.files.map((file) => ({ domain, file })));
}
