/**
 * `chukan gaiji table TABLE`: reads a vendor's 外字対応表 the way `convert` will, resolves what it
 * can — MJ文字図形名, 戸籍統一文字番号 and 住基ネット統一文字コード through MJ文字情報 (`--mj`, the optional
 * package @mandel59/mojidata) or an MJ table file — checks that a row's 変換先UCS agrees with the
 * glyph its codes name, and lists every row's result or every problem. Nothing is converted.
 */
import { getCharset } from '../encoding/index.ts';
import { GaijiTableError, codePoints, loadGaijiTable, loadMjTable, type GaijiMapping, type MjLookup } from '../cleanse/gaiji-table.ts';
import { formatCodePoint } from '../encoding/code-point.ts';
import { mojidataMissingMessage, openMojidata } from '../cleanse/mj-database.ts';

export interface GaijiTableCheckOptions {
  table: string;
  /** Source charset of hex 外字コード (default cp932). */
  from?: string;
  /** Resolve codes through MJ文字情報 (@mandel59/mojidata). */
  mj?: boolean;
  /** An MJ table file (MJ文字図形名 → UCS) instead. */
  mjTable?: string;
  allowPlane16Pua?: boolean;
  cwd?: string;
  /** Test hook: the moji.db to open. */
  mojidataDb?: string;
}

export interface GaijiTableCheckResult {
  table: string;
  mj?: { source: string; loadMs?: number };
  mappings: Array<{ line: number; source: string; target: string; targetCodePoints: string; how: GaijiMapping['how']; mj?: string; reason?: string }>;
  unfilled: number;
  problems: string[];
}

export async function checkGaijiTable(opts: GaijiTableCheckOptions): Promise<GaijiTableCheckResult> {
  const db = opts.mj
    ? await openMojidata(mojidataMissingMessage('gaiji table --mj', 'run without --mj (rows that give only MJ文字図形名, 戸籍統一文字番号 or 住基ネット統一文字コード then need 変換先UCS)'), { ...(opts.cwd ? { cwd: opts.cwd } : {}), ...(opts.mojidataDb ? { dbPath: opts.mojidataDb } : {}) })
    : undefined;
  try {
    const mjTable = opts.mjTable ? await loadMjTable(opts.mjTable) : undefined;
    const mj: MjLookup | undefined = db;
    const result: GaijiTableCheckResult = {
      table: opts.table,
      ...(db ? { mj: { source: `@mandel59/mojidata ${db.version}`, loadMs: db.loadMs } } : mjTable ? { mj: { source: opts.mjTable! } } : {}),
      mappings: [], unfilled: 0, problems: [],
    };
    const list = (t: { unfilled: number; entries(): GaijiMapping[] }) => {
      result.unfilled = t.unfilled;
      result.mappings = t.entries().map((e) => ({
        line: e.line, source: formatCodePoint(e.codePoint), target: e.target, targetCodePoints: codePoints(e.target), how: e.how,
        ...(e.mj ? { mj: e.mj } : {}), ...(e.reason ? { reason: e.reason } : {}),
      }));
    };
    try {
      const t = await loadGaijiTable(opts.table, {
        sourceCharset: getCharset(opts.from ?? 'cp932'),
        ...(opts.allowPlane16Pua ? { allowPlane16Pua: true } : {}),
        ...(mjTable ? { mjTable } : {}),
        ...(mj ? { mj } : {}),
      });
      list(t);
    } catch (e) {
      if (!(e instanceof GaijiTableError)) throw e;
      result.problems = e.problems;
      if (e.partial) list(e.partial);
    }
    return result;
  } finally {
    db?.close();
  }
}
