/**
 * `chukan mapping check M --sample FILE`: a mapping against a real export before any conversion.
 * First every `from:` is checked against the file — names against its header row (with a
 * did-you-mean after folding), positions against its column count — then the mapping runs over
 * the first N records as `convert --dry-run --limit N` does, so the findings are exactly the ones a
 * conversion gives, tallied per field and code. Nothing is written.
 */
import { createReadStream } from 'node:fs';
import { MappingError } from '../core/errors.ts';
import type { Finding, Severity } from '../core/finding.ts';
import { renderFinding } from '../core/finding.ts';
import { getCharset } from '../encoding/index.ts';
import { compileMapping, type Mapping } from '../mapping/index.ts';
import { createCsvReader } from '../readers/index.ts';
import { convert } from './convert.ts';
import type { RunReport } from '../report/run-report.ts';

export const DEFAULT_SAMPLE_LIMIT = 1000;

export interface SampleFinding {
  /** The target field, when the finding is about one. */
  field?: string;
  code: string;
  severity: Severity;
  count: number;
  /** The first one's message (English), with no value in it. */
  message: string;
}

export interface SampleRun {
  file: string;
  read: number;
  written: number;
  rejected: number;
  duplicates: number;
  limit: number;
  limitReached: boolean;
  findings: SampleFinding[];
  status: RunReport['status'];
}

/** The sample's first record as the mapping's reader reads it (CSV sources only). */
async function firstRecord(mapping: Mapping, path: string, shown: string): Promise<string[] | undefined> {
  const src = mapping.source;
  if (src.format !== 'csv') return undefined;
  const reader = createCsvReader({ file: shown, charset: getCharset(src.charset), delimiter: src.delimiter, quote: src.quote });
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) {
      const b = reader.push(chunk as Buffer);
      if (b.records.length > 0) return b.records[0]!.fields;
    }
  } finally {
    stream.destroy();
  }
  return reader.end().records[0]?.fields;
}

/** Every `from:` of the mapping against the sample's header row or column count. */
export async function checkColumnsAgainstSample(mapping: Mapping, layoutFields: readonly string[], path: string, shown: string): Promise<MappingError[]> {
  const first = await firstRecord(mapping, path, shown);
  if (!first) return [];
  const problems: MappingError[] = [];
  const width = first.length;
  for (const f of mapping.fields) {
    if (f.source.kind !== 'columns') continue;
    for (const c of f.source.columns) {
      if (c.index !== undefined && c.index > width) {
        problems.push(new MappingError(mapping.file, f.line, `from: column ${c.index} is beyond the ${width} columns of ${shown}`));
      }
    }
  }
  if (mapping.source.header) {
    try {
      compileMapping(mapping, { layoutFields, sourceHeader: first, sourceName: shown });
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      const all = 'problems' in e ? (e as { problems: MappingError[] }).problems : [e];
      problems.push(...all.filter((p) => p.message.includes(`header row of ${shown}`)));
    }
  } else if (mapping.source.columns && mapping.source.columns.length !== width) {
    problems.push(new MappingError(mapping.file, undefined, `source.columns names ${mapping.source.columns.length} columns, but ${shown} has ${width}`));
  }
  return problems;
}

/** The mapping over the first `limit` records of the sample: a dry run, findings tallied per field and code. */
export async function runMappingOnSample(mappingPath: string, samplePath: string, opts: { limit?: number; schemasDir?: string; cwd?: string }): Promise<SampleRun> {
  const limit = opts.limit ?? DEFAULT_SAMPLE_LIMIT;
  const tally = new Map<string, SampleFinding>();
  const { report } = await convert({
    mapping: mappingPath, inputs: [samplePath], dryRun: true, limit, threads: 1, schemasDir: opts.schemasDir, relativeTo: opts.cwd,
    onFinding: (f: Finding) => {
      const key = `${f.field ?? ''}\u0000${f.code}`;
      const t = tally.get(key);
      if (t) t.count++;
      else tally.set(key, { ...(f.field !== undefined ? { field: f.field } : {}), code: f.code, severity: f.severity, count: 1, message: renderFinding(f, 'en') });
    },
  });
  const file = report.files[0];
  return {
    file: file?.input ?? samplePath,
    read: file?.read ?? 0,
    written: file?.written ?? 0,
    rejected: file?.rejected ?? 0,
    duplicates: file?.duplicates ?? 0,
    limit,
    limitReached: file?.limitReached === true,
    // Findings about no field first (a charset hint before the invalid bytes it explains), each
    // group in the order first met (sort is stable).
    findings: [...tally.values()].sort((a, b) => (a.field === undefined ? 0 : 1) - (b.field === undefined ? 0 : 1)),
    status: report.status,
  };
}
