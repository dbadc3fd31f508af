/**
 * report.json of `chukan check` (format `chukan-check-report/1`, docs/CHECK.md): the verdict,
 * per 業務 and file counts, true totals per finding code however many samples are kept, and a
 * `truncated` flag wherever a list was capped. The HTML and xlsx reports are renderings of this
 * one object, so the three never disagree.
 */
import type { StaleTemp } from '../pipeline/stale-temps.ts';
import type { Finding, Severity } from '../core/finding.ts';
import { findingSpec } from '../core/finding.ts';
import { CHUKAN_VERSION } from '../core/version.ts';
import { isoInZone } from '../core/time-zone.ts';
import type { CharTallyEntry } from '../pipeline/delivery-repertoire.ts';
import type { SeverityOverride } from '../pipeline/delivery-profile.ts';
import { FindingCollector, type FindingSample } from './run-report.ts';
import { adviceFor } from './check-advice.ts';

/** /2: `findings.samples` is one list (as in convert's report), `ok` and `timeZone` beside the verdict, times with their offset. */
export const CHECK_REPORT_FORMAT = 'chukan-check-report/2';

export type Verdict = 'accept' | 'fix' | 'incomplete';

export const VERDICT_LABEL: Record<Verdict, { ja: string; en: string }> = {
  accept: { ja: '受入可', en: 'Accept' },
  fix: { ja: '要是正', en: 'Corrections required' },
  incomplete: { ja: '検査未完了', en: 'Check not completed' },
};

export interface FileCheck {
  domainId: string;
  domainName: string;
  fileId: string;
  name: string;
  layout: string;
  fileName: string;
  status: 'checked' | 'missing' | 'incomplete';
  bytes: number;
  sha256?: string;
  /** Data records (header excluded). */
  records: number;
  /** Records with at least one finding at error level (after profile overrides). */
  recordsWithErrors: number;
  encoding: { charset: string; bom: boolean; valid?: boolean };
  header: boolean;
  /** The manifest's values, when there is a manifest. */
  expected?: { records: number; bytes: number; sha256: string };
  /** Findings by code in this file, true totals. */
  findings: Record<string, number>;
  errors: number;
  warnings: number;
  durationMs: number;
}

export interface DomainCheck {
  id: string;
  name: string;
  files: FileCheck[];
  records: number;
  errors: number;
  warnings: number;
}

export interface CodeTotal {
  severity: Severity;
  /** Severity as declared, before the profile's override. */
  defaultSeverity: Severity;
  count: number;
  title: { ja: string; en: string };
  /** What to ask the vendor (ベンダーへの是正依頼事項). */
  advice: { ja: string; en: string };
  samples: number;
  truncated: boolean;
}

export interface FieldTotal {
  fileName: string;
  layout: string;
  field: string;
  title: string;
  count: number;
  codes: Record<string, number>;
}

export interface VendorRequest {
  code: string;
  severity: Severity;
  count: number;
  title: { ja: string; en: string };
  advice: { ja: string; en: string };
  files: string[];
  fields: string[];
}

export interface CheckReport {
  format: typeof CHECK_REPORT_FORMAT;
  tool: 'chukan';
  version: string;
  command: 'check';
  verdict: Verdict;
  /** True exactly when the verdict is accept (for CI scripts: `jq -e .ok`). */
  ok: boolean;
  verdictLabel: { ja: string; en: string };
  exitCode: 0 | 1 | 2;
  /** IANA time zone the times are given in (and shown in, in the HTML and xlsx). */
  timeZone: string;
  /** ISO 8601 with the zone's offset. */
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  delivery: {
    /** The directory's own name (reports never carry absolute paths). */
    name: string;
    source: 'manifest' | 'catalog';
    manifest?: {
      fileName: string; sha256: string; createdAt: string; catalog: { id: string; version: string };
      /** 納品者 and 納品日, when the manifest gives them. */
      vendor?: string; deliveredOn?: string;
    };
    catalog: { id: string; version: string };
    profile: Record<string, unknown> & { name?: string };
    notes: { ja: string; en: string }[];
  };
  totals: {
    domains: number;
    files: number;
    filesChecked: number;
    filesMissing: number;
    records: number;
    bytes: number;
    recordsWithErrors: number;
    findings: number;
    errors: number;
    warnings: number;
    infos: number;
  };
  domains: DomainCheck[];
  unexpectedFiles: { fileName: string; bytes: number; reason: string }[];
  /** Temp files of killed runs this check removed from its report directory. */
  staleTempsRemoved?: StaleTemp[];
  outOfScopeFiles: { fileName: string; bytes: number; domainId: string; domainName: string }[];
  findings: {
    byCode: Record<string, CodeTotal>;
    byField: FieldTotal[];
    byFieldTruncated: boolean;
    /** Samples, at most `maxSamplesPerCode` of each code, ordered by code; values masked. */
    samples: FindingSample[];
    maxSamplesPerCode: number;
    truncated: boolean;
  };
  characters: { list: CharTallyEntry[]; distinct: number; truncated: boolean; repertoire: string };
  keys: { primaryKeys: number; foreignKeys: number; deferredFiles: string[]; index: { keys: number; bytesUsed: number; spilledRuns: number } };
  vendorRequests: VendorRequest[];
  error?: { code: string; message: string };
}

const FIELD_CAP = 500;

/**
 * Collects a check's findings: applies the profile's severity overrides (and drops `off`
 * codes), keeps true totals per code, per file and per field, and up to N samples per code
 * (one FindingCollector per code, so one noisy file cannot crowd out every other problem).
 */
