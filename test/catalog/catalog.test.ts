import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadCatalog, catalogLayoutIds, loadLayout, compileLayout, listLayoutIds, verifyForeignKeys, DEFAULT_SCHEMAS_DIR,
} from '../../src/layouts/index.ts';

const DOMAINS = [
  'juki', 'inkan', 'jutogai', 'koseki', 'shugaku', 'senkyo', 'kotei', 'kojinjumin', 'hojinjumin', 'keijidosha', 'shutai',
  'kokuho', 'nenkin', 'kaigo', 'kouki', 'kenko', 'jidoteate', 'seiho', 'shogai', 'zaimu', 'jinji', 'bunsho', 'kosodate',
];

const catalog = loadCatalog();
const ids = catalogLayoutIds(catalog);
const readSchema = (id: string) => JSON.parse(readFileSync(join(DEFAULT_SCHEMAS_DIR, `${id}.schema.json`), 'utf8')) as Record<string, any>;

describe('catalog', () => {
  it('holds exactly the 23 業務, each with a Japanese name and at least two files', () => {
    expect(catalog.domains.map((d) => d.id).sort()).toEqual([...DOMAINS].sort());
    for (const d of catalog.domains) {
      expect(d.name).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(d.files.length, d.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('names every layout on disk, only layouts on disk, and unique standard file names', () => {
    expect([...ids].sort()).toEqual(listLayoutIds());
    const names = catalog.domains.flatMap((d) => d.files.map((f) => f.fileName));
    expect(new Set(names).size).toBe(names.length);
    for (const d of catalog.domains) {
      for (const f of d.files) {
        expect(f.layout.startsWith(`${d.id}/`), f.layout).toBe(true);
        expect(f.fileName).toMatch(new RegExp(`^${d.id.toUpperCase()}_[A-Z_]+\\.csv$`));
      }
    }
  });
});

describe('layouts', () => {
  it('every layout loads and compiles in ajv strict mode through the engine', () => {
    for (const id of ids) {
      const l = compileLayout(loadLayout(id));
      expect(l.fields.length, id).toBeGreaterThanOrEqual(7);
      expect(l.primaryKey.length, id).toBeGreaterThan(0);
      for (const k of l.primaryKey) expect(l.fields[l.fieldIndex.get(k)!].required, `${id} pk ${k}`).toBe(true);
    }
  });

  it('marks every layout as chukan\'s own starter definition with version and date', () => {
    for (const id of ids) {
      const src = loadLayout(id).source;
      expect(src?.basis, id).toMatch(/chukan starter definition.*not the official text/);
      expect(src?.version, id).toMatch(/^\d+\.\d+\.\d+$/);
      expect(src?.date, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('every foreign key references the declared primary key of an existing layout', () => {
    expect(verifyForeignKeys(ids)).toEqual([]);
    let personLinks = 0;
    for (const id of ids) {
      for (const fk of compileLayout(loadLayout(id)).foreignKeys) {
        expect(ids, `${id} → ${fk.references.layout}`).toContain(fk.references.layout);
        // 宛名番号 links go to 住民基本台帳 (see docs/CATALOG.md for 住登外者).
        const last = fk.fields.at(-1)!;
        if (/atenaNo$|AtenaNo$/.test(last) && fk.references.fields.at(-1) === 'atenaNo' && fk.references.layout === 'juki/kojin') personLinks++;
      }
    }
    expect(personLinks).toBeGreaterThan(40);
  });

  it('defines shared concepts once: 宛名番号, 氏名, 生年月日, 住所… are $refs into common/defs', () => {
    const shared = ['dantaiCode', 'atenaNo', 'setaiNo', 'shimei', 'shimeiKana', 'seinengappi', 'seibetsu', 'yubinNo', 'kojinNo', 'zokugara', 'denwaNo', 'hojinNo', 'biko'];
    for (const id of ids) {
      const props = readSchema(id).properties as Record<string, Record<string, unknown>>;
      for (const [pid, p] of Object.entries(props)) {
        if (shared.includes(pid)) expect(p.$ref, `${id}.${pid}`).toMatch(/^chukan:common\/defs#\/\$defs\//);
        if (/AtenaNo$/.test(pid)) expect(p.$ref, `${id}.${pid}`).toBe('chukan:common/defs#/$defs/atenaNo');
        if (/^jusho(Todofuken|Shikuchoson|Machiaza|Banchi|Katagaki)$/.test(pid)) expect(p.$ref, `${id}.${pid}`).toMatch(/jusho/);
      }
    }
  });

  it('every code list named by a layout exists and states its source and date', () => {
    const dir = join(DEFAULT_SCHEMAS_DIR, 'codes');
    const lists = new Map(readdirSync(dir).map((n) => [n.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, n), 'utf8'))]));
    const used = new Set<string>();
    for (const id of ids) for (const f of compileLayout(loadLayout(id)).fields) for (const c of f.rules.codeLists) used.add(c);
    for (const c of used) {
      const list = lists.get(c);
      expect(list, c).toBeDefined();
      expect(list.source, c).toMatch(/\S/);
      expect(list.date, c).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // The domain code lists the brief names are there and referenced.
    for (const c of ['yokaigo-jotai-kubun', 'kokuho-shutoku-jiyu', 'kokuho-soshitsu-jiyu', 'chimoku', 'kaoku-shurui', 'kaoku-kozo', 'zeimoku', 'nofu-hoho', 'fujo-shubetsu', 'shogai-shubetsu', 'shogai-tokyu', 'zairyu-shikaku']) {
      expect(used, c).toContain(c);
    }
  });
});
