/**
 * The `cleanse:` section of a mapping or job file, and the stages it builds — so wiring cleanse
 * into `chukan convert` is: parse the section, call buildCleanseStages, pass beforeValidate /
 * afterValidate to runFile, put report() into the run report, close() at the end.
 *
 *   cleanse:
 *     normalise: true                  # or false, or { fieldClasses: {name: [trim, …]}, fields: {biko: []} }
 *     gaiji:
 *       table: gaiji/vendor-a.csv      # 外字対応表 (CSV or xlsx), relative to the mapping file
 *       mjTable: mj/mji.csv            # optional MJ table for MJ文字図形名 entries, or `mojidata`:
 *                                      # MJ文字情報 from the optional package @mandel59/mojidata
 *       unmapped: reject               # reject | substitute | keep
 *       ivsFallback: error             # error | base  (IVS on an output charset without IVS)
 *       allowPlane16Pua: false         # MJ+ plane-16 targets
 *     dedup:
 *       exact: true                    # drop exact duplicates (after normalisation)
 *       keys: true                     # primary-key conflicts, keep-first (streaming)
 *       indexMemoryMiB: 1024
 */
import { resolve } from 'node:path';
import type { WorkbookLimits } from '../../core/excel.ts';
import { MappingError } from '../../core/errors.ts';
import type { Charset } from '../../encoding/charset.ts';
import type { FieldDef } from '../../layouts/fields.ts';
import { createDeduper, type Deduper } from '../../cleanse/dedup.ts';
import { createGaijiResolver, type GaijiResolver, type UnmappedPolicy } from '../../cleanse/gaiji-resolve.ts';
import { loadGaijiTable, loadMjTable, type GaijiTable } from '../../cleanse/gaiji-table.ts';
import { mojidataMissingMessage, openMojidata } from '../../cleanse/mj-database.ts';
import { createNormaliser, isNormRule, type NormaliseConfig, type Normaliser } from '../../cleanse/normalise.ts';
import type { Stage } from '../work.ts';
import { dedupStage } from './dedup.ts';
import { gaijiStage } from './gaiji.ts';
import { normaliseStage } from './normalise.ts';

