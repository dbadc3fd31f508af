import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Finding } from '../core/finding.ts';
import { getCharset } from '../encoding/index.ts';
import { compileLayout, loadCatalog, loadLayout, type CompiledLayout } from '../layouts/index.ts';
import { readCsvFile } from '../readers/index.ts';
import { createKeyIndex, type KeyIndex } from '../cleanse/key-index.ts';
import { runFile } from '../pipeline/file-run.ts';
import type { FieldIssue, RecordValidator } from '../pipeline/contracts.ts';
import { prepareOutputDir } from '../pipeline/output-dir.ts';
import { refuseOutputsOverInputs } from '../core/same-file.ts';
import type { StaleTemp } from '../pipeline/stale-temps.ts';
import type { Stage } from '../pipeline/work.ts';
import { DeliveryCodes } from '../pipeline/delivery-finding-codes.ts';
import { DEFAULT_PROFILE, loadProfile, type CheckProfile } from '../pipeline/delivery-profile.ts';
import { DEFAULT_MANIFEST_NAME, readManifest, type DeliveryManifest } from '../pipeline/delivery-manifest.ts';
import { listDeliveryDir, planDelivery, type PlannedFile } from '../pipeline/delivery-plan.ts';
import { newFileTally, readTallied } from '../pipeline/delivery-read.ts';
import { CharTally, buildRepertoire, repertoireStage } from '../pipeline/delivery-repertoire.ts';
import {
  checkForeignKey, foreignKeyStage, orderForKeys, primaryKeyStage,
  type FkTarget, type ForeignKeyGroup, type KeyedField,
} from '../pipeline/delivery-keys.ts';
import { sha256 } from '../report/run-report.ts';
import { DEFAULT_TIME_ZONE, checkTimeZone, isoInZone } from '../core/time-zone.ts';
import {
  CheckCollector, VERDICT_LABEL, newReportShell, vendorRequests,
  type CheckReport, type DomainCheck, type FileCheck, type Verdict,
} from '../report/check-report.ts';
import { writeCheckReports } from '../report/check-write.ts';

export interface CheckOptions {
  /** The delivery directory (a convert output dir, or what a vendor handed over). */
  dir: string;
  /** Manifest path; default DIR/manifest.json when it exists, else none (files inferred from the catalog). */
  manifest?: string;
  /** Profile path (YAML or JSON), or a parsed profile. */
  profile?: string | CheckProfile;
  /** The file a parsed `profile` was read from: the reports may not be written over it. */
  profilePath?: string;
  /** Name shown in the reports for a parsed profile (default: the path's file name). */
  profileName?: string;
  /** Report directory; default `<DIR>-check` next to DIR. `false`: write no files. */
  out?: string | false;
  /** Samples kept per finding code (totals are always complete). Default 20. */
  maxSamples?: number;
  /** Schemas directory holding catalog.json (default: chukan's own). */
  schemasDir?: string;
  /** IANA time zone of the report's times (default Asia/Tokyo, whatever the machine's TZ). */
  timeZone?: string;
  /** Extra per-file stages after the built-in checks (the duplicate-detection hook, see docs/CHECK.md). */
  extraStages?: (file: PlannedFile, layout: CompiledLayout) => Stage[];
  logger?: Logger;
  signal?: AbortSignal;
  onProgress?: (p: { bytesDone: number; bytesTotal: number; records: number; findings: number; file: string }) => void;
}

export interface CheckResult {
  report: CheckReport;
  /** Paths written (report.json, report.html, report.xlsx), when `out` was not false. */
  written: { json: string; html: string; xlsx: string } | undefined;
  exitCode: 0 | 1 | 130;
}

export function defaultCheckOutDir(dir: string): string {
  const abs = resolve(dir);
  return join(dirname(abs), `${basename(abs)}-check`);
}

