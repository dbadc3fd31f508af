/**
 * Keys across a delivery: primary-key uniqueness per file and foreign keys across files and 業務,
 * on the bounded key index (src/cleanse/key-index.ts: 128-bit fingerprints, spills to disk).
 *
 * Files are ordered so that referenced layouts are indexed before the files that reference
 * them. Layouts can reference each other in a cycle (個人 → 世帯 by 世帯番号, 世帯 → 個人 by
 * 世帯主宛名番号): the cycle is broken at the file with the fewest bytes, and that file's
 * back-references are checked in a second, key-only read after all indexes are complete.
 *
 * Foreign keys of one layout with the same source fields are alternatives: the value must exist in
 * at least one target (a 宛名番号 is in 住民基本台帳 or in 住登外管理).
 */
import type { Finding } from '../core/finding.ts';
import { maskValue } from '../core/mask.ts';
import type { KeyIndex } from '../cleanse/key-index.ts';
import { DeliveryCodes } from './delivery-finding-codes.ts';
import { addFinding, type Stage } from './work.ts';
import { recordLocation } from '../readers/record.ts';

export interface KeyedField {
  index: number;
  id: string;
  title: string;
  myNumber: boolean;
}

export interface FkTarget {
  layout: string;
  /** 業務 and file name for messages, e.g. 住民基本台帳「個人」. */
  label: string;
  /** Undefined when the target file is not in the delivery. */
  index?: KeyIndex;
}

export interface ForeignKeyGroup {
  fields: KeyedField[];
  targets: FkTarget[];
}

/** The record's key as compositeKey() would build it, without the intermediate array (hot path). */
function keyOf(values: readonly string[], fields: readonly KeyedField[]): string | undefined {
  let key = '';
  for (let i = 0; i < fields.length; i++) {
    const v = values[fields[i].index];
    if (v === undefined || v === '') return undefined; // an empty key part: the required check speaks for it
    key += v.length + ':' + v + '\u001f';
  }
  return key;
}

function maskedKey(values: readonly string[], fields: readonly KeyedField[]): string {
  return fields.map((f) => (f.myNumber ? '*'.repeat(values[f.index].length) : maskValue(values[f.index]))).join(' / ');
}

export function keyTitles(fields: readonly KeyedField[]): { ja: string; en: string } {
  return { ja: fields.map((f) => f.title).join('・'), en: fields.map((f) => f.id).join(', ') };
}

/** Adds every record's primary key to `index`; a key seen before raises CHECK_PK_DUPLICATE. */
export function primaryKeyStage(o: { file: string; fields: KeyedField[]; index: KeyIndex; width: number }): Stage {
  const t = keyTitles(o.fields);
  return (batch) => {
    for (const rec of batch.records) {
      if (rec.values.length !== o.width) continue;
      const key = keyOf(rec.values, o.fields);
      if (key === undefined) continue;
      const first = o.index.add(key, rec.src.record);
      if (first === undefined) continue;
      addFinding(rec, {
        code: DeliveryCodes.CHECK_PK_DUPLICATE,
        severity: 'error',
        location: recordLocation(o.file, rec.src),
        field: o.fields[0].id,
        params: { keyTitles: t.ja, keys: t.en, firstRecord: first },
        sample: maskedKey(rec.values, o.fields),
      });
    }
  };
}

/** The finding for one record's foreign key, or undefined when it resolves (or cannot be checked). */
export function checkForeignKey(
  values: readonly string[],
  g: ForeignKeyGroup,
  at: { file: string; record: number; line: number; offset: number },
): Finding | undefined {
  const key = keyOf(values, g.fields);
  if (key === undefined) return undefined;
  let checked = false;
  for (let i = 0; i < g.targets.length; i++) {
    const index = g.targets[i].index;
    if (!index) continue;
    if (index.has(key)) return undefined;
    checked = true;
  }
  if (!checked) return undefined;
  const titles = keyTitles(g.fields);
  return {
    code: DeliveryCodes.CHECK_FK_DANGLING,
    severity: 'error',
    location: { ...at },
    field: g.fields[0].id,
    params: {
      keyTitles: titles.ja, keys: titles.en,
      targetNames: g.targets.map((x) => x.label).join(' または '),
      targets: g.targets.map((x) => x.layout).join(' or '),
    },
    sample: maskedKey(values, g.fields),
  };
}

export function foreignKeyStage(o: { file: string; groups: ForeignKeyGroup[]; width: number }): Stage {
  return (batch) => {
    for (const rec of batch.records) {
      if (rec.values.length !== o.width) continue;
      for (const g of o.groups) {
        const f = checkForeignKey(rec.values, g, { file: o.file, record: rec.src.record, line: rec.src.line, offset: rec.src.offset });
        if (f) addFinding(rec, f);
      }
    }
  };
}

export interface OrderNode {
  layout: string;
  bytes: number;
  /** Layouts this one references (in scope and present). */
  references: string[];
}

/**
 * Referenced layouts first. The reference graph is cut into strongly connected components
 * (Tarjan), which come out dependencies-first; inside a component (a reference cycle) files go in
 * dependency order where they can, else smallest first, and every reference to a layout not yet
 * indexed is returned as deferred (checked by a second, key-only read).
 */
export function orderForKeys(nodes: OrderNode[]): { order: string[]; deferred: Map<string, Set<string>> } {
  const byId = new Map(nodes.map((n) => [n.layout, n]));
  const refs = (n: OrderNode) => n.references.filter((r) => byId.has(r));
  const components: OrderNode[][] = [];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: OrderNode[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  const visit = (n: OrderNode): void => {
    index.set(n.layout, counter);
    low.set(n.layout, counter++);
    stack.push(n);
    onStack.add(n.layout);
    for (const r of refs(n)) {
      if (!index.has(r)) {
        visit(byId.get(r)!);
        low.set(n.layout, Math.min(low.get(n.layout)!, low.get(r)!));
      } else if (onStack.has(r)) {
        low.set(n.layout, Math.min(low.get(n.layout)!, index.get(r)!));
      }
    }
    if (low.get(n.layout) === index.get(n.layout)) {
      const c: OrderNode[] = [];
      let m: OrderNode;
      do {
        m = stack.pop()!;
        onStack.delete(m.layout);
        c.push(m);
      } while (m !== n);
      components.push(c.sort((a, b) => nodes.indexOf(a) - nodes.indexOf(b)));
    }
  };
  for (const n of nodes) if (!index.has(n.layout)) visit(n);

  const done = new Set<string>();
  const order: string[] = [];
  const deferred = new Map<string, Set<string>>();
  for (const comp of components) {
    const pending = [...comp];
    while (pending.length > 0) {
      let i = pending.findIndex((n) => refs(n).every((r) => done.has(r) && r !== n.layout));
      if (i < 0) {
        i = 0;
        for (let k = 1; k < pending.length; k++) if (pending[k].bytes < pending[i].bytes) i = k;
      }
      const n = pending.splice(i, 1)[0];
      const unmet = refs(n).filter((r) => !done.has(r) || r === n.layout);
      if (unmet.length > 0) deferred.set(n.layout, new Set(unmet));
      done.add(n.layout);
      order.push(n.layout);
    }
  }
  return { order, deferred };
}