export interface CleanseConfig {
  normalise: false | NormaliseConfig;
  gaiji?: { table?: string; mjTable?: string; unmapped: UnmappedPolicy; ivsFallback: 'error' | 'base'; allowPlane16Pua: boolean };
  dedup?: { exact: boolean; keys: boolean; indexMemoryMiB: number };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a parsed `cleanse:` section; paths resolve against `baseDir`. Problems → MappingError(file). */
export function parseCleanseConfig(raw: unknown, file: string, baseDir: string): CleanseConfig {
  const bad = (msg: string) => new MappingError(file, undefined, `cleanse: ${msg}`);
  if (raw === undefined || raw === null) return { normalise: {} };
  if (!isObj(raw)) throw bad('must be a mapping');
  for (const k of Object.keys(raw)) if (!['normalise', 'gaiji', 'dedup'].includes(k)) throw bad(`unknown key "${k}" (normalise, gaiji, dedup)`);
  const cfg: CleanseConfig = { normalise: {} };
  const n = raw.normalise;
  if (n === false) cfg.normalise = false;
  else if (isObj(n)) {
    const rules = (v: unknown, where: string) => {
      if (!Array.isArray(v) || !v.every((r) => typeof r === 'string' && isNormRule(r))) throw bad(`${where} must be a list of rules`);
      return v as NormaliseConfig['fields'] extends Record<string, infer R> | undefined ? R : never;
    };
    const nc: NormaliseConfig = {};
    if (n.fieldClasses !== undefined) {
      if (!isObj(n.fieldClasses)) throw bad('normalise.fieldClasses must be a mapping');
      nc.fieldClasses = Object.fromEntries(Object.entries(n.fieldClasses).map(([k, v]) => [k, rules(v, `normalise.fieldClasses.${k}`)]));
    }
    if (n.fields !== undefined) {
      if (!isObj(n.fields)) throw bad('normalise.fields must be a mapping');
      nc.fields = Object.fromEntries(Object.entries(n.fields).map(([k, v]) => [k, rules(v, `normalise.fields.${k}`)]));
    }
    cfg.normalise = nc;
  } else if (n !== undefined && n !== true) throw bad('normalise must be true, false or a mapping');
  if (raw.gaiji !== undefined) {
    const g = raw.gaiji;
    if (!isObj(g)) throw bad('gaiji must be a mapping');
    const unmapped = g.unmapped ?? 'reject';
    if (!['reject', 'substitute', 'keep'].includes(unmapped as string)) throw bad('gaiji.unmapped must be reject, substitute or keep');
    const ivs = g.ivsFallback ?? 'error';
    if (!['error', 'base'].includes(ivs as string)) throw bad('gaiji.ivsFallback must be error or base');
    cfg.gaiji = { unmapped: unmapped as UnmappedPolicy, ivsFallback: ivs as 'error' | 'base', allowPlane16Pua: g.allowPlane16Pua === true };
    if (typeof g.table === 'string') cfg.gaiji.table = resolve(baseDir, g.table);
    if (typeof g.mjTable === 'string') cfg.gaiji.mjTable = g.mjTable === 'mojidata' ? 'mojidata' : resolve(baseDir, g.mjTable);
  }
  if (raw.dedup !== undefined) {
    const d = raw.dedup;
    if (!isObj(d)) throw bad('dedup must be a mapping');
    const mem = d.indexMemoryMiB ?? 1024;
    if (typeof mem !== 'number' || mem <= 0) throw bad('dedup.indexMemoryMiB must be a positive number');
    cfg.dedup = { exact: d.exact !== false, keys: d.keys !== false, indexMemoryMiB: mem };
  }
  return cfg;
}

export interface CleanseStages {
  beforeValidate: Stage[];
  afterValidate: Stage[];
  /** Counts for the run report: normalisation per field and rule, 外字 per code point and outcome. */
  report(): { normalise?: ReturnType<Normaliser['counts']>; gaiji?: ReturnType<GaijiResolver['counts']>; duplicates?: { file: string; record: number; keptFile: string; keptRecord: number }[] };
  close(): void;
}

export interface BuildCleanseOptions {
  fields: readonly FieldDef[];
  primaryKey: readonly string[];
  sourceCharset: Charset;
  outputCharset: Charset;
  /** One file's name (locations); for a job spanning files, build once per file with distinct ordinalBase. */
  file: string;
  /** Bounds for a 外字対応表 or MJ table given as xlsx (core/excel.ts). */
  workbookLimits?: WorkbookLimits;
  ordinalBase?: number;
  tmpDir?: string;
  /** No mapping literal holds a private-use character: the 外字 stage may look only at records whose source text holds one (gaijiStage). */
  valuesFromSourceText?: boolean;
}

export async function buildCleanseStages(cfg: CleanseConfig, o: BuildCleanseOptions): Promise<CleanseStages> {
  const before: Stage[] = [];
  const after: Stage[] = [];
  let normaliser: Normaliser | undefined;
  let resolver: GaijiResolver | undefined;
  let deduper: Deduper | undefined;
  const duplicates: { file: string; record: number; keptFile: string; keptRecord: number }[] = [];
  if (cfg.normalise !== false) {
    normaliser = createNormaliser(o.fields.map((f) => ({ id: f.id, ...(f.fieldClass ? { fieldClass: f.fieldClass } : {}), ...(f.charClass ? { charClass: f.charClass } : {}) })), cfg.normalise);
    before.push(normaliseStage(normaliser));
  }
  // 外字 runs even without a table section: unmapped PUA must never pass silently (default reject)
  const g = cfg.gaiji ?? { unmapped: 'reject' as const, ivsFallback: 'error' as const, allowPlane16Pua: false };
  let table: GaijiTable | undefined;
  if (g.table) {
    // MJ文字情報 is opened only to read the table (its rows are resolved here, before any record).
    const db = g.mjTable === 'mojidata'
      ? await openMojidata(mojidataMissingMessage('cleanse.gaiji.mjTable: mojidata', 'remove mjTable: mojidata (rows that give only MJ文字図形名 then need 変換先UCS)'))
      : undefined;
    try {
      const mjTable = g.mjTable && !db ? await loadMjTable(g.mjTable, { workbookLimits: o.workbookLimits }) : undefined;
      table = await loadGaijiTable(g.table, { sourceCharset: o.sourceCharset, allowPlane16Pua: g.allowPlane16Pua, workbookLimits: o.workbookLimits, ...(mjTable ? { mjTable } : {}), ...(db ? { mj: db } : {}) });
    } finally {
      db?.close();
    }
  }
  resolver = createGaijiResolver({ ...(table ? { table } : {}), unmapped: g.unmapped, ivsFallback: g.ivsFallback, outputCharset: o.outputCharset, sourceCharset: o.sourceCharset });
  before.push(gaijiStage(resolver, o.fields, { valuesFromSourceText: o.valuesFromSourceText }));
  if (cfg.dedup && (cfg.dedup.exact || cfg.dedup.keys)) {
    const index = new Map(o.fields.map((f) => [f.id, f.index]));
    deduper = createDeduper({
      keyColumns: cfg.dedup.keys ? o.primaryKey.map((id) => index.get(id)!) : [],
      exact: cfg.dedup.exact,
      memoryBudgetBytes: cfg.dedup.indexMemoryMiB * 1048576,
      ...(o.tmpDir ? { tmpDir: o.tmpDir } : {}),
    });
    const base = o.ordinalBase ?? 0;
    after.push(dedupStage(deduper, {
      ordinalBase: base,
      locate: (ord) => ({ file: o.file, record: ord - base }),
      keyFields: o.primaryKey,
      onDuplicate: (d) => duplicates.push({ file: d.file, record: d.record, keptFile: d.keptFile, keptRecord: d.keptRecord }),
    }));
  }
  return {
    beforeValidate: before,
    afterValidate: after,
    report: () => ({
      ...(normaliser ? { normalise: normaliser.counts() } : {}),
      ...(resolver ? { gaiji: resolver.counts() } : {}),
      ...(deduper ? { duplicates } : {}),
    }),
    close: () => deduper?.close(),
  };
}
