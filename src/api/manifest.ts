import { basename, dirname, join, resolve } from 'node:path';
import { getCharset } from '../encoding/index.ts';
import { loadCatalog } from '../layouts/index.ts';
import { CHUKAN_VERSION } from '../core/version.ts';
import { UsageError } from '../core/errors.ts';
import { AtomicFileWriter } from '../pipeline/atomic-file.ts';
import {
  DEFAULT_MANIFEST_NAME, MANIFEST_FORMAT, checkDeliveredOn, checkVendor, type DeliveryManifest, type ManifestDomain,
} from '../pipeline/delivery-manifest.ts';
import { refuseOutputsOverInputs } from '../core/same-file.ts';
import { sweepStaleTemps, type StaleTemp } from '../pipeline/stale-temps.ts';
import { listDeliveryDir } from '../pipeline/delivery-plan.ts';
import { tallyFile } from '../pipeline/delivery-read.ts';

export interface ManifestOptions {
  /** A finished conversion's output directory (or any delivery directory). */
  dir: string;
  /** Where to write the manifest; default DIR/manifest.json. `false`: do not write. */
  out?: string | false;
  /** Files start with a header row (default true): the count is of data records. */
  header?: boolean;
  /** 業務 to include (default: every 業務 with a file present). */
  domains?: string[];
  schemasDir?: string;
  /** 納品者 (printed on the check report's cover). */
  vendor?: string;
  /** 納品日, YYYY-MM-DD (printed on the check report's cover). */
  deliveredOn?: string;
  onFile?: (fileName: string) => void;
}

export interface ManifestResult {
  manifest: DeliveryManifest;
  path?: string;
  /** Files in DIR that are not named as in the catalog (not in the manifest). */
  ignored: string[];
  /** Temp files of killed runs removed from the manifest's directory (stale-temps.ts). */
  staleTempsRemoved?: StaleTemp[];
}

/**
 * `chukan manifest`: the delivery manifest (納品目録) of a directory — every file named as in the
 * catalog, with size, data-record count, SHA-256, encoding (UTF-8 if it decodes cleanly, else
 * CP932 if that does, else unknown) and BOM. report.json, rejects/ and hidden files are not data.
 */
export async function makeManifest(opts: ManifestOptions): Promise<ManifestResult> {
  const dir = resolve(opts.dir);
  const catalog = loadCatalog(opts.schemasDir);
  const header = opts.header ?? true;
  const usage = (option: string) => (detail: string): never => { throw new UsageError(`${option} ${detail}`); };
  const vendor = opts.vendor === undefined ? undefined : checkVendor(opts.vendor, usage('--vendor'));
  const deliveredOn = opts.deliveredOn === undefined ? undefined : checkDeliveredOn(opts.deliveredOn, usage('--delivered-on'));
  const outPath = opts.out === false ? undefined : resolve(opts.out ?? join(dir, DEFAULT_MANIFEST_NAME));
  if (outPath) {
    // Every file of the directory, the one at the manifest's own name included (the listing below leaves it out).
    await refuseOutputsOverInputs([{ path: outPath, role: 'manifest' }],
      [...(await listDeliveryDir(dir)).keys()].map((n) => ({ path: join(dir, n), role: 'delivery file' })));
  }
  const swept = outPath ? await sweepStaleTemps(dirname(outPath)) : [];
  const listing = await listDeliveryDir(dir, outPath ? [basename(outPath)] : []);
  for (const id of opts.domains ?? []) {
    if (!catalog.domains.some((d) => d.id === id)) throw new UsageError(`unknown 業務 "${id}" (known: ${catalog.domains.map((d) => d.id).join(', ')})`);
  }

  const claimed = new Set<string>();
  const domains: ManifestDomain[] = [];
  for (const d of catalog.domains) {
    if (opts.domains && !opts.domains.includes(d.id)) continue;
    const md: ManifestDomain = { id: d.id, name: d.name, files: [] };
    for (const f of d.files) {
      if (!listing.has(f.fileName)) continue;
      claimed.add(f.fileName);
      opts.onFile?.(f.fileName);
      const path = join(dir, f.fileName);
      let t = await tallyFile(path, { file: f.fileName, charset: getCharset('utf-8'), checkUtf8: true });
      let encoding = 'utf-8';
      if (!t.utf8?.valid) {
        encoding = (await decodesAsCp932(path)) ? 'cp932' : 'unknown';
        if (encoding === 'cp932') t = await tallyFile(path, { file: f.fileName, charset: getCharset('cp932'), checkUtf8: false });
      }
      const records = header && t.records > 0 ? t.records - 1 : t.records;
      md.files.push({ id: f.id, name: f.name, layout: f.layout, fileName: f.fileName, encoding, bom: t.bom, header, bytes: t.bytes, records, sha256: t.sha256! });
    }
    if (md.files.length > 0) domains.push(md);
  }
  if (domains.length === 0) throw new UsageError(`${dir} holds no file named as in catalog ${catalog.id} ${catalog.catalogVersion}`);
  const manifest: DeliveryManifest = {
    format: MANIFEST_FORMAT,
    tool: 'chukan',
    version: CHUKAN_VERSION,
    createdAt: new Date().toISOString(),
    ...(vendor !== undefined ? { vendor } : {}),
    ...(deliveredOn !== undefined ? { deliveredOn } : {}),
    catalog: { id: catalog.id, version: catalog.catalogVersion },
    domains,
    totals: {
      files: domains.reduce((n, d) => n + d.files.length, 0),
      records: domains.reduce((n, d) => n + d.files.reduce((m, f) => m + f.records, 0), 0),
      bytes: domains.reduce((n, d) => n + d.files.reduce((m, f) => m + f.bytes, 0), 0),
    },
  };
  if (outPath) {
    const w = await AtomicFileWriter.create(outPath, 0o600);
    try {
      await w.write(Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
      await w.commit();
    } catch (err) {
      await w.abort();
      throw err;
    }
  }
  return { manifest, path: outPath, ignored: [...listing.keys()].filter((n) => !claimed.has(n)), ...(swept.length ? { staleTempsRemoved: swept } : {}) };
}

async function decodesAsCp932(path: string): Promise<boolean> {
  const { createReadStream } = await import('node:fs');
  const dec = new TextDecoder('shift_jis', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) dec.decode(chunk as Buffer, { stream: true });
    dec.decode();
    return true;
  } catch {
    return false;
  }
}