export class CheckCollector {
  private readonly perCode = new Map<string, FindingCollector>();
  readonly perFile = new Map<string, Record<string, number>>();
  private readonly perField = new Map<string, FieldTotal>();
  private readonly defaults = new Map<string, Severity>();
  private fieldsTruncated = false;
  errors = 0;
  warnings = 0;
  infos = 0;

  constructor(
    readonly maxSamplesPerCode: number,
    private readonly overrides: Record<string, SeverityOverride> = {},
    /** fileName → (layout, field id → title). */
    private readonly fieldTitles: (fileName: string, field: string) => { layout: string; title: string } | undefined = () => undefined,
  ) {}

  /** The severity a finding code has in this check, or 'off'. */
  severityOf(code: string, declared?: Severity): SeverityOverride {
    return this.overrides[code] ?? findingSpec(code)?.severity ?? declared ?? 'error';
  }

  add = (f: Finding): void => {
    const sev = this.severityOf(f.code, f.severity);
    if (sev === 'off') return;
    if (!this.defaults.has(f.code)) this.defaults.set(f.code, findingSpec(f.code)?.severity ?? f.severity);
    const finding = sev === f.severity ? f : { ...f, severity: sev };
    let c = this.perCode.get(f.code);
    if (!c) this.perCode.set(f.code, (c = new FindingCollector(this.maxSamplesPerCode)));
    c.add(finding);
    if (sev === 'error') this.errors++;
    else if (sev === 'warning') this.warnings++;
    else this.infos++;
    const file = f.location.file;
    const pf = this.perFile.get(file) ?? {};
    pf[f.code] = (pf[f.code] ?? 0) + 1;
    this.perFile.set(file, pf);
    if (f.field !== undefined) {
      const k = `${file}\u0000${f.field}`;
      let t = this.perField.get(k);
      if (!t) {
        if (this.perField.size >= FIELD_CAP) {
          this.fieldsTruncated = true;
          return;
        }
        const info = this.fieldTitles(file, f.field);
        t = { fileName: file, layout: info?.layout ?? '', field: f.field, title: info?.title ?? f.field, count: 0, codes: {} };
        this.perField.set(k, t);
      }
      t.count++;
      t.codes[f.code] = (t.codes[f.code] ?? 0) + 1;
    }
  };

  fileCounts(file: string): { findings: Record<string, number>; errors: number; warnings: number } {
    const findings = this.perFile.get(file) ?? {};
    let errors = 0;
    let warnings = 0;
    for (const [code, n] of Object.entries(findings)) {
      const s = this.severityOf(code);
      if (s === 'error') errors += n;
      else if (s === 'warning') warnings += n;
    }
    return { findings, errors, warnings };
  }

  byCode(): Record<string, CodeTotal> {
    const out: Record<string, CodeTotal> = {};
    for (const code of [...this.perCode.keys()].sort()) {
      const c = this.perCode.get(code)!;
      const count = c.counts.get(code)!;
      const spec = findingSpec(code);
      out[code] = {
        severity: count.severity,
        defaultSeverity: this.defaults.get(code) ?? count.severity,
        count: count.count,
        title: spec?.title ?? { ja: code, en: code },
        advice: adviceFor(code),
        samples: c.samples.length,
        truncated: c.truncated,
      };
    }
    return out;
  }

  samples(): FindingSample[] {
    return [...this.perCode.keys()].sort().flatMap((code) => this.perCode.get(code)!.samples);
  }

  truncated(): boolean {
    for (const c of this.perCode.values()) if (c.truncated) return true;
    return false;
  }

  byField(): { list: FieldTotal[]; truncated: boolean } {
    return { list: [...this.perField.values()].sort((a, b) => b.count - a.count || a.fileName.localeCompare(b.fileName)), truncated: this.fieldsTruncated };
  }

  hasErrors(): boolean {
    return this.errors > 0;
  }
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** ベンダーへの是正依頼事項: one item per error/warning code, most serious and most frequent first. */
export function vendorRequests(byCode: Record<string, CodeTotal>, perFile: Map<string, Record<string, number>>, byField: FieldTotal[]): VendorRequest[] {
  const out: VendorRequest[] = [];
  for (const [code, t] of Object.entries(byCode)) {
    if (t.severity === 'info') continue;
    const files = [...perFile.entries()].filter(([, c]) => (c[code] ?? 0) > 0).map(([f]) => f).sort();
    const fields = [...new Set(byField.filter((f) => (f.codes[code] ?? 0) > 0).map((f) => `${f.fileName}: ${f.title}`))].slice(0, 20);
    out.push({ code, severity: t.severity, count: t.count, title: t.title, advice: t.advice, files, fields });
  }
  return out.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.count - a.count || a.code.localeCompare(b.code));
}

export function newReportShell(started: Date, timeZone: string): Pick<CheckReport, 'format' | 'tool' | 'version' | 'command' | 'timeZone' | 'startedAt'> {
  return { format: CHECK_REPORT_FORMAT, tool: 'chukan', version: CHUKAN_VERSION, command: 'check', timeZone, startedAt: isoInZone(started, timeZone) };
}

/** A check's samples of one code (the report keeps them in one list, ordered by code). */
export function samplesOf(r: Pick<CheckReport, 'findings'>, code: string): FindingSample[] {
  return r.findings.samples.filter((s) => s.code === code);
}
