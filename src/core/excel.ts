import { readFile, stat } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { InputNotFoundError, UsageError, WorkbookLimitError, WorkbookUnreadableError } from './errors.ts';
import { describeNotAFile } from './input-kind.ts';

/**
 * exceljs, loaded on first use: it is large (~100 CommonJS modules, ~0.3 s to load) and only the
 * commands that read or write a workbook need it, while every command imports their modules.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

const MiB = 1024 * 1024;

/**
 * What a workbook chukan reads may cost. exceljs inflates every part of an .xlsx into one string
 * and builds an object per cell, so memory follows the inflated size (measured: a 16 MiB worksheet
 * of dense cells peaks at ~265 MB, 32 MiB at ~425 MB, 400 MB at > 3.5 GB after two minutes). A
 * zip's headers can lie, so the sizes are checked as declared and again while inflating.
 */
export interface WorkbookLimits {
  /** Inflated bytes of all parts together, and bytes of the file itself. */
  maxBytes: number;
  /** Inflated ÷ compressed size of one part, checked for parts above RATIO_GRACE_BYTES. */
  maxRatio: number;
  /** Parts (zip entries) in the workbook. */
  maxEntries: number;
}

/** Defaults (docs/RELIABILITY.md): 32 MiB is ~25,000 items at the density of chukan's own 項目定義書 export. */
export const DEFAULT_WORKBOOK_LIMITS: Readonly<WorkbookLimits> = Object.freeze({ maxBytes: 32 * MiB, maxRatio: 100, maxEntries: 10_000 });

/** Small parts compress far better than big ones can honestly (an empty sheet's XML is mostly one repeated tag). */
export const RATIO_GRACE_BYTES = 1 * MiB;

/** Parses `size=64,ratio=200,entries=20000` (any subset, any order) over the defaults. */
export function parseWorkbookLimits(text: string | undefined): WorkbookLimits {
  const limits: WorkbookLimits = { ...DEFAULT_WORKBOOK_LIMITS };
  if (text === undefined) return limits;
  for (const part of text.split(',')) {
    const m = /^\s*(size|ratio|entries)\s*=\s*([0-9]+)\s*$/.exec(part);
    const n = m ? Number(m[2]) : NaN;
    if (!m || !Number.isSafeInteger(n) || n < 1) {
      throw new UsageError(`--workbook-limits takes size=MiB,ratio=N,entries=N with whole numbers ≥ 1 (got "${part.trim()}")`);
    }
    if (m[1] === 'size') limits.maxBytes = n * MiB;
    else if (m[1] === 'ratio') limits.maxRatio = n;
    else limits.maxEntries = n;
  }
  return limits;
}

const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

/**
 * Reads a workbook file's bytes, refusing one that is not a regular file or is larger than the
 * inflated limit (no honest workbook is bigger zipped than unzipped by much). Every workbook chukan
 * reads comes through here first (`.xlsx` then through checkWorkbookZip, see openXlsx).
 */
export async function readWorkbookFile(path: string, shownAs: string, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): Promise<Buffer> {
  let size: number;
  try {
    const s = await stat(path);
    const notFile = describeNotAFile(s);
    if (notFile) throw new InputNotFoundError(shownAs, { reason: notFile });
    size = s.size;
  } catch (err) {
    if (err instanceof InputNotFoundError) throw err;
    throw new InputNotFoundError(shownAs, { cause: err });
  }
  if (size > limits.maxBytes) {
    throw new WorkbookLimitError(shownAs, `the file is ${mib(size)}, past the limit of ${mib(limits.maxBytes)}`, 'size');
  }
  try {
    return await readFile(path);
  } catch (err) {
    throw new InputNotFoundError(shownAs, { cause: err });
  }
}

/**
 * Checks an .xlsx (a zip) against `limits` without holding what it inflates to: the entry count
 * and each entry's declared sizes and compression ratio from the central directory first, then
 * every entry is inflated once as a stream and its bytes counted — yauzl fails an entry that
 * inflates past (or short of) its declared size, so a lying header is caught after at most its
 * declared size plus one chunk. Nothing is kept; exceljs then reads the same bytes.
 */
export async function checkWorkbookZip(bytes: Buffer, shownAs: string, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err ? reject(unreadable(shownAs, err)) : resolve(z)));
  });
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new WorkbookLimitError(shownAs, `it holds ${zip.entryCount} parts, past the limit of ${limits.maxEntries}`, 'entries');
  }
  let declared = 0;
  let inflated = 0;
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(undefined));
        zip.once('error', reject);
        zip.readEntry();
      }).finally(() => zip.removeAllListeners());
      if (!entry) break;
      if (/\/$/.test(entry.fileName)) continue;
      const size = entry.uncompressedSize;
      declared += size;
      if (declared > limits.maxBytes) {
        throw new WorkbookLimitError(shownAs, `part ${entry.fileName} declares ${mib(size)} inflated, which brings the workbook past the limit of ${mib(limits.maxBytes)}`, 'size');
      }
      if (size > RATIO_GRACE_BYTES && size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
        throw new WorkbookLimitError(shownAs, `part ${entry.fileName} inflates ${Math.round(size / Math.max(1, entry.compressedSize))}× (${mib(size)} from ${entry.compressedSize} bytes), past the ratio limit of ${limits.maxRatio}×`, 'ratio');
      }
      inflated += await countInflated(zip, entry, shownAs, limits.maxBytes - inflated);
    }
  } catch (err) {
    if (err instanceof WorkbookLimitError || err instanceof WorkbookUnreadableError) throw err;
    throw unreadable(shownAs, err);
  } finally {
    zip.close();
  }
}

/** Bytes `entry` inflates to, read and dropped chunk by chunk; past `budget` it stops at once. */
function countInflated(zip: yauzl.ZipFile, entry: yauzl.Entry, shownAs: string, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(unreadable(shownAs, err, entry.fileName));
      let n = 0;
      stream.on('data', (chunk: Buffer) => {
        n += chunk.length;
        if (n > budget) {
          stream.destroy();
          reject(new WorkbookLimitError(shownAs, `part ${entry.fileName} inflates past the limit of the whole workbook while being read`, 'size'));
        }
      });
      stream.on('error', (e) => reject(/too many bytes|not enough bytes/.test(e.message)
        ? new WorkbookUnreadableError(shownAs, `part ${entry.fileName} does not inflate to the size its header declares (${entry.uncompressedSize} bytes): a damaged or hostile zip`)
        : unreadable(shownAs, e, entry.fileName)));
      stream.on('end', () => resolve(n));
    });
  });
}

function unreadable(shownAs: string, err: unknown, part?: string): WorkbookUnreadableError {
  return new WorkbookUnreadableError(shownAs, `${part ? `part ${part}: ` : ''}${(err as Error)?.message ?? String(err)}`, { cause: err });
}

/** The one way chukan opens an .xlsx: size-checked file, zip checked against `limits`, then exceljs. */
export async function openXlsx(path: string, opts: { shownAs?: string; limits?: WorkbookLimits } = {}): Promise<ExcelJS.Workbook> {
  const shownAs = opts.shownAs ?? path;
  return loadXlsx(await readWorkbookFile(path, shownAs, opts.limits), shownAs, opts.limits);
}

/** An .xlsx whose bytes are already read (by readWorkbookFile): zip checked against `limits`, then exceljs. */
export async function loadXlsx(bytes: Buffer, shownAs: string, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): Promise<ExcelJS.Workbook> {
  await checkWorkbookZip(bytes, shownAs, limits);
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw unreadable(shownAs, err);
  }
  return wb;
}
