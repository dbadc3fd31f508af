/**
 * Test deliveries for `chukan check`, built with the layout-driven sample generator
 * (src/layouts/sample-generator.ts) across three 業務 — 住民基本台帳, 国民健康保険, 住登外管理 —
 * with one consistent key set: every 宛名番号 and 世帯番号 referenced in one file exists in the
 * file it references. Faults are planted afterwards, each by a small named edit, and every
 * planted fault says which finding (code, file, record) `check` must raise.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCHEMAS_DIR, compileLayout, loadLayout, type CompiledLayout } from '../../src/layouts/index.ts';
import { createRng, generateRecord, randomMunicipality, type Rng } from '../../src/layouts/sample-generator.ts';
import { formatCsvRow } from '../../src/pipeline/csv-format.ts';
import { tempDir } from '../helpers/temp.ts';

export const FILES = {
  'juki/kojin': 'JUKI_KOJIN.csv',
  'juki/setai': 'JUKI_SETAI.csv',
  'juki/ido': 'JUKI_IDO.csv',
  'kokuho/setai': 'KOKUHO_SETAI.csv',
  'kokuho/hihokensha': 'KOKUHO_HIHOKENSHA.csv',
  'kokuho/shikaku': 'KOKUHO_SHIKAKU.csv',
  'kokuho/fuka': 'KOKUHO_FUKA.csv',
  'kokuho/kyufu': 'KOKUHO_KYUFU.csv',
  'jutogai/kojin': 'JUTOGAI_KOJIN.csv',
} as const;
export type LayoutId = keyof typeof FILES;

/**
 * A schemas directory for the tests: chukan's shipped layouts, plus a catalog naming the three
 * 業務 above, and the 国保 被保険者 宛名番号 allowed to resolve in 住登外管理 as well as in 住民基本台帳
 * (two foreign keys on the same fields are alternatives). Independent of how the shipped catalog grows.
 */
export function makeTestSchemas(root: string): string {
  const dir = join(root, 'schemas');
  cpSync(DEFAULT_SCHEMAS_DIR, dir, { recursive: true });
  const domains = [
    { id: 'juki', no: 1, name: '住民基本台帳', files: ['kojin', 'setai', 'ido'] },
    { id: 'kokuho', no: 14, name: '国民健康保険', files: ['setai', 'hihokensha', 'shikaku', 'fuka', 'kyufu'] },
    { id: 'jutogai', no: 90, name: '住登外管理', files: ['kojin'] },
  ].map((d) => ({
    id: d.id, no: d.no, name: d.name,
    files: d.files.map((f) => {
      const layout = `${d.id}/${f}` as LayoutId;
      const title = (JSON.parse(readFileSync(join(dir, `${layout}.schema.json`), 'utf8')) as { title: string }).title;
      return { id: f, name: title, layout, fileName: FILES[layout] };
    }),
  }));
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify({ catalogVersion: '0.1.0-test', id: 'chukan-test', name: 'test catalog', domains }, null, 2));
  const hihoPath = join(dir, 'kokuho/hihokensha.schema.json');
  const hiho = JSON.parse(readFileSync(hihoPath, 'utf8')) as { 'x-foreignKeys': unknown[] };
  hiho['x-foreignKeys'].push({ fields: ['dantaiCode', 'atenaNo'], references: { layout: 'jutogai/kojin', fields: ['dantaiCode', 'atenaNo'] } });
  writeFileSync(hihoPath, JSON.stringify(hiho, null, 2));
  return dir;
}

export interface Delivery {
  dir: string;
  schemasDir: string;
  layouts: Map<LayoutId, CompiledLayout>;
  /** Rows per layout, values in column order (header not included). */
  rows: Map<LayoutId, string[][]>;
  dantaiCode: string;
}

export interface DeliverySize {
  persons: number;
  /** Persons per household. */
  perHousehold: number;
  /** Every n-th household is in 国保. */
  kokuhoEvery: number;
  jutogai: number;
}

export const SMALL: DeliverySize = { persons: 60, perHousehold: 3, kokuhoEvery: 2, jutogai: 8 };

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Generates the rows of a consistent delivery (no files written). */
export function generateDelivery(schemasDir: string, size: DeliverySize, seed = 20261123): Omit<Delivery, 'dir'> {
  const rng: Rng = createRng(seed);
  const layouts = new Map<LayoutId, CompiledLayout>();
  for (const id of Object.keys(FILES) as LayoutId[]) layouts.set(id, compileLayout(loadLayout(id, { schemasDir })));
  const L = (id: LayoutId) => layouts.get(id)!;
  const dantaiCode = randomMunicipality(rng).dantaiCode;
  const rows = new Map<LayoutId, string[][]>(Object.keys(FILES).map((id) => [id as LayoutId, []]));
  const add = (id: LayoutId, fixed: Record<string, string>) => rows.get(id)!.push(generateRecord(L(id), rng, { variant: 'valid', fixed: { dantaiCode, ...fixed } }));
  const atena = (i: number) => pad(100000 + i, 10);
  const setai = (h: number) => pad(500000 + h, 10);
  let kyufu = 0;
  const households = Math.ceil(size.persons / size.perHousehold);
  for (let h = 0; h < households; h++) {
    const members: number[] = [];
    for (let i = h * size.perHousehold; i < Math.min(size.persons, (h + 1) * size.perHousehold); i++) members.push(i);
    const head = atena(members[0]);
    add('juki/setai', { setaiNo: setai(h), setainushiAtenaNo: head });
    for (const i of members) {
      add('juki/kojin', { atenaNo: atena(i), setaiNo: setai(h) });
      add('juki/ido', { atenaNo: atena(i), idoRenban: '1', setaiNo: setai(h) });
    }
    if (h % size.kokuhoEvery !== 0) continue;
    add('kokuho/setai', { setaiNo: setai(h), setainushiAtenaNo: head });
    add('kokuho/fuka', { setaiNo: setai(h) });
    for (const i of members) {
      add('kokuho/hihokensha', { atenaNo: atena(i), setaiNo: setai(h) });
      add('kokuho/shikaku', { atenaNo: atena(i), rirekiRenban: '1', setaiNo: setai(h) });
      add('kokuho/kyufu', { kyufuNo: pad(++kyufu, 12), atenaNo: atena(i) });
    }
  }
  for (let j = 0; j < size.jutogai; j++) add('jutogai/kojin', { atenaNo: pad(900000 + j, 10) });
  return { schemasDir, layouts, rows, dantaiCode };
}

export function csvText(layout: CompiledLayout, rows: string[][]): string {
  return formatCsvRow(layout.fields.map((f) => f.title)) + rows.map((r) => formatCsvRow(r)).join('');
}

export function writeDelivery(d: Omit<Delivery, 'dir'>, dir: string): Delivery {
  mkdirSync(dir, { recursive: true });
  for (const [id, rows] of d.rows) writeFileSync(join(dir, FILES[id]), csvText(d.layouts.get(id)!, rows));
  return { ...d, dir };
}

export function tempRoot(): string {
  return tempDir('chukan-check-');
}

/** 1-based physical record number of data row `i` (0-based) in a file with a header row. */
export const recordNo = (i: number) => i + 2;
