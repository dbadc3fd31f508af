import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The import graph of a source tree, read with the TypeScript parser (not regular expressions, so
 * comments, strings and `import('…')` types are told apart), and the three rules
 * test/architecture.test.ts holds it to. Kept apart from the test so that the test of the test can
 * run the same rules on a planted tree.
 */

export interface ImportEdge {
  from: string; // path relative to the root, with '/'
  to: string;
  /** Erased at compile time: `import type …`, `export type … from`, `import('…').T` in a type. */
  typeOnly: boolean;
  line: number;
}

export interface ImportGraph {
  root: string;
  files: Map<string, { lines: number }>;
  edges: ImportEdge[];
}

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return listTs(p);
    return name.endsWith('.ts') ? [p] : [];
  });
}

const posix = (p: string) => p.split(sep).join('/');

/** Every relative import, re-export and dynamic import of every .ts file below `root`. */
export function readImportGraph(root: string): ImportGraph {
  const files = new Map<string, { lines: number }>();
  const edges: ImportEdge[] = [];
  for (const abs of listTs(root).sort()) {
    const text = readFileSync(abs, 'utf8');
    const from = posix(relative(root, abs));
    files.set(from, { lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) });
    const sf = ts.createSourceFile(abs, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const add = (spec: string, typeOnly: boolean, node: ts.Node) => {
      if (!spec.startsWith('.')) return; // node: built-ins and packages are not part of the graph
      const to = posix(relative(root, resolve(dirname(abs), spec)));
      edges.push({ from, to, typeOnly, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
    };
    const visit = (node: ts.Node, inType: boolean): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        // Under verbatimModuleSyntax only a declaration-level `type` is erased: `import { type A }`
        // still loads the module (as `import {} from …`), so it counts as a value edge.
        add(node.moduleSpecifier.text, node.importClause?.isTypeOnly === true, node);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node.moduleSpecifier.text, node.isTypeOnly, node);
      } else if (ts.isImportTypeNode(node)) {
        const arg = node.argument;
        if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) add(arg.literal.text, true, node);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const a = node.arguments[0];
        if (a && ts.isStringLiteralLike(a)) add(a.text, inType, node);
      }
      ts.forEachChild(node, (c) => visit(c, inType || ts.isTypeNode(c)));
    };
    visit(sf, false);
  }
  return { root, files, edges };
}

/** The folder a file belongs to: its first path segment, or '' for a file at the root. */
export function layerOf(file: string): string {
  const i = file.indexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

export interface LayerRule {
  /** Folders, left to right: a file imports only from its own folder and folders to its left. */
  order: string[];
  /** Files at the root (src/index.ts) may import any folder; nothing may import them. */
}

export interface Violation {
  edge: ImportEdge;
  why: string;
}

/** Imports that go back up the order, or into a folder the order does not name, or to the root. */
export function layerViolations(g: ImportGraph, rule: LayerRule): Violation[] {
  const rank = new Map(rule.order.map((f, i) => [f, i]));
  const out: Violation[] = [];
  for (const f of g.files.keys()) {
    const l = layerOf(f);
    if (l !== '' && !rank.has(l)) out.push({ edge: { from: f, to: f, typeOnly: false, line: 1 }, why: `folder ${l}/ is not in the documented order` });
  }
  for (const e of g.edges) {
    const a = layerOf(e.from);
    const b = layerOf(e.to);
    if (e.to.startsWith('..')) { out.push({ edge: e, why: 'imports from outside the source tree' }); continue; }
    if (b === '') { if (a !== '') out.push({ edge: e, why: 'imports the package entry' }); continue; }
    if (a === '' || a === b) continue;
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra === undefined || rb === undefined) continue; // reported above
    if (rb > ra) out.push({ edge: e, why: `${a}/ may not import from ${b}/ (${b} comes after ${a} in the order)` });
  }
  return out;
}

/**
 * Cycles through value imports only (type-only edges are erased, so a cycle through one never runs).
 * Each cycle is returned once, as the list of files on it, from its smallest file name.
 */
export function valueCycles(g: ImportGraph): string[][] {
  const next = new Map<string, string[]>();
  for (const e of g.edges) {
    if (e.typeOnly || !g.files.has(e.to)) continue;
    const list = next.get(e.from) ?? [];
    if (!list.includes(e.to)) list.push(e.to);
    next.set(e.from, list);
  }
  // Tarjan's strongly connected components; a component of two or more files holds a cycle, as
  // does a file importing itself.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const comps: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (next.get(v) ?? []).includes(v)) comps.push(comp.sort());
    }
  };
  for (const f of [...g.files.keys()].sort()) if (!idx.has(f)) strong(f);
  return comps;
}

/** Files longer than `maxLines` that are not on the allow-list; and allow-list entries no longer needed. */
export function oversizedFiles(g: ImportGraph, maxLines: number, allowed: ReadonlyMap<string, string>): { over: string[]; stale: string[] } {
  const over: string[] = [];
  for (const [f, { lines }] of g.files) if (lines > maxLines && !allowed.has(f)) over.push(`${f} (${lines} lines)`);
  const stale = [...allowed.keys()].filter((f) => (g.files.get(f)?.lines ?? 0) <= maxLines);
  return { over, stale };
}