/** Wraps a compiled layout so per-field issues carry the offending value (runFile masks it). */
function sampledValidator(l: CompiledLayout): RecordValidator {
  const myNumber = new Set(l.fields.filter((f) => f.personal === 'mynumber').map((f) => f.id));
  return {
    id: l.id,
    fields: l.fields,
    validateRecord(values: string[], out: FieldIssue[]): boolean {
      const start = out.length;
      const ok = l.validateRecord(values, out as never);
      if (ok) return true;
      for (let i = start; i < out.length; i++) {
        const issue = out[i];
        if (issue.field === undefined) continue;
        const idx = l.fieldIndex.get(issue.field);
        if (idx === undefined || values[idx] === undefined || values[idx] === '') continue;
        // 特定個人情報: not even the first digits leave the process.
        issue.sampleValue = myNumber.has(issue.field) ? '*'.repeat(values[idx].length) : values[idx];
      }
      return false;
    },
  };
}

function keyed(l: CompiledLayout, ids: readonly string[]): KeyedField[] {
  return ids.map((id) => {
    const f = l.fields[l.fieldIndex.get(id)!];
    return { index: f.index, id: f.id, title: f.title, myNumber: f.personal === 'mynumber' };
  });
}

/**
 * `chukan check`: validates an exit-data delivery — inventory against the manifest or catalog,
 * encoding and BOM, counts and hashes, every record against its layout, primary keys, foreign
 * keys across files and 業務, the character repertoire — in one streaming read per file (plus a
 * key-only read for files caught in a reference cycle). Writes report.json/html/xlsx.
 */
