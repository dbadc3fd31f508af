import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { layerViolations, oversizedFiles, readImportGraph, valueCycles, type ImportGraph } from './helpers/import-graph.ts';

/**
 * The design rules of docs/ARCHITECTURE.md ("Folders and the import rule"), held by a test instead
 * of by review: the import order of src/, no cycle through value imports, and a size limit per file.
 */

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** The documented order: a file imports only from its own folder and the folders to its left. */
export const ORDER = ['core', 'encoding', 'readers', 'layouts', 'mapping', 'cleanse', 'pipeline', 'report', 'api', 'cli'];

/** Lines a source file may have before it must be split or named here. */
export const MAX_LINES = 450;

/** Files allowed past MAX_LINES, each with why it is still one file. Keep this list short. */
export const LARGE_FILES = new Map<string, string>([
  // One reader per sheet kind of a 項目定義書 workbook would scatter one header-matching table over files.
  ['layouts/import-book.ts', 'the 項目定義書 reader: one column table and the reader that walks it'],
  // The mapping file's grammar: every key is checked where it is read, with its line number.
  ['mapping/load-mapping.ts', 'the mapping grammar, checked key by key with line numbers'],
  // To be cut into scheduling and joining (src/pipeline/parallel/) with the FileJob.
  ['pipeline/parallel-file.ts', 'range scheduling and joining, until the FileJob split'],
  // Synthetic sample data; moves out of src/ to devtools/fixtures/.
  ['layouts/sample-generator.ts', 'sample-record generator, until it leaves src/'],
]);

const show = (g: ImportGraph) => ({
  back: layerViolations(g, { order: ORDER }).map((v) => `src/${v.edge.from}:${v.edge.line} → src/${v.edge.to}: ${v.why}`),
  cycles: valueCycles(g).map((c) => c.join(' → ')),
});

describe('architecture of src/', () => {
  const g = readImportGraph(SRC);

  it('reads the real tree (the parser finds the imports it must find)', () => {
    expect(g.files.size).toBeGreaterThan(100);
    expect(g.edges.some((e) => e.from === 'cli/main.ts' && e.to === 'cli/commands.ts' && !e.typeOnly)).toBe(true);
    // The one cycle in the tree is type-only: stream.ts needs codec.ts's CodecCore type only.
    expect(g.edges.some((e) => e.from === 'encoding/stream.ts' && e.to === 'encoding/codec.ts' && e.typeOnly)).toBe(true);
  });

  it('imports only from its own folder and the folders to its left', () => {
    expect(show(g).back).toEqual([]);
  });

  it('has no cycle through value imports', () => {
    expect(show(g).cycles).toEqual([]);
  });

  it(`keeps every file within ${MAX_LINES} lines, or names it on the allow-list`, () => {
    const { over, stale } = oversizedFiles(g, MAX_LINES, LARGE_FILES);
    expect(over).toEqual([]);
    expect(stale, 'allow-list entries for files now within the limit: remove them').toEqual([]);
  });
});

describe('the architecture rules catch what they are for (planted trees)', () => {
  const work = mkdtempSync(join(tmpdir(), 'chukan-arch-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const plant = (name: string, files: Record<string, string>) => {
    const root = join(work, name);
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), text);
    }
    return readImportGraph(root);
  };

  it('fails on a back import planted in a copy of src/', () => {
    const root = join(work, 'copy');
    cpSync(SRC, root, { recursive: true });
    const target = join(root, 'core', 'mask.ts');
    writeFileSync(target, readFileSync(target, 'utf8') + "\nimport { commands } from '../cli/commands.ts';\nvoid commands;\n");
    const { back } = show(readImportGraph(root));
    expect(back).toHaveLength(1);
    expect(back[0]).toMatch(/^src\/core\/mask\.ts:\d+ → src\/cli\/commands\.ts: core\/ may not import from cli\//);
  });

  it('counts a type-only back import too, and a dynamic import()', () => {
    const g = plant('types', {
      'core/a.ts': "import type { B } from '../readers/b.ts';\nexport type A = B;\n",
      'encoding/c.ts': "export const load = () => import('../api/d.ts');\n",
      'readers/b.ts': 'export type B = number;\n',
      'api/d.ts': 'export const d = 1;\n',
    });
    expect(show(g).back.map((l) => l.split(':')[0])).toEqual(['src/core/a.ts', 'src/encoding/c.ts']);
  });

  it('fails on a value cycle, not on a type-only one, and treats `import { type X }` as a value import', () => {
    const g = plant('cycles', {
      'core/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'core/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'core/t1.ts': "import type { T2 } from './t2.ts';\nexport interface T1 { x?: T2 }\n",
      'core/t2.ts': "import { t } from './t1.ts';\nexport type T2 = typeof t;\n",
      'core/i1.ts': "import { type I2 } from './i2.ts';\nexport const i = 1 as unknown as I2;\n",
      'core/i2.ts': "import { i } from './i1.ts';\nexport type I2 = typeof i;\n",
    });
    expect(show(g).cycles).toEqual(['core/a.ts → core/b.ts', 'core/i1.ts → core/i2.ts']);
  });

  it('fails on a folder outside the order and on an import of the package entry', () => {
    const g = plant('folders', {
      'index.ts': "export * from './api/x.ts';\n",
      'api/x.ts': "import '../index.ts';\nexport const x = 1;\n",
      'misc/y.ts': 'export const y = 1;\n',
    });
    expect(show(g).back).toEqual([
      'src/misc/y.ts:1 → src/misc/y.ts: folder misc/ is not in the documented order',
      'src/api/x.ts:1 → src/index.ts: imports the package entry',
    ]);
  });

  it('fails on a long file not on the allow-list, and on an allow-list entry no longer needed', () => {
    const g = plant('sizes', {
      'core/long.ts': 'export const x = 1;\n'.repeat(MAX_LINES + 1),
      'core/short.ts': 'export const y = 1;\n',
    });
    expect(oversizedFiles(g, MAX_LINES, new Map([['core/short.ts', 'was long']]))).toEqual({
      over: [`core/long.ts (${MAX_LINES + 1} lines)`],
      stale: ['core/short.ts'],
    });
  });
});
