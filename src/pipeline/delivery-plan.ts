/**
 * What a delivery directory is expected to hold and what it does hold: the in-scope files (from
 * the manifest, else inferred from the catalog's file names), the missing ones, the unexpected
 * ones. Pure apart from listing the directory; every conclusion drawn without a manifest is
 * written down as a note for the report, so staff can see what was assumed.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputNotFoundError, UsageError } from '../core/errors.ts';
import type { Catalog, CatalogDomain } from '../layouts/catalog.ts';
import type { CheckProfile } from './delivery-profile.ts';
import { DEFAULT_MANIFEST_NAME, manifestFiles, type DeliveryManifest, type ManifestFile } from './delivery-manifest.ts';

export interface PlannedFile {
  domainId: string;
  domainName: string;
  fileId: string;
  /** Japanese file name (catalog), e.g. 個人. */
  name: string;
  layout: string;
  fileName: string;
  path: string;
  present: boolean;
  size: number;
  /** Absence is an error (catalog requirement or manifest entry). */
  required: boolean;
  /** The manifest's entry, when there is a manifest. */
  expected?: ManifestFile;
}

export interface PlanNote {
  ja: string;
  en: string;
}

export interface DeliveryPlan {
  /** In-scope files in catalog order (present or not). */
  files: PlannedFile[];
  domains: { id: string; name: string }[];
  unexpected: { fileName: string; size: number; reason: 'manifest' | 'catalog' }[];
  outOfScope: { fileName: string; size: number; domainId: string; domainName: string }[];
  notes: PlanNote[];
  source: 'manifest' | 'catalog';
}

/** Names a finished conversion leaves next to its outputs, and chukan's own files: never data. */
const NOT_DELIVERY = new Set(['report.json', 'report.html', 'report.xlsx', DEFAULT_MANIFEST_NAME, 'rejects']);

export async function listDeliveryDir(dir: string, extraExcluded: string[] = []): Promise<Map<string, number>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new InputNotFoundError(dir, { cause: err });
  }
  const out = new Map<string, number>();
  for (const n of names.sort()) {
    if (n.startsWith('.') || NOT_DELIVERY.has(n) || extraExcluded.includes(n)) continue;
    const s = await stat(join(dir, n)).catch(() => undefined);
    if (s?.isFile()) out.set(n, s.size);
  }
  return out;
}

