/**
 * MJ文字情報 from the optional package `@mandel59/mojidata` (its SQLite database `dist/moji.db`,
 * read with sql.js): MJ文字図形名 → UCS + IVS, 戸籍統一文字番号 and 住基ネット統一文字コード → MJ, the MJ
 * glyphs of a character, and the MJ縮退マップ. chukan never bundles this data — the package is
 * MIT code with CC BY-SA 2.1 JP (MJ, MJ縮退マップ) and other licences — so the user installs it
 * (`npm install @mandel59/mojidata sql.js`); without it every MJ command says so and exits 2.
 *
 * Out of the hot path by construction: the database is opened once per command (≈0.9 s and ≈150 MB
 * RSS on the shared 2-core box), every lookup a command needs is made before records flow (a
 * 外字対応表 has hundreds of rows), and the fold table for 名寄せ keys is a plain Map built once,
 * after which the database is closed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ChukanError } from '../core/errors.ts';
import { cp932EncodeTable } from '../encoding/cp932.ts';

export const MOJIDATA_PACKAGE = '@mandel59/mojidata';

export class MojidataMissingError extends ChukanError {
  override readonly code = 'E_MOJIDATA_MISSING';
}

/** What to tell a user who asked for MJ lookups without the package (one message everywhere). */
export function mojidataMissingMessage(what: string, without: string): string {
  return `${what} needs the optional package ${MOJIDATA_PACKAGE} with sql.js (MJ文字情報 and the MJ縮退マップ, about 100 MB; `
    + 'its data is CC BY-SA 2.1 JP among other licences, so chukan does not bundle it). '
    + `Install both where chukan runs: npm install ${MOJIDATA_PACKAGE} sql.js — or ${without}`;
}

/** One MJ glyph. `char` is what to write for it: the IVS sequence when MJ has one, else the UCS. */
export interface MjChar {
  mj: string;
  char: string;
  /** 対応するUCS (the unified ideograph the glyph belongs to). */
  base: string;
  ivs?: string;
  koseki?: string;
  juki?: string;
}

export interface Shukutai {
  /** The degenerated character (縮退UCS). */
  char: string;
  /** MJ縮退マップ table it comes from. */
  table: string;
  /** In JIS X 0208 (a system on JIS X 0208 / CP932 rows 1–84 can hold it). */
  x0208: boolean;
}

export interface MjDatabase {
  readonly version: string;
  /** Milliseconds spent opening the database (for the report). */
  readonly loadMs: number;
  byMj(name: string): MjChar | undefined;
  byKoseki(no: string): MjChar | undefined;
  byJuki(code: string): MjChar | undefined;
  /** The MJ glyphs whose 対応するUCS is this character (with or without an IVS). */
  variantsOf(char: string): MjChar[];
  /** 縮退 candidates of an MJ glyph, in table priority order (see SHUKUTAI_TABLES). */
  shukutai(mj: string): Shukutai[];
  /**
   * Matching-key folds: each character outside JIS X 0208 that an MJ glyph stands for → its first
   * JIS X 0208 縮退 (by table priority). For 名寄せ keys only, never to rewrite data.
   */
  foldMap(): Map<string, string>;
  close(): void;
}

/**
 * MJ縮退マップ tables in the order chukan prefers them. The two loose tables (読み字形による類推,
 * 辞書類等による関連字) relate characters that are not the same name written differently, so they
 * are offered as candidates for a person to choose from but never folded into matching keys.
 */
export const SHUKUTAI_TABLES = [
  'JIS包摂規準UCS統合規則',
  '法務省告示582号別表第四_一',
  '法務省告示582号別表第四_二',
  '戸籍統一文字情報_親字正字',
  '民一2842号通達別表_誤字俗字正字一覧表_俗字',
  '民一2842号通達別表_誤字俗字正字一覧表_別字',
  '民一2842号通達別表_誤字俗字正字一覧表_無印',
  '民二5202号通知別表_正字俗字等対照表',
  '読み字形による類推',
  '辞書類等による関連字',
] as const;
const FOLD_TABLES = new Set<string>(SHUKUTAI_TABLES.slice(0, 8));

// Minimal shapes of sql.js (loaded at run time; no types dependency for an optional package).
interface SqlStatement {
  bind(values: unknown[]): boolean;
  step(): boolean;
  get(): unknown[];
  reset(): void;
  free(): void;
}
interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  close(): void;
}
type SqlJsStatic = { Database: new (data: Uint8Array) => SqlDatabase };

function resolveFrom(dirs: string[], request: string): string | undefined {
  for (const d of dirs) {
    try {
      return createRequire(join(d, 'noop.js')).resolve(request);
    } catch {
      // not installed there
    }
  }
  return undefined;
}

/**
 * Where the package and sql.js are: next to chukan, else in the working directory's project. An
 * explicit `dbPath`, or the environment variable CHUKAN_MOJIDATA_DB (a copy of moji.db), skips the
 * package lookup.
 */
export function locateMojidata(opts: { cwd?: string; dbPath?: string } = {}): { db: string; sqlJs: string; version: string } | undefined {
  const dirs = [dirname(fileURLToPath(import.meta.url)), opts.cwd ?? process.cwd()];
  const sqlJs = resolveFrom(dirs, 'sql.js');
  let db = opts.dbPath ?? (process.env.CHUKAN_MOJIDATA_DB || undefined);
  let version = 'file';
  if (!db) {
    const pkg = resolveFrom(dirs, `${MOJIDATA_PACKAGE}/package.json`);
    if (!pkg) return undefined;
    db = join(dirname(pkg), 'dist', 'moji.db');
    try {
      version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version ?? '?';
    } catch {
      version = '?';
    }
  }
  if (!sqlJs || !existsSync(db)) return undefined;
  return { db, sqlJs, version };
}

