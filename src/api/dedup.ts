/**
 * `chukan dedup`: exact duplicates, primary-key conflicts and 名寄せ candidates over standard-layout
 * files (the output of convert). Reads the files once (keep-first) or twice (keep-last-by-date,
 * reject-all: the first pass only fills key indexes). Writes, in `out`:
 *   <file>                 the records that stay, byte-for-byte as read (same charset)
 *   duplicates.csv         file, record, line, duplicate_of_file, duplicate_of_record
 *   key-conflicts.csv      file, record, line, other_file, other_record, policy, decision
 *   nayose-candidates.csv / .xlsx   pairs with score and evidence (hold personal data: 0600)
 *   dedup-report.json      counts per file (read = written + rejected + duplicates), 名寄せ stats
 * Every file is written atomically with mode 0600.
 */
import { createWriteStream } from 'node:fs';
import { chmod, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadExcelJS } from '../core/excel.ts';
import { InvariantError, UsageError } from '../core/errors.ts';
import { neutraliseFormula } from '../core/spreadsheet-safe.ts';
import { getCharset } from '../encoding/index.ts';
import { compileLayout, loadLayout, type CompiledLayout } from '../layouts/index.ts';
import { readCsvFile } from '../readers/index.ts';
import { limitRecords, type RecordLimitState } from '../pipeline/record-limit.ts';
import { createDeduper, KEY_POLICIES, type KeyPolicy } from '../cleanse/dedup.ts';
import { createNayoseCollector, type NayoseStats } from '../cleanse/nayose.ts';
import { AtomicFileWriter } from '../pipeline/atomic-file.ts';
import { formatCsvRow } from '../pipeline/csv-format.ts';
import { prepareOutputDir } from '../pipeline/output-dir.ts';
import { refuseOutputsOverInputs } from '../core/same-file.ts';
import type { StaleTemp } from '../pipeline/stale-temps.ts';

export interface NayoseFields {
  name?: string;
  kana?: string;
  birth?: string;
  sex?: string;
  address?: string[];
  household?: string;
}

export interface DedupRunOptions {
  layout: string;
  files: string[];
  out: string;
  charset?: string;
  header?: boolean;
  policy?: KeyPolicy;
  /** Field id of the date for keep-last-by-date. */
  dateField?: string;
  exact?: boolean;
  /** 名寄せ candidates (default true when the layout has name, kana and birth-date fields). */
  nayose?: boolean;
  nayoseFields?: NayoseFields;
  nayoseThreshold?: number;
  /** Extra 異体字 folds for the 名寄せ kanji key (`--mj`: the MJ縮退マップ folds, mj-database.ts). */
  nayoseFolds?: ReadonlyMap<string, string>;
  memoryBudgetBytes?: number;
  tmpDir?: string;
  schemasDir?: string;
  /** Rows in the xlsx copy of the candidates (the CSV has all). Default 100,000. */
  maxXlsxRows?: number;
  /** Read only the first `limit` data records of each file (a header row is not counted). */
  limit?: number;
}

export interface DedupFileCounts {
  file: string;
  read: number;
  written: number;
  rejected: number;
  duplicates: number;
  /** Reading stopped at `--limit N` with records left unread: DIR/<file> holds only what was read. */
  limitReached?: true;
}

export interface DedupRunResult {
  layout: string;
  policy: KeyPolicy;
  passes: number;
  files: DedupFileCounts[];
  keyConflicts: number;
  nayose?: NayoseStats & { fields: Required<NayoseFields> };
  outputs: string[];
  /** Temp files of killed runs removed from `out` (stale-temps.ts). */
  staleTempsRemoved?: StaleTemp[];
  /** `--limit N`: at most N data records were read from each file. */
  limit?: number;
}

function findField(c: CompiledLayout, pred: (f: CompiledLayout['fields'][number]) => boolean): string | undefined {
  return c.fields.find(pred)?.id;
}