export async function check(opts: CheckOptions): Promise<CheckResult> {
  const started = new Date();
  const timeZone = checkTimeZone(opts.timeZone ?? DEFAULT_TIME_ZONE, 'timeZone');
  const dir = resolve(opts.dir);
  const catalog = loadCatalog(opts.schemasDir);
  const profile: CheckProfile = typeof opts.profile === 'string' ? loadProfile(opts.profile) : opts.profile ?? structuredClone(DEFAULT_PROFILE);
  const profileName = opts.profileName ?? (typeof opts.profile === 'string' ? basename(opts.profile) : undefined);
  let manifestPath = opts.manifest ? resolve(opts.manifest) : undefined;
  if (!manifestPath && existsSync(join(dir, DEFAULT_MANIFEST_NAME))) manifestPath = join(dir, DEFAULT_MANIFEST_NAME);
  const manifest: DeliveryManifest | undefined = manifestPath ? await readManifest(manifestPath) : undefined;
  const outDir = opts.out === false ? undefined : resolve(opts.out ?? defaultCheckOutDir(dir));
  const listing = await listDeliveryDir(dir, outDir && dirname(outDir) === dir ? [basename(outDir)] : []);
  const plan = planDelivery({ dir, listing, catalog, profile, manifest });
  let swept: StaleTemp[] = [];
  if (outDir) {
    const reads = plan.files.filter((f) => f.present).map((f) => ({ path: f.path, role: 'delivery file', shown: f.fileName }));
    if (manifestPath) reads.push({ path: manifestPath, role: 'manifest', shown: manifestPath });
    const profilePath = typeof opts.profile === 'string' ? opts.profile : opts.profilePath;
    if (profilePath) reads.push({ path: resolve(profilePath), role: 'profile', shown: profilePath });
    await refuseOutputsOverInputs(['report.json', 'report.html', 'report.xlsx'].map((n) => ({ path: join(outDir, n), role: 'report' })), reads);
    swept = await prepareOutputDir(outDir);
  }

  // Layouts first: a layout that does not load is a broken environment (exit 2), before any reading.
  const layouts = new Map<string, CompiledLayout>();
  for (const f of plan.files) if (!layouts.has(f.layout)) layouts.set(f.layout, compileLayout(loadLayout(f.layout, { schemasDir: opts.schemasDir })));
  const layoutByFile = new Map(plan.files.map((f) => [f.fileName, layouts.get(f.layout)!]));
  const collector = new CheckCollector(opts.maxSamples ?? 20, profile.severity, (fileName, field) => {
    const l = layoutByFile.get(fileName);
    const i = l?.fieldIndex.get(field);
    return l && i !== undefined ? { layout: l.id, title: l.fields[i].title } : undefined;
  });
  const note = collector.add;

  // Inventory.
  for (const f of plan.files) {
    if (f.present) continue;
    note({
      code: DeliveryCodes.DELIVERY_FILE_MISSING,
      severity: 'error',
      location: { file: f.fileName },
      params: { domainName: f.domainName, domainId: f.domainId, fileName: f.fileName, expectedName: f.name, reason: f.expected ? 'manifest' : 'catalog' },
    });
  }
  for (const u of plan.unexpected) note({ code: DeliveryCodes.DELIVERY_FILE_UNEXPECTED, severity: 'warning', location: { file: u.fileName }, params: { fileName: u.fileName, reason: u.reason } });
  for (const u of plan.outOfScope) note({ code: DeliveryCodes.DELIVERY_FILE_OUT_OF_SCOPE, severity: 'info', location: { file: u.fileName }, params: { fileName: u.fileName, domainId: u.domainId, domainName: u.domainName } });
  if (manifest && (manifest.catalog.id !== catalog.id || manifest.catalog.version !== catalog.catalogVersion)) {
    note({
      code: DeliveryCodes.DELIVERY_MANIFEST_CATALOG, severity: 'warning', location: { file: manifestPath ? basename(manifestPath) : DEFAULT_MANIFEST_NAME },
      params: { manifestCatalog: `${manifest.catalog.id} ${manifest.catalog.version}`, catalog: `${catalog.id} ${catalog.catalogVersion}` },
    });
  }

  // Keys: one bounded index per present file whose layout has a primary key.
  const present = plan.files.filter((f) => f.present);
  const presentByLayout = new Map<string, PlannedFile>();
  for (const f of present) if (!presentByLayout.has(f.layout)) presentByLayout.set(f.layout, f);
  const pkFiles = present.filter((f) => layouts.get(f.layout)!.primaryKey.length > 0);
  const budget = profile.keyMemoryMiB * 1048576;
  const indexes = new Map<string, KeyIndex>();
  for (const f of pkFiles) {
    if (presentByLayout.get(f.layout) !== f) continue;
    indexes.set(f.layout, createKeyIndex({
      memoryBudgetBytes: Math.max(1 << 20, Math.floor(budget / pkFiles.length)),
      expectedKeys: f.expected?.records,
    }));
  }
  const labelOf = (layout: string) => {
    const pf = plan.files.find((x) => x.layout === layout);
    const cf = catalog.domains.flatMap((d) => d.files.map((x) => ({ d, x }))).find((e) => e.x.layout === layout);
    return pf ? `${pf.domainName}「${pf.name}」` : cf ? `${cf.d.name}「${cf.x.name}」` : layout;
  };
  const references = (l: CompiledLayout) => [...new Set(l.foreignKeys.map((k) => k.references.layout))].filter((t) => presentByLayout.has(t));
  const { order, deferred } = orderForKeys(
    [...presentByLayout.values()].map((f) => ({ layout: f.layout, bytes: f.size, references: references(layouts.get(f.layout)!) })),
  );
  const rank = new Map(order.map((l, i) => [l, i]));
  const runOrder = [...present].sort((a, b) => (rank.get(a.layout) ?? 0) - (rank.get(b.layout) ?? 0));
  const completed = new Set<string>();
  const deferredWork: { file: PlannedFile; groups: ForeignKeyGroup[] }[] = [];
  let fkCount = 0;

  const groupsOf = (l: CompiledLayout): ForeignKeyGroup[] => {
    const groups = new Map<string, ForeignKeyGroup>();
    for (const fk of l.foreignKeys) {
      const k = fk.fields.join('\u0000');
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { fields: keyed(l, fk.fields), targets: [] }));
      g.targets.push({ layout: fk.references.layout, label: labelOf(fk.references.layout) });
    }
    return [...groups.values()];
  };

  const charset = getCharset(profile.charset);
  const repertoire = buildRepertoire(profile.repertoire.base, profile.repertoire.allow, profile.repertoire.ranges);
  const tally = new CharTally();
  const fileChecks = new Map<string, FileCheck>();
  const bytesTotal = present.reduce((n, f) => n + f.size, 0);
  let bytesDone = 0;
  let recordsDone = 0;
  let interrupted = false;
  let indexStats = { keys: 0, bytesUsed: 0, spilledRuns: 0 };

  try {
    for (const f of runOrder) {
      if (opts.signal?.aborted) { interrupted = true; break; }
      const l = layouts.get(f.layout)!;
      const t0 = Date.now();
      const width = l.fields.length;
      const stages: Stage[] = [];
      const index = presentByLayout.get(f.layout) === f ? indexes.get(f.layout) : undefined;
      if (index) stages.push(primaryKeyStage({ file: f.fileName, fields: keyed(l, l.primaryKey), index, width }));
      const nowGroups: ForeignKeyGroup[] = [];
      const laterGroups: ForeignKeyGroup[] = [];
      for (const g of groupsOf(l)) {
        fkCount++;
        const live: FkTarget[] = g.targets.filter((t) => presentByLayout.has(t.layout));
        if (live.length === 0) {
          note({
            code: DeliveryCodes.CHECK_FK_TARGET_ABSENT, severity: 'warning', location: { file: f.fileName }, field: g.fields[0].id,
            params: { keyTitles: g.fields.map((x) => x.title).join('・'), keys: g.fields.map((x) => x.id).join(', '), targetNames: g.targets.map((x) => x.label).join(' または '), targets: g.targets.map((x) => x.layout).join(' or ') },
          });
          continue;
        }
        const group = { fields: g.fields, targets: live };
        if (live.every((t) => completed.has(t.layout) && !deferred.get(f.layout)?.has(t.layout))) {
          for (const t of live) t.index = indexes.get(t.layout);
          nowGroups.push(group);
        } else {
          laterGroups.push(group);
        }
      }
      if (nowGroups.length > 0) stages.push(foreignKeyStage({ file: f.fileName, groups: nowGroups, width }));
      if (laterGroups.length > 0) deferredWork.push({ file: f, groups: laterGroups });
      const myNumberFields = new Set(l.fields.filter((x) => x.personal === 'mynumber').map((x) => x.index));
      stages.push(repertoireStage({ file: f.fileName, repertoire, fieldIds: l.fields.map((x) => x.id), myNumberFields, tally }));
      stages.push(...(opts.extraStages?.(f, l) ?? []));
      let recordsWithErrors = 0;
      stages.push((batch) => {
        for (const rec of batch.records) {
          if (rec.findings?.some((x) => collector.severityOf(x.code, x.severity) === 'error')) recordsWithErrors++;
        }
      });
      const tallyState = newFileTally();
      const stats = await runFile({
        file: f.fileName,
        batches: readTallied(f.path, { file: f.fileName, charset, tally: tallyState, checkUtf8: charset.name === 'utf-8' }),
        header: profile.header,
        validator: sampledValidator(l),
        afterValidate: stages,
        onFinding: note,
        onProgress: (s) => {
          const findings = collector.errors + collector.warnings + collector.infos;
          opts.onProgress?.({ bytesDone: bytesDone + tallyState.bytes, bytesTotal, records: recordsDone + s.read, findings, file: f.fileName });
        },
        signal: opts.signal,
      });
      bytesDone += tallyState.bytes;
      recordsDone += stats.read;
      if (!tallyState.complete) { interrupted = true; }
      fileLevelFindings(f, tallyState, stats.read, profile, note);
      if (presentByLayout.get(f.layout) === f) completed.add(f.layout);
      fileChecks.set(f.fileName, {
        domainId: f.domainId, domainName: f.domainName, fileId: f.fileId, name: f.name, layout: f.layout, fileName: f.fileName,
        status: tallyState.complete ? 'checked' : 'incomplete',
        bytes: tallyState.bytes,
        ...(tallyState.sha256 ? { sha256: tallyState.sha256 } : {}),
        records: stats.read,
        recordsWithErrors,
        encoding: { charset: charset.name, bom: tallyState.bom, ...(tallyState.utf8 ? { valid: tallyState.utf8.valid } : {}) },
        header: stats.headerRead,
        ...(f.expected ? { expected: { records: f.expected.records, bytes: f.expected.bytes, sha256: f.expected.sha256 } } : {}),
        findings: {}, errors: 0, warnings: 0,
        durationMs: Date.now() - t0,
      });
      opts.logger?.info({ file: f.fileName, records: stats.read, findings: stats.findings }, 'file checked');
    }

    // Second, key-only read for references caught in a cycle: every index is complete now.
    for (const w of interrupted ? [] : deferredWork) {
      if (opts.signal?.aborted) { interrupted = true; break; }
      for (const g of w.groups) for (const t of g.targets) t.index = indexes.get(t.layout);
      const width = layouts.get(w.file.layout)!.fields.length;
      let first = profile.header;
      for await (const batch of readCsvFile(w.file.path, { file: w.file.fileName, charset })) {
        for (const rec of batch.records) {
          if (first) { first = false; continue; }
          if (rec.fields.length !== width) continue;
          for (const g of w.groups) {
            const finding = checkForeignKey(rec.fields, g, { file: w.file.fileName, record: rec.record, line: rec.line, offset: rec.offset });
            if (finding) note(finding);
          }
        }
      }
    }
    indexStats = [...indexes.values()].reduce(
      (a, i) => { const s = i.stats(); return { keys: a.keys + s.size, bytesUsed: a.bytesUsed + s.bytesUsed, spilledRuns: a.spilledRuns + s.runs }; },
      indexStats,
    );
  } finally {
    for (const i of indexes.values()) i.close();
  }
  // Assemble.
  const domains: DomainCheck[] = plan.domains.map((d) => ({ id: d.id, name: d.name, files: [], records: 0, errors: 0, warnings: 0 }));
  for (const f of plan.files) {
    const fc: FileCheck = fileChecks.get(f.fileName) ?? {
      domainId: f.domainId, domainName: f.domainName, fileId: f.fileId, name: f.name, layout: f.layout, fileName: f.fileName,
      status: f.present ? 'incomplete' : 'missing', bytes: 0, records: 0, recordsWithErrors: 0,
      encoding: { charset: charset.name, bom: false }, header: false,
      ...(f.expected ? { expected: { records: f.expected.records, bytes: f.expected.bytes, sha256: f.expected.sha256 } } : {}),
      findings: {}, errors: 0, warnings: 0, durationMs: 0,
    };
    const counts = collector.fileCounts(f.fileName);
    fc.findings = counts.findings;
    fc.errors = counts.errors;
    fc.warnings = counts.warnings;
    let d = domains.find((x) => x.id === f.domainId);
    if (!d) domains.push((d = { id: f.domainId, name: f.domainName, files: [], records: 0, errors: 0, warnings: 0 }));
    d.files.push(fc);
    d.records += fc.records;
    d.errors += fc.errors;
    d.warnings += fc.warnings;
  }
  const byCode = collector.byCode();
  const byField = collector.byField();
  const verdict: Verdict = interrupted ? 'incomplete' : collector.hasErrors() ? 'fix' : 'accept';
  const allFiles = domains.flatMap((d) => d.files);
  const finished = new Date();
  const report: CheckReport = {
    ...newReportShell(started, timeZone),
    verdict,
    ok: verdict === 'accept',
    verdictLabel: VERDICT_LABEL[verdict],
    exitCode: verdict === 'accept' ? 0 : verdict === 'fix' ? 1 : 2,
    finishedAt: isoInZone(finished, timeZone),
    durationMs: finished.getTime() - started.getTime(),
    delivery: {
      name: basename(dir),
      source: plan.source,
      ...(manifest && manifestPath ? {
        manifest: {
          fileName: basename(manifestPath), sha256: sha256(await readFile(manifestPath)), createdAt: manifest.createdAt, catalog: manifest.catalog,
          ...(manifest.vendor !== undefined ? { vendor: manifest.vendor } : {}),
          ...(manifest.deliveredOn !== undefined ? { deliveredOn: manifest.deliveredOn } : {}),
        },
      } : {}),
      catalog: { id: catalog.id, version: catalog.catalogVersion },
      profile: { ...(profileName ? { name: profileName } : {}), ...profile },
      notes: plan.notes,
    },
    totals: {
      domains: domains.length,
      files: allFiles.length,
      filesChecked: allFiles.filter((f) => f.status === 'checked').length,
      filesMissing: allFiles.filter((f) => f.status === 'missing').length,
      records: allFiles.reduce((n, f) => n + f.records, 0),
      bytes: allFiles.reduce((n, f) => n + f.bytes, 0),
      recordsWithErrors: allFiles.reduce((n, f) => n + f.recordsWithErrors, 0),
      findings: collector.errors + collector.warnings + collector.infos,
      errors: collector.errors,
      warnings: collector.warnings,
      infos: collector.infos,
    },
    domains,
    unexpectedFiles: plan.unexpected.map((u) => ({ fileName: u.fileName, bytes: u.size, reason: u.reason })),
    outOfScopeFiles: plan.outOfScope.map((u) => ({ fileName: u.fileName, bytes: u.size, domainId: u.domainId, domainName: u.domainName })),
    findings: {
      byCode,
      byField: byField.list,
      byFieldTruncated: byField.truncated,
      samples: collector.samples(),
      maxSamplesPerCode: collector.maxSamplesPerCode,
      truncated: collector.truncated(),
    },
    characters: { list: tally.list(), distinct: tally.entries.size, truncated: tally.truncated, repertoire: repertoire.name },
    keys: {
      primaryKeys: indexes.size,
      foreignKeys: fkCount,
      deferredFiles: deferredWork.map((w) => w.file.fileName),
      index: indexStats,
    },
    vendorRequests: vendorRequests(byCode, collector.perFile, byField.list),
    ...(swept.length ? { staleTempsRemoved: swept } : {}),
  };
  const written = outDir ? await writeCheckReports(outDir, report) : undefined;
  opts.logger?.info({ verdict, totals: report.totals }, 'check finished');
  return { report, written, exitCode: verdict === 'accept' ? 0 : verdict === 'fix' ? 1 : 130 };
}