/** Opens the database, or throws MojidataMissingError with `missing` as its message. */
export async function openMojidata(missing: string, opts: { cwd?: string; dbPath?: string } = {}): Promise<MjDatabase> {
  const where = locateMojidata(opts);
  if (!where) throw new MojidataMissingError(missing);
  const t0 = performance.now();
  const mod = (await import(pathToFileURL(where.sqlJs).href)) as { default: (cfg?: unknown) => Promise<SqlJsStatic> };
  const SQL = await mod.default();
  const db = new SQL.Database(readFileSync(where.db));
  const loadMs = Math.round(performance.now() - t0);
  return mjDatabase(db, where.version, loadMs);
}

const JIS0208_LEAD = (b: number) => (b >= 0x81 && b <= 0x84) || (b >= 0x88 && b <= 0x9f) || (b >= 0xe0 && b <= 0xea);

/** In JIS X 0208: one character CP932 writes with a lead byte of rows 1–8 or 16–84 (its encoder's table). */
export function inJisX0208(ch: string): boolean {
  if (ch.length !== 1) return false;
  const code = cp932EncodeTable()[ch.charCodeAt(0)];
  return code >= 0x8140 && JIS0208_LEAD(code >> 8);
}

function mjDatabase(db: SqlDatabase, version: string, loadMs: number): MjDatabase {
  const COLS = 'MJ文字図形名, 対応するUCS, 実装したUCS, 実装したMoji_JohoコレクションIVS, 戸籍統一文字番号, 住基ネット統一文字コード';
  const stmts = new Map<string, SqlStatement>();
  const rows = (sql: string, params: unknown[]): unknown[][] => {
    let st = stmts.get(sql);
    if (!st) stmts.set(sql, (st = db.prepare(sql)));
    st.bind(params);
    const out: unknown[][] = [];
    while (st.step()) out.push(st.get());
    st.reset();
    return out;
  };
  const toChar = (r: unknown[]): MjChar => {
    const [mj, base, impl, ivs, koseki, juki] = r.map((v) => (v === null || v === undefined ? '' : String(v)));
    return {
      mj, base: base || impl, char: ivs || impl || base,
      ...(ivs ? { ivs } : {}), ...(koseki ? { koseki } : {}), ...(juki ? { juki } : {}),
    };
  };
  const one = (sql: string, p: unknown[]) => {
    const r = rows(sql, p);
    return r.length > 0 ? toChar(r[0]) : undefined;
  };
  const rank = new Map<string, number>(SHUKUTAI_TABLES.map((t, i) => [t, i]));
  const x0208 = new Map<string, boolean>();
  const isX0208 = (c: string) => {
    let v = x0208.get(c);
    if (v === undefined) x0208.set(c, (v = inJisX0208(c)));
    return v;
  };
  return {
    version,
    loadMs,
    byMj: (name) => one(`SELECT ${COLS} FROM mji WHERE MJ文字図形名 = ?`, [name]),
    byKoseki: (no) => one(`SELECT ${COLS} FROM mji WHERE 戸籍統一文字番号 = ? ORDER BY MJ文字図形名`, [no]),
    byJuki: (code) => one(`SELECT ${COLS} FROM mji WHERE 住基ネット統一文字コード = ? ORDER BY MJ文字図形名`, [code.toUpperCase().replace(/^J\+?/, 'J+')]),
    variantsOf: (ch) => rows(`SELECT ${COLS} FROM mji WHERE 対応するUCS = ? OR 実装したUCS = ? ORDER BY MJ文字図形名`, [ch, ch]).map(toChar),
    shukutai(mj) {
      const out = rows('SELECT 縮退UCS, 表, 順位 FROM mjsm WHERE MJ文字図形名 = ?', [mj])
        .map((r) => ({ char: String(r[0]), table: String(r[1]), order: r[2] === null ? 0 : Number(r[2]) }))
        .sort((a, b) => (rank.get(a.table) ?? 99) - (rank.get(b.table) ?? 99) || a.order - b.order);
      const seen = new Set<string>();
      const list: Shukutai[] = [];
      for (const s of out) {
        if (seen.has(s.char)) continue;
        seen.add(s.char);
        list.push({ char: s.char, table: s.table, x0208: isX0208(s.char) });
      }
      return list;
    },
    foldMap() {
      const tables = [...FOLD_TABLES];
      const all = rows(
        `SELECT m.実装したUCS, m.対応するUCS, s.縮退UCS, s.表, s.順位 FROM mjsm s JOIN mji m ON m.MJ文字図形名 = s.MJ文字図形名 WHERE s.表 IN (${tables.map(() => '?').join(',')})`,
        tables,
      );
      const best = new Map<string, { to: string; rank: number; order: number }>();
      for (const [impl, base, to, table, order] of all) {
        const from = String(impl || base || '');
        const target = String(to ?? '');
        if (!FOLD_TABLES.has(String(table)) || from === '' || target === '' || from === target) continue;
        if (Array.from(from).length !== 1 || isX0208(from) || !isX0208(target)) continue;
        const r = rank.get(String(table))!;
        const o = order === null ? 0 : Number(order);
        const prev = best.get(from);
        if (!prev || r < prev.rank || (r === prev.rank && o < prev.order)) best.set(from, { to: target, rank: r, order: o });
      }
      return new Map([...best].map(([k, v]) => [k, v.to]));
    },
    close() {
      for (const st of stmts.values()) st.free();
      stmts.clear();
      db.close();
    },
  };
}
