/** Cross-layout key checks: every foreign key must reference its target layout's primary key. */
import { loadLayout } from './store.ts';
import { compileLayout } from './compile.ts';

export interface KeyProblem {
  layout: string;
  detail: string;
}

export function verifyForeignKeys(layoutIds: readonly string[], opts: { schemasDir?: string } = {}): KeyProblem[] {
  const problems: KeyProblem[] = [];
  for (const id of layoutIds) {
    const l = compileLayout(loadLayout(id, opts));
    for (const fk of l.foreignKeys) {
      const target = fk.references.layout;
      let t;
      try {
        t = compileLayout(loadLayout(target, opts));
      } catch (e) {
        problems.push({ layout: id, detail: `foreign key (${fk.fields.join(', ')}) references ${target}, which does not load: ${(e as Error).message}` });
        continue;
      }
      const pk = t.primaryKey;
      if (pk.length === 0 || pk.length !== fk.references.fields.length || pk.some((f, i) => f !== fk.references.fields[i])) {
        problems.push({ layout: id, detail: `foreign key (${fk.fields.join(', ')}) references ${target} (${fk.references.fields.join(', ')}), which is not its primary key (${pk.join(', ')})` });
      }
    }
  }
  return problems;
}