function fileLevelFindings(
  f: PlannedFile,
  t: ReturnType<typeof newFileTally>,
  records: number,
  profile: CheckProfile,
  note: (f: Finding) => void,
): void {
  if (!t.complete) return;
  const at = { file: f.fileName };
  if (t.utf8 && !t.utf8.valid) {
    note({ code: DeliveryCodes.DELIVERY_ENCODING_INVALID, severity: 'error', location: { ...at, offset: t.utf8.firstInvalidOffset }, params: { charset: 'UTF-8', count: t.utf8.invalid, firstOffset: t.utf8.firstInvalidOffset } });
  }
  if (profile.bom === 'forbid' && t.bom) note({ code: DeliveryCodes.DELIVERY_BOM_PRESENT, severity: 'error', location: { ...at, offset: 0 } });
  if (profile.bom === 'require' && !t.bom && t.bytes > 0) note({ code: DeliveryCodes.DELIVERY_BOM_MISSING, severity: 'error', location: { ...at, offset: 0 } });
  const e = f.expected;
  if (e) {
    if (e.records !== records) note({ code: DeliveryCodes.DELIVERY_COUNT_MISMATCH, severity: 'error', location: at, params: { actual: records, expected: e.records } });
    if (e.sha256 !== t.sha256) note({ code: DeliveryCodes.DELIVERY_HASH_MISMATCH, severity: 'error', location: at, params: { actualBytes: t.bytes, expectedBytes: e.bytes } });
  }
}