export function planDelivery(args: {
  dir: string;
  listing: Map<string, number>;
  catalog: Catalog;
  profile: CheckProfile;
  manifest?: DeliveryManifest;
}): DeliveryPlan {
  const { dir, listing, catalog, profile, manifest } = args;
  const byFileName = new Map<string, { domain: CatalogDomain; index: number }>();
  for (const domain of catalog.domains) domain.files.forEach((f, index) => byFileName.set(f.fileName, { domain, index }));
  for (const id of profile.domains ?? []) {
    if (!catalog.domains.some((d) => d.id === id)) {
      throw new UsageError(`profile names 業務 "${id}", which catalog ${catalog.id} does not have (known: ${catalog.domains.map((d) => d.id).join(', ')})`);
    }
  }
  const notes: PlanNote[] = [];
  const files: PlannedFile[] = [];
  const unexpected: DeliveryPlan['unexpected'] = [];
  const outOfScope: DeliveryPlan['outOfScope'] = [];
  const claimed = new Set<string>();
  const inScope = (id: string) => !profile.domains || profile.domains.includes(id);
  const place = (p: Omit<PlannedFile, 'present' | 'size' | 'path'>) => {
    const size = listing.get(p.fileName);
    claimed.add(p.fileName);
    files.push({ ...p, path: join(dir, p.fileName), present: size !== undefined, size: size ?? 0 });
  };

  let scopeIds: string[];
  if (manifest) {
    const listed = manifestFiles(manifest);
    scopeIds = [...new Set(manifest.domains.map((d) => d.id))].filter(inScope);
    for (const { domain, file } of listed) {
      if (!inScope(domain.id)) continue;
      place({ domainId: domain.id, domainName: domain.name, fileId: file.id, name: file.name, layout: file.layout, fileName: file.fileName, required: true, expected: file });
    }
    notes.push({
      ja: `納品目録に記載された ${files.length} ファイル（業務: ${scopeIds.join('、') || 'なし'}）を検査対象としました。`,
      en: `Checked the ${files.length} files listed in the manifest (業務: ${scopeIds.join(', ') || 'none'}).`,
    });
  } else {
    const present = new Set<string>();
    for (const name of listing.keys()) {
      const hit = byFileName.get(name);
      if (hit) present.add(hit.domain.id);
    }
    scopeIds = profile.domains ?? catalog.domains.filter((d) => present.has(d.id)).map((d) => d.id);
    if (scopeIds.length === 0) {
      throw new UsageError(`${dir} holds no file named as in catalog ${catalog.id} ${catalog.catalogVersion} (e.g. ${catalog.domains[0]?.files[0]?.fileName ?? '?'}); give --manifest or check the directory`);
    }
    notes.push(profile.domains
      ? {
        ja: `納品目録がないため、プロファイルで指定された業務（${scopeIds.join('、')}）のファイルを、カタログ ${catalog.id} ${catalog.catalogVersion} のファイル名で探しました。`,
        en: `No manifest: looked for the files of the 業務 named in the profile (${scopeIds.join(', ')}) under the file names of catalog ${catalog.id} ${catalog.catalogVersion}.`,
      }
      : {
        ja: `納品目録がないため、カタログ ${catalog.id} ${catalog.catalogVersion} のファイル名規則から、ファイルが1つ以上ある業務（${scopeIds.join('、')}）を検査対象と判断しました。`,
        en: `No manifest: inferred the 業務 in scope from catalog ${catalog.id} ${catalog.catalogVersion} file names — those with at least one file present (${scopeIds.join(', ')}).`,
      });
  }
  // Catalog files of in-scope 業務 that are neither present nor in the manifest still count as missing.
  for (const domain of catalog.domains) {
    if (!scopeIds.includes(domain.id)) continue;
    for (const f of domain.files) {
      if (files.some((p) => p.fileName === f.fileName)) continue;
      const required = profile.requireAllFiles && f.required !== false;
      if (!listing.has(f.fileName) && !required) {
        notes.push({
          ja: `${domain.name}の「${f.name}」（${f.fileName}）はありません（任意のファイルのため是正対象外）。`,
          en: `${f.fileName} (${domain.id}/${f.id}) is absent; it is optional, so this is not a finding.`,
        });
        continue;
      }
      place({ domainId: domain.id, domainName: domain.name, fileId: f.id, name: f.name, layout: f.layout, fileName: f.fileName, required });
    }
  }
  for (const [name, size] of listing) {
    if (claimed.has(name)) continue;
    const hit = byFileName.get(name);
    if (hit && !scopeIds.includes(hit.domain.id)) outOfScope.push({ fileName: name, size, domainId: hit.domain.id, domainName: hit.domain.name });
    else unexpected.push({ fileName: name, size, reason: manifest ? 'manifest' : 'catalog' });
  }
  // Catalog order, so reports read like the 業務 file list.
  const order = new Map<string, number>();
  let n = 0;
  for (const d of catalog.domains) for (const f of d.files) order.set(f.fileName, n++);
  files.sort((a, b) => (order.get(a.fileName) ?? 1e9) - (order.get(b.fileName) ?? 1e9));
  const domains = scopeIds.map((id) => ({ id, name: catalog.domains.find((d) => d.id === id)?.name ?? manifest?.domains.find((d) => d.id === id)?.name ?? id }));
  return { files, domains, unexpected, outOfScope, notes, source: manifest ? 'manifest' : 'catalog' };
}
