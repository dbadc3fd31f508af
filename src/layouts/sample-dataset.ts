/**
 * Consistent synthetic data across files: one pool of invented residents (宛名番号, 世帯番号,
 * persona) and records for many layouts whose foreign keys point at rows that exist. Used by
 * delivery-check tests and benchmarks. Foreign keys to `juki/kojin` and `juki/setai` always resolve
 * in the pool, whether or not those layouts are generated; foreign keys to a layout outside the
 * requested set get random values (they dangle, by request).
 */
import type { CompiledLayout } from './compile.ts';
import {
  generateRecord, randomPersona, randomMunicipality, type Persona, type Municipality, type Rng,
} from './sample-generator.ts';

export interface PoolPerson extends Persona {
  atenaNo: string;
  setaiNo: string;
  /** True for the first member of each 世帯. */
  setainushi: boolean;
}

export interface KeyPool {
  municipality: Municipality;
  persons: PoolPerson[];
  /** 世帯番号 → 世帯主の宛名番号 */
  setai: Map<string, string>;
  /** The 年度 used for every field whose id ends in `Nendo`, so 年度-keyed files join. */
  nendo: string;
}

export interface KeyPoolOptions {
  persons?: number;
  /** Average 世帯 size (default 2.3). */
  setaiSize?: number;
  nendo?: string;
  municipality?: Municipality;
}

export function createKeyPool(rng: Rng, opts: KeyPoolOptions = {}): KeyPool {
  const n = opts.persons ?? 100;
  const size = opts.setaiSize ?? 2.3;
  const municipality = opts.municipality ?? randomMunicipality(rng);
  const persons: PoolPerson[] = [];
  const setai = new Map<string, string>();
  let setaiSeq = 0;
  let current = '';
  let left = 0;
  for (let i = 0; i < n; i++) {
    const head = left === 0;
    if (head) {
      setaiSeq++;
      current = String(200000000 + setaiSeq * 7);
      left = 1 + Math.floor(rng() * size * 2 - 0.5 * rng());
      if (left < 1) left = 1;
    }
    left--;
    // 宛名番号: 10 digits from 1000000000 upward, spaced so typos do not land on another person.
    const atenaNo = String(1000000000 + (i + 1) * 13);
    persons.push({ ...randomPersona(rng), atenaNo, setaiNo: current, setainushi: head });
    if (head) setai.set(current, atenaNo);
  }
  return { municipality, persons, setai, nendo: opts.nendo ?? '2025' };
}

type Row = Readonly<Record<string, string>>;

function poolRows(pool: KeyPool, layoutId: string): Row[] | undefined {
  const dc = pool.municipality.dantaiCode;
  if (layoutId === 'juki/kojin') {
    return pool.persons.map((p) => ({
      dantaiCode: dc, atenaNo: p.atenaNo, setaiNo: p.setaiNo, shimei: p.shimei, shimeiKana: p.shimeiKana,
      seinengappi: p.seinengappi, seibetsu: p.seibetsu,
    }));
  }
  if (layoutId === 'juki/setai') {
    return [...pool.setai].map(([setaiNo, atenaNo]) => ({ dantaiCode: dc, setaiNo, setainushiAtenaNo: atenaNo }));
  }
  return undefined;
}

/** Layouts ordered so that every layout comes after the layouts its foreign keys reference. */
function dependencyOrder(layouts: readonly CompiledLayout[]): CompiledLayout[] {
  const byId = new Map(layouts.map((l) => [l.id, l]));
  const done = new Set<string>();
  const out: CompiledLayout[] = [];
  const visit = (l: CompiledLayout, path: Set<string>) => {
    if (done.has(l.id) || path.has(l.id)) return;
    path.add(l.id);
    for (const fk of l.foreignKeys) {
      const t = byId.get(fk.references.layout);
      if (t && t.id !== l.id) visit(t, path);
    }
    path.delete(l.id);
    done.add(l.id);
    out.push(l);
  };
  for (const l of layouts) visit(l, new Set());
  return out;
}

export interface DatasetOptions {
  pool: KeyPool;
  /** Records per layout (juki/kojin and juki/setai always get one per pool person/世帯). */
  recordsPerFile?: number;
}

/**
 * Records for every layout in `layouts`, keyed by layout id, values in column order. Primary keys
 * are unique per layout (a layout whose key space runs out gets fewer records); foreign keys to
 * layouts in the set or in the pool resolve.
 */
export function generateDataset(layouts: readonly CompiledLayout[], rng: Rng, opts: DatasetOptions): Map<string, string[][]> {
  const { pool } = opts;
  const count = opts.recordsPerFile ?? 20;
  const rowsByLayout = new Map<string, Row[]>();
  const result = new Map<string, string[][]>();
  const personByAtena = new Map(pool.persons.map((p) => [p.atenaNo, p]));
  const dc = pool.municipality.dantaiCode;

  for (const layout of dependencyOrder(layouts)) {
    const records: string[][] = [];
    const rows: Row[] = [];
    const seen = new Set<string>();
    const fromPool = poolRows(pool, layout.id);
    const plan: Array<Record<string, string>> = fromPool
      ? fromPool.map((r) => ({ ...r }))
      : Array.from({ length: count }, () => ({}));
    for (const base of plan) {
      for (let attempt = 0; attempt < 8; attempt++) {
        const fixed: Record<string, string> = { ...base };
        for (const f of layout.fields) {
          if (f.id === 'dantaiCode') fixed[f.id] = dc;
          else if (/Nendo$/.test(f.id) && fixed[f.id] === undefined) fixed[f.id] = pool.nendo;
        }
        let persona: Persona | undefined;
        for (const fk of layout.foreignKeys) {
          const parents = rowsByLayout.get(fk.references.layout) ?? poolRows(pool, fk.references.layout);
          if (!parents || parents.length === 0) continue;
          const compatible = parents.filter((p) => fk.fields.every((f, i) => fixed[f] === undefined || base[f] !== undefined || fixed[f] === p[fk.references.fields[i]]));
          const choice = (compatible.length > 0 ? compatible : parents)[Math.floor(rng() * (compatible.length > 0 ? compatible.length : parents.length))];
          fk.fields.forEach((f, i) => {
            if (base[f] === undefined) fixed[f] = choice[fk.references.fields[i]];
          });
        }
        const subject = fixed.atenaNo !== undefined ? personByAtena.get(fixed.atenaNo) : undefined;
        if (subject) {
          persona = subject;
          for (const k of ['shimei', 'shimeiKana', 'seinengappi', 'seibetsu'] as const) {
            if (layout.fieldIndex.has(k) && fixed[k] === undefined) fixed[k] = subject[k];
          }
        }
        const values = generateRecord(layout, rng, { variant: 'valid', fixed, municipality: pool.municipality, ...(persona ? { persona } : {}) });
        const pk = layout.primaryKey.map((k) => values[layout.fieldIndex.get(k)!]).join('\u0000');
        if (layout.primaryKey.length > 0 && seen.has(pk)) continue;
        seen.add(pk);
        records.push(values);
        const row: Record<string, string> = {};
        layout.fields.forEach((f, i) => { row[f.id] = values[i]; });
        rows.push(row);
        break;
      }
    }
    rowsByLayout.set(layout.id, rows);
    result.set(layout.id, records);
  }
  return result;
}
