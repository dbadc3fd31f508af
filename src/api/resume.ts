import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { findingSpec } from '../core/finding.ts';
import type { FileReport, FindingCollector, RunReport } from '../report/run-report.ts';

/**
 * `chukan convert --resume`: a unit (one mapping, its inputs, one output file) is skipped when the
 * previous report.json in the output directory shows it complete AND everything it depended on is
 * unchanged AND its files are still exactly what that run committed:
 *   - every input of the unit has a complete entry, with the same mapping and layout (SHA-256) and
 *     the same input size and modification time;
 *   - the output file and each rejects file exist and their SHA-256 equals the one recorded.
 * Anything else (no report, a changed mapping, a touched or replaced file, a unit that was
 * interrupted) converts the unit again. The new report carries the taken-over entries marked
 * `resumed: true`, with their counts and finding totals, so it describes the whole job.
 */
export async function readPreviousReport(path: string): Promise<RunReport | undefined> {
  try {
    const r = JSON.parse(await readFile(path, 'utf8')) as RunReport;
    return r && r.tool === 'chukan' && r.command === 'convert' && Array.isArray(r.files) ? r : undefined;
  } catch {
    return undefined;
  }
}

export interface ResumeUnit {
  /** Mapping and inputs as shown in reports (display paths). */
  mapping: string;
  mappingSha256: string;
  layoutSha256: string;
  inputs: { shown: string; path: string; rejectsPath: string }[];
  outputPath: string;
}

export async function fileSha256(path: string): Promise<string | undefined> {
  try {
    const h = createHash('sha256');
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
    return h.digest('hex');
  } catch {
    return undefined;
  }
}

/** The previous report's entries for `unit` when the unit can be skipped, else undefined. */
export async function verifiedPreviousUnit(prev: RunReport, unit: ResumeUnit): Promise<FileReport[] | undefined> {
  const entries: FileReport[] = [];
  for (const input of unit.inputs) {
    const e = prev.files.find((f) => f.input === input.shown && f.mapping === unit.mapping);
    if (!e || !e.complete || !e.outputSha256 || !e.rejectsSha256) return undefined;
    if (e.mappingSha256 !== unit.mappingSha256 || e.layoutSha256 !== unit.layoutSha256) return undefined;
    const s = await stat(input.path).catch(() => undefined);
    if (!s || s.size !== e.inputSize || s.mtimeMs !== e.inputMtimeMs) return undefined;
    if ((await fileSha256(input.rejectsPath)) !== e.rejectsSha256) return undefined;
    entries.push(e);
  }
  const outputSha = entries[0]?.outputSha256;
  if (!outputSha || entries.some((e) => e.outputSha256 !== outputSha)) return undefined;
  if ((await fileSha256(unit.outputPath)) !== outputSha) return undefined;
  return entries.map((e) => ({ ...e, resumed: true }));
}

/** Adds the finding totals (and the samples, within the cap) of taken-over entries to this run's collector. */
export function carryFindings(collector: FindingCollector, prev: RunReport, entries: FileReport[], inputPaths: string[] = []): void {
  // Samples name the input as shown, or (reader findings) by its path.
  const inputs = new Set([...entries.map((e) => e.input), ...inputPaths]);
  for (const e of entries) {
    for (const [code, count] of Object.entries(e.findings)) {
      const c = collector.counts.get(code);
      if (c) c.count += count;
      else collector.counts.set(code, { severity: prev.findings.byCode[code]?.severity ?? findingSpec(code)?.severity ?? 'error', count });
    }
  }
  for (const s of prev.findings.samples) {
    if (!inputs.has(s.file)) continue;
    if (collector.samples.length < collector.maxSamples) collector.samples.push(s);
    else collector.truncated = true;
  }
}