/** Which fields feed 名寄せ: explicit ids, else guessed from titles and x-fieldClass. */
export function nayoseFieldsFor(c: CompiledLayout, given: NayoseFields = {}): Required<NayoseFields> | undefined {
  const name = given.name ?? findField(c, (f) => f.fieldClass === 'name');
  const kana = given.kana ?? findField(c, (f) => f.fieldClass === 'kanaName');
  const birth = given.birth ?? findField(c, (f) => f.title.includes('生年月日') && f.date !== undefined) ?? findField(c, (f) => f.title.includes('生年月日'));
  const sex = given.sex ?? findField(c, (f) => f.title === '性別') ?? '';
  const address = given.address ?? c.fields.filter((f) => f.fieldClass === 'address').map((f) => f.id);
  const household = given.household ?? findField(c, (f) => f.title === '世帯番号') ?? '';
  if (!name || !kana || !birth) return undefined;
  for (const id of [name, kana, birth, sex, household, ...address]) {
    if (id !== '' && !c.fieldIndex.has(id)) throw new UsageError(`名寄せ field "${id}" is not a field of layout ${c.id}`);
  }
  return { name, kana, birth, sex, address, household };
}

async function atomicText(path: string, text: string, bom = true): Promise<void> {
  const w = await AtomicFileWriter.create(path);
  try {
    await w.write(Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8'));
    await w.commit();
  } catch (e) {
    await w.abort();
    throw e;
  }
}

export async function dedup(opts: DedupRunOptions): Promise<DedupRunResult> {
  if (opts.files.length === 0) throw new UsageError('name at least one standard-layout file');
  const policy = opts.policy ?? 'keep-first';
  if (!(KEY_POLICIES as readonly string[]).includes(policy)) throw new UsageError(`--policy must be one of ${KEY_POLICIES.join(', ')}`);
  const compiled = compileLayout(loadLayout(opts.layout, opts.schemasDir ? { schemasDir: opts.schemasDir } : {}));
  const charset = getCharset(opts.charset ?? 'utf-8');
  const header = opts.header ?? true;
  const keyColumns = compiled.primaryKey.map((id) => compiled.fieldIndex.get(id)!);
  let dateColumn: number | undefined;
  if (policy === 'keep-last-by-date') {
    if (!opts.dateField) throw new UsageError('keep-last-by-date needs --date-field FIELD');
    dateColumn = compiled.fieldIndex.get(opts.dateField);
    if (dateColumn === undefined) throw new UsageError(`--date-field "${opts.dateField}" is not a field of layout ${compiled.id}`);
  }
  const names = new Set<string>();
  for (const f of opts.files) {
    if (names.has(basename(f))) throw new UsageError(`two inputs are named ${basename(f)}; outputs would collide`);
    names.add(basename(f));
  }
  const nf = opts.nayose === false ? undefined : nayoseFieldsFor(compiled, opts.nayoseFields);
  if (opts.nayose === true && !nf) throw new UsageError(`layout ${compiled.id} has no name/kana/birth-date fields for 名寄せ; name them (nayoseFields)`);
  await refuseOutputsOverInputs(
    [...opts.files.map((f) => basename(f)), 'duplicates.csv', 'key-conflicts.csv', 'nayose-candidates.csv', 'nayose-candidates.xlsx', 'dedup-report.json']
      .map((n) => ({ path: join(opts.out, n), role: 'output' })),
    opts.files.map((f) => ({ path: f, role: 'input' })),
  );
  const swept = await prepareOutputDir(opts.out);

  const budget = opts.memoryBudgetBytes ?? 1024 * 1024 * 1024;
  const deduper = createDeduper({
    keyColumns,
    policy,
    ...(dateColumn !== undefined ? { dateColumn } : {}),
    exact: opts.exact ?? true,
    memoryBudgetBytes: budget,
    ...(opts.tmpDir ? { tmpDir: opts.tmpDir } : {}),
  });
  const bases: { file: string; base: number; firstRecord: number }[] = [];
  const locate = (ordinal: number) => {
    let lo = 0;
    for (let i = 0; i < bases.length; i++) if (bases[i].base <= ordinal) lo = i;
    const b = bases[lo];
    return { file: b.file, record: b.firstRecord + (ordinal - b.base) };
  };

  async function* records(file: string, limited: RecordLimitState = { reached: false }) {
    let first = header;
    const source = readCsvFile(file, { charset });
    for await (const batch of opts.limit !== undefined ? limitRecords(source, opts.limit, header, limited) : source) {
      for (const rec of batch.records) {
        if (first) {
          first = false;
          yield { rec, text: batch.text, header: true };
          continue;
        }
        yield { rec, text: batch.text, header: false };
      }
    }
  }

  const width = compiled.fields.length;
  let passes = 1;
  if (deduper.twoPass) {
    passes = 2;
    let base = 0;
    for (const file of opts.files) {
      let lastRecord = 0;
      let firstRecord = 0;
      for await (const { rec, header: isHeader } of records(file)) {
        lastRecord = rec.record;
        if (isHeader) continue;
        if (firstRecord === 0) firstRecord = rec.record;
        if (rec.fields.length !== width || rec.findings?.some((f) => f.severity === 'error')) continue;
        deduper.observe(rec.fields, base + rec.record);
      }
      bases.push({ file, base: base + firstRecord, firstRecord });
      base += lastRecord + 1;
    }
  }
  const basesKnown = bases.length > 0;

  const nayose = nf ? createNayoseCollector({ ...(opts.tmpDir ? { tmpDir: opts.tmpDir } : {}), ...(opts.nayoseThreshold !== undefined ? { threshold: opts.nayoseThreshold } : {}), ...(opts.nayoseFolds ? { folds: opts.nayoseFolds } : {}) }) : undefined;
  const idx = (id: string) => (id === '' ? -1 : compiled.fieldIndex.get(id)!);
  const nIdx = nf ? { name: idx(nf.name), kana: idx(nf.kana), birth: idx(nf.birth), sex: idx(nf.sex), household: idx(nf.household), address: nf.address.map(idx) } : undefined;

  const counts: DedupFileCounts[] = [];
  let dupText = formatCsvRow(['file', 'record', 'line', 'duplicate_of_file', 'duplicate_of_record']);
  let conflictText = formatCsvRow(['file', 'record', 'line', 'other_file', 'other_record', 'policy', 'decision']);
  let keyConflicts = 0;
  const outputs: string[] = [];
  try {
    let base = 0;
    for (const file of opts.files) {
      const c: DedupFileCounts = { file, read: 0, written: 0, rejected: 0, duplicates: 0 };
      const limited: RecordLimitState = { reached: false };
      const outPath = join(opts.out, basename(file));
      const w = await AtomicFileWriter.create(outPath);
      let buf = '';
      let lastRecord = 0;
      const me = { file, base, firstRecord: 0 };
      if (!basesKnown) bases.push(me);
      try {
        let firstData = true;
        for await (const { rec, text, header: isHeader } of records(file, limited)) {
          const raw = text.slice(rec.textStart, rec.textEnd) + '\r\n';
          lastRecord = rec.record;
          if (isHeader) {
            buf += raw;
            continue;
          }
          if (firstData && !basesKnown) {
            me.firstRecord = rec.record;
            me.base = base + rec.record;
          }
          firstData = false;
          c.read++;
          const ordinal = base + rec.record;
          if (rec.fields.length !== width || rec.findings?.some((f) => f.severity === 'error')) {
            c.rejected++;
            conflictText += formatCsvRow([file, String(rec.record), String(rec.line), '', '', policy, 'unreadable record (run chukan validate)']);
            continue;
          }
          const d = deduper.decide(rec.fields, ordinal);
          if (d.fate === 'duplicate') {
            c.duplicates++;
            const kept = locate(d.of);
            dupText += formatCsvRow([file, String(rec.record), String(rec.line), kept.file, String(kept.record)]);
            continue;
          }
          if (d.fate === 'conflict') {
            c.rejected++;
            keyConflicts++;
            const other = locate(d.other);
            conflictText += formatCsvRow([file, String(rec.record), String(rec.line), other.file, String(other.record), policy, 'rejected']);
            continue;
          }
          if (d.conflicted) conflictText += formatCsvRow([file, String(rec.record), String(rec.line), '', '', policy, 'kept']);
          c.written++;
          buf += raw;
          if (buf.length > 1 << 20) {
            await w.write(charset.encode(buf).bytes);
            buf = '';
          }
          if (nayose && nIdx) {
            const v = rec.fields;
            nayose.add({
              id: ordinal,
              kanji: v[nIdx.name],
              kana: v[nIdx.kana],
              birth: v[nIdx.birth],
              sex: nIdx.sex >= 0 ? v[nIdx.sex] : '',
              household: nIdx.household >= 0 ? v[nIdx.household] : '',
              address: nIdx.address.map((i) => v[i]).join(''),
              key: keyColumns.map((i) => v[i]).join('\u001f'),
            });
          }
        }
        if (buf) await w.write(charset.encode(buf).bytes);
        await w.commit();
      } catch (e) {
        await w.abort();
        throw e;
      }
      if (c.read !== c.written + c.rejected + c.duplicates) throw new InvariantError(`${file}: read ${c.read} ≠ written ${c.written} + rejected ${c.rejected} + duplicates ${c.duplicates}`);
      if (limited.reached) c.limitReached = true;
      counts.push(c);
      outputs.push(outPath);
      base += lastRecord + 1;
    }
  } catch (e) {
    nayose?.close(); // its spill folder holds names and birth dates: never left behind
    throw e;
  } finally {
    deduper.close();
  }
  await atomicText(join(opts.out, 'duplicates.csv'), dupText);
  await atomicText(join(opts.out, 'key-conflicts.csv'), conflictText);
  outputs.push(join(opts.out, 'duplicates.csv'), join(opts.out, 'key-conflicts.csv'));

  let nayoseResult: DedupRunResult['nayose'];
  if (nayose && nf) {
    const head = ['pair', 'score', 'evidence', 'a_file', 'a_record', 'a_key', 'a_name', 'a_kana', 'a_birth', 'a_sex', 'a_address', 'a_household',
      'b_file', 'b_record', 'b_key', 'b_name', 'b_kana', 'b_birth', 'b_sex', 'b_address', 'b_household'];
    // Both files are streamed: a 10-million-record run can have hundreds of thousands of pairs.
    const csvW = await AtomicFileWriter.create(join(opts.out, 'nayose-candidates.csv'));
    const xlsxPath = join(opts.out, 'nayose-candidates.xlsx');
    const xlsxTmp = join(opts.out, `.nayose-candidates.xlsx.${process.pid}.chukan-tmp`);
    const maxX = opts.maxXlsxRows ?? 100_000;
    const Excel = await loadExcelJS();
    const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: createWriteStream(xlsxTmp, { mode: 0o600 }), useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet('名寄せ候補', { views: [{ state: 'frozen', ySplit: 1 }] });
    const headRow = ws.addRow(head);
    headRow.font = { bold: true };
    headRow.commit();
    let n = 0;
    let st: NayoseStats;
    try {
      await csvW.write(Buffer.from('\uFEFF' + formatCsvRow(head), 'utf8'));
      st = await nayose.finish(async (pairs) => {
        let text = '';
        for (const p of pairs) {
          n++;
          const a = locate(p.a.id);
          const b = locate(p.b.id);
          const row = [String(n), String(p.score), p.evidence.join(' / '),
            a.file, String(a.record), p.a.key.replaceAll('\u001f', '+'), p.a.kanji, p.a.kana, p.a.birth, p.a.sex, p.a.address, p.a.household,
            b.file, String(b.record), p.b.key.replaceAll('\u001f', '+'), p.b.kanji, p.b.kana, p.b.birth, p.b.sex, p.b.address, p.b.household].map(neutraliseFormula);
          text += formatCsvRow(row);
          if (n <= maxX) ws.addRow(row).commit();
        }
        await csvW.write(Buffer.from(text, 'utf8'));
      });
      await csvW.commit();
      ws.commit();
      await wb.commit();
      await chmod(xlsxTmp, 0o600);
      await rename(xlsxTmp, xlsxPath);
    } catch (e) {
      await csvW.abort();
      await rm(xlsxTmp, { force: true });
      throw e;
    }
    outputs.push(join(opts.out, 'nayose-candidates.csv'), join(opts.out, 'nayose-candidates.xlsx'));
    nayoseResult = { ...st, fields: nf };
  }
  const result: DedupRunResult = { layout: compiled.id, policy, passes, files: counts, keyConflicts, outputs, ...(opts.limit !== undefined ? { limit: opts.limit } : {}), ...(swept.length ? { staleTempsRemoved: swept } : {}) };
  if (nayoseResult) result.nayose = nayoseResult;
  await atomicText(join(opts.out, 'dedup-report.json'), JSON.stringify(result, null, 2) + '\n', false);
  return result;
}
