import { readFileSync, appendFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBenchData } from '../../bench/generate.ts';
import type { Finding } from '../../src/core/finding.ts';
import { getCharset } from '../../src/encoding/index.ts';
import { compileLayout, loadLayout } from '../../src/layouts/index.ts';
import { compileMapping, loadMapping } from '../../src/mapping/index.ts';
import { cleanseStagesFor } from '../../src/pipeline/cleanse-for-mapping.ts';
import { findRecordStarts } from '../../src/pipeline/byte-ranges.ts';
import { runFileOrSplit } from '../../src/pipeline/parallel-file.ts';
import type { FileRunOptions } from '../../src/pipeline/file-run.ts';
import type { FileStats } from '../../src/pipeline/file-stats.ts';
import { openSourceReader } from '../../src/pipeline/open-reader.ts';
import { readCsvFile } from '../../src/readers/index.ts';
import { tempDir } from '../helpers/temp.ts';

const cp932 = getCharset('cp932');
const enc = (s: string) => Buffer.from(cp932.encode(s).bytes);

/** Records that make byte ranges hard: quoted CRLF/LF/CR runs, doubled and bare quotes, empty lines, invalid bytes, wrong field counts. */
function nastyTail(): Buffer {
  const good = (i: number, biko: string) =>
    `"${String(900000 + i).padStart(10, '0')}","0000599999","山田　太郎","ﾔﾏﾀﾞ ﾀﾛｳ","3500101","1","01","4100101","4100101","920-0810","架空県","架空市","本町","1-2","","1","12345678901","10","4100101",${biko},"","","","123456789018","4100101","","","03-1234-5678","2025-01-01 00:00:00","X"\r\n`;
  const parts: Buffer[] = [];
  for (let i = 0; i < 400; i++) {
    const k = i % 10;
    if (k === 0) parts.push(enc(good(i, '"改行\r\nあり\r\n\r\n二行空き"')));
    else if (k === 1) parts.push(enc(good(i, '"LF\nだけ"')));
    else if (k === 2) parts.push(enc(good(i, '"引用符""二重"""')));
    else if (k === 3) parts.push(enc(good(i, 'bare"quote')));
    else if (k === 4) parts.push(enc('\r\n\r\n'), enc(good(i, '"空行の後"')));
    else if (k === 5) {
      const b = enc(good(i, '"＠＠"'));
      const at = b.indexOf(enc('＠＠'));
      b[at] = 0x85; b[at + 1] = 0x40;
      parts.push(b);
    } else if (k === 6) parts.push(enc('"1","2","3"\r\n'));
    else if (k === 7) parts.push(enc(good(i, '"外字\uE757"')));
    else if (k === 8) parts.push(enc(good(i, '",,,\r\n,,,"').replace(/\r\n$/, '\n')));
    else parts.push(enc(good(i, '"a" x')));
  }
  parts.push(enc('"最後","引用符が閉じない\r\n'));
  return Buffer.concat(parts);
}

let dir: string;
let vendor: string;
let mappingPath: string;

beforeAll(async () => {
  dir = tempDir('chukan-par-');
  const g = await generateBenchData({ records: 3000, out: dir, utf8Copy: false, standard: false, invalidRate: 0.02, brokenPerMillion: 3000, newlinesPerMillion: 20000, gaijiPerMillion: 5000 });
  vendor = g.vendor;
  mappingPath = g.mapping;
  appendFileSync(vendor, nastyTail());
});

interface Outcome { out: Buffer; rejects: Buffer; findings: Finding[]; stats: unknown }

type Writer = NonNullable<FileRunOptions['output']>['writer'];

async function convertOnce(threads: number, rangeBytes: number, input = vendor, onRangeRestart?: (range: number) => void, writer?: (out: Buffer[]) => Writer): Promise<Outcome> {
  const vendor = input;
  const mapping = await loadMapping(mappingPath);
  const layout = compileLayout(loadLayout(mapping.layout));
  const out: Buffer[] = [];
  const rejects: Buffer[] = [];
  const findings: Finding[] = [];
  // The mapping has no cleanse section: its one stage is the default 外字 check, which range
  // workers rebuild themselves — the single-threaded run must use the same stage.
  const cleanse = await cleanseStagesFor(mapping, layout, { file: 'JUMIN30.csv' });
  const stats = await runFileOrSplit({
    file: 'JUMIN30.csv',
    batches: openSourceReader(mapping, vendor),
    header: true,
    makeMapper: (h) => compileMapping(mapping, { layoutFields: layout.fields.map((f) => f.id), sourceHeader: h }),
    validator: layout,
    beforeValidate: cleanse.beforeValidate,
    output: { writer: writer ? writer(out) : { write: async (b) => { out.push(Buffer.from(b)); } }, charset: getCharset('utf-8'), header: layout.fields.map((f) => f.title), newline: '\r\n' },
    rejects: { write: async (b) => { rejects.push(Buffer.from(b)); } },
    onFinding: (f) => findings.push(f),
  }, {
    path: vendor, readerFile: vendor, size: statSync(vendor).size, threads, rangeBytes, minBytes: 0,
    job: { kind: 'convert', mappingPath }, csv: { charset: 'cp932', delimiter: ',', quote: '"', columns: 'first' },
    stagesRunInWorkers: true, onRangeRestart,
  });
  return { out: Buffer.concat(out), rejects: Buffer.concat(rejects), findings, stats };
}

/** Output, rejects, findings in order and counts: what "byte-identical to one thread" means here. */
function expectSameRun(par: Outcome, one: Outcome): void {
  expect(par.out.equals(one.out)).toBe(true);
  expect(par.rejects.equals(one.rejects)).toBe(true);
  expect(par.findings).toEqual(one.findings);
  expect(par.stats).toEqual(one.stats);
}

/**
 * A two-thread split convert of the test file with 8 KiB ranges: `run` adds or overrides run
 * options (output, signal…); `mappingFile` is what the runners load (default: the test mapping).
 */
async function splitConvert(run: Partial<FileRunOptions>, mappingFile = mappingPath): Promise<FileStats> {
  const mapping = await loadMapping(mappingFile);
  const layout = compileLayout(loadLayout(mapping.layout));
  return runFileOrSplit({
    file: 'JUMIN30.csv',
    batches: openSourceReader(mapping, vendor),
    header: true,
    makeMapper: (h) => compileMapping(mapping, { layoutFields: layout.fields.map((f) => f.id), sourceHeader: h }),
    validator: layout,
    ...run,
  }, {
    path: vendor, readerFile: vendor, size: statSync(vendor).size, threads: 2, rangeBytes: 8192, minBytes: 0,
    job: { kind: 'convert', mappingPath: mappingFile }, csv: { charset: 'cp932', delimiter: ',', quote: '"', columns: 'first' },
  });
}

describe('worker threads over record-aligned byte ranges', () => {
  it('boundaries found by the scan are the reader\'s record starts, with their record numbers and lines', async () => {
    const size = statSync(vendor).size;
    const cuts = Array.from({ length: 40 }, (_, k) => Math.floor((size * (k + 1)) / 41));
    const starts = await findRecordStarts(vendor, { charset: cp932 }, cuts);
    const records: { record: number; line: number; offset: number }[] = [];
    for await (const b of readCsvFile(vendor, { charset: cp932, columns: 'first' })) for (const r of b.records) records.push(r);
    for (const [k, s] of starts!.entries()) {
      const want = records.find((r) => r.offset >= cuts[k]);
      if (!want) { expect(s).toBeNull(); continue; }
      expect(s).toEqual({ offset: want.offset, recordsBefore: want.record - 1, line: want.line });
    }
  });

  it('output blocks go back to the runner once written, are reused, and are never refilled before then', async () => {
    const one = await convertOnce(1, 1 << 30);
    const seen = new Set<ArrayBufferLike>();
    let writes = 0;
    let reused = 0;
    let changedBeforeDone = 0;
    let done = 0;
    // Like AtomicFileWriter: keeps the view, and says "done" a little later (as a flush would).
    const writer = (out: Buffer[]): Writer => ({
      write: async (b, onDone) => {
        writes++;
        if (seen.has(b.buffer)) reused++;
        seen.add(b.buffer);
        const copy = Buffer.from(b);
        out.push(copy);
        setImmediate(() => {
          if (!Buffer.from(b.buffer, b.byteOffset, b.byteLength).equals(copy)) changedBeforeDone++;
          done++;
          onDone?.();
        });
      },
    });
    const par = await convertOnce(2, 7919, vendor, undefined, writer);
    expectSameRun(par, one);
    expect(writes).toBeGreaterThan(20);
    expect(done).toBe(writes);
    expect(changedBeforeDone).toBe(0);
    // The in-thread runner's blocks come back as the same objects (a worker's are transferred anew).
    expect(reused).toBeGreaterThan(0);
  });

  it('output, rejects (record, line, offset), findings and counts are byte-identical to the single-threaded run', async () => {
    const one = await convertOnce(1, 1 << 30);
    expect(one.rejects.length).toBeGreaterThan(1000);
    expect(new Set(one.findings.map((f) => f.code)).size).toBeGreaterThan(5);
    for (const [threads, rangeBytes] of [[2, 7919], [3, 65536], [2, 300000]] as const) {
      const par = await convertOnce(threads, rangeBytes);
      expectSameRun(par, one);
    }
  }, 120_000);

  it('ranges cut inside quoted line breaks are run again from where the last one ended: same bytes', async () => {
    // A third of the records hold quoted line breaks, and ranges of ~2 records: most cuts land inside one.
    const g = await generateBenchData({ records: 1500, out: join(dir, 'multiline'), utf8Copy: false, standard: false, newlinesPerMillion: 330000, brokenPerMillion: 5000, seed: 9 });
    const one = await convertOnce(1, 1 << 30, g.vendor);
    let restarts = 0;
    const par = await convertOnce(2, 700, g.vendor, () => restarts++);
    expect(restarts).toBeGreaterThan(20);
    expectSameRun(par, one);
  }, 120_000);

  it('a header-only file and a file with lone CR terminators split as they read whole', async () => {
    const headerOnly = join(dir, 'header-only.csv');
    const first = readFileSync(vendor).subarray(0, readFileSync(vendor).indexOf(0x0a) + 1);
    writeFileSync(headerOnly, first);
    const a1 = await convertOnce(1, 1 << 30, headerOnly);
    const a2 = await convertOnce(2, 64, headerOnly);
    expectSameRun(a2, a1);
    expect(a2.findings.map((f) => f.code)).toContain('FILE_HEADER_ONLY');
    const crOnly = join(dir, 'cr-only.csv');
    writeFileSync(crOnly, Buffer.from(readFileSync(vendor).subarray(0, 200000).toString('latin1').replace(/\r\n/g, '\r'), 'latin1'));
    const b1 = await convertOnce(1, 1 << 30, crOnly);
    const b2 = await convertOnce(2, 5000, crOnly);
    expectSameRun(b2, b1);
  }, 120_000);

  it('validate (no output, no rejects file) over ranges gives the single-threaded findings and counts', async () => {
    const std = join(dir, 'std');
    const g = await generateBenchData({ records: 3000, out: std, utf8Copy: false, standard: true, invalidRate: 0.05, seed: 4 });
    const layout = compileLayout(loadLayout('juki/kojin'));
    const once = async (threads: number) => {
      const seen: Finding[] = [];
      const stats = await runFileOrSplit({
        file: 'std.csv', batches: readCsvFile(g.standard!, { charset: getCharset('utf-8'), columns: 'first' }), header: true, validator: layout, onFinding: (f) => seen.push(f),
      }, { path: g.standard!, size: statSync(g.standard!).size, threads, rangeBytes: 5000, minBytes: 0, job: { kind: 'validate', layout: 'juki/kojin' }, csv: { charset: 'utf-8', columns: 'first' } });
      return { stats, seen };
    };
    const one = await once(1);
    const par = await once(2);
    expect(one.stats.rejected).toBeGreaterThan(20);
    expect(par.seen).toEqual(one.seen);
    expect(par.stats).toEqual(one.stats);
  }, 60_000);

  it('a file whose first record the reader flags is not split (read whole instead)', async () => {
    const p = join(dir, 'bom.csv');
    writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(vendor)]));
    const seen: Finding[] = [];
    const layout = compileLayout(loadLayout('juki/kojin'));
    const stats = await runFileOrSplit({
      file: 'bom.csv', batches: readCsvFile(p, { charset: cp932, columns: 'first' }), header: true, validator: layout, onFinding: (f) => seen.push(f),
    }, { path: p, size: statSync(p).size, threads: 2, rangeBytes: 4096, minBytes: 0, job: { kind: 'validate', layout: 'juki/kojin' }, csv: { charset: 'cp932', columns: 'first' } });
    expect(seen[0].code).toBe('CSV_BOM_CHARSET_MISMATCH');
    expect(stats.read).toBe(0);
  });
});

describe('worker threads: interrupt', () => {
  it('an abort stops the workers and returns counts that reconcile for the ranges written', async () => {
    const ac = new AbortController();
    let parts = 0;
    const stats = await splitConvert({
      output: { writer: { write: async () => { if (++parts === 3) ac.abort(); } }, charset: getCharset('utf-8'), newline: '\r\n' },
      signal: ac.signal,
    });
    expect(ac.signal.aborted).toBe(true);
    expect(stats.read).toBeLessThan(3000);
    expect(stats.read).toBe(stats.written + stats.rejected + stats.duplicates);
  }, 60_000);
});

describe('worker threads: interrupted before the split starts', () => {
  it('a signal already aborted ends the split run at once, with nothing read and no findings', async () => {
    const ac = new AbortController();
    ac.abort();
    const findings: Finding[] = [];
    const stats = await splitConvert({
      output: { writer: { write: async () => { throw new Error('nothing may be written'); } }, charset: getCharset('utf-8'), newline: '\r\n' },
      onFinding: (f) => findings.push(f),
      signal: ac.signal,
    });
    expect(stats.read).toBe(0);
    expect(findings).toEqual([]);
  }, 20_000);
});

describe('the main thread as a range runner', () => {
  it('a task that fails on this thread or in the worker ends the split run with that error, not a hang', async () => {
    // The test mapping for this thread's reader; a mapping path no runner can load.
    const mapping = await loadMapping(mappingPath);
    const layout = compileLayout(loadLayout(mapping.layout));
    const run = runFileOrSplit({
      file: 'JUMIN30.csv',
      batches: openSourceReader(mapping, vendor),
      header: true,
      makeMapper: (h) => compileMapping(mapping, { layoutFields: layout.fields.map((f) => f.id), sourceHeader: h }),
      validator: layout,
    }, {
      path: vendor, readerFile: vendor, size: statSync(vendor).size, threads: 2, rangeBytes: 8192, minBytes: 0,
      job: { kind: 'convert', mappingPath: join(dir, 'no-such-mapping.yaml') }, csv: { charset: 'cp932', delimiter: ',', quote: '"', columns: 'first' },
    });
    await expect(run).rejects.toThrow(/no-such-mapping/);
  }, 60_000);

  it('a later run in the same process sees a mapping edited in between (no process-wide cache on this thread)', async () => {
    const edited = join(dir, 'edited.yaml');
    const run = async () => {
      const out: Buffer[] = [];
      await splitConvert({
        output: { writer: { write: async (b) => { out.push(Buffer.from(b)); } }, charset: getCharset('utf-8'), newline: '\r\n' },
      }, edited);
      return Buffer.concat(out).toString('utf8');
    };
    const text = readFileSync(mappingPath, 'utf8');
    const before = 'kyuuji: { from: 旧氏, transforms: [trim] }';
    expect(text).toContain(before);
    writeFileSync(edited, text);
    const first = await run();
    writeFileSync(edited, text.replace(before, 'kyuuji: { const: "検定" }'));
    const second = await run();
    const count = (t: string, s: string) => t.split(s).length - 1;
    expect(count(first, ',検定,')).toBe(0);
    // Ranges on both runners (8 KiB ranges over ~1 MB) all hold the edited constant.
    expect(count(second, ',検定,')).toBeGreaterThan(2000);
  }, 60_000);

  it('importing the task runner never listens on the importer\'s own parentPort', async () => {
    const { Worker } = await import('node:worker_threads');
    const url = new URL('../../src/pipeline/range-task.ts', import.meta.url).href;
    const w = new Worker(`
      const { parentPort, workerData } = require('node:worker_threads');
      import('tsx/esm/api').then((tsx) => { tsx.register(); return import(workerData.url); })
        .then((m) => parentPort.postMessage({ exports: typeof m.runTask, listeners: parentPort.listenerCount('message') }));
    `, { eval: true, workerData: { url } });
    const reply = await new Promise<{ exports: string; listeners: number }>((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
    await w.terminate();
    expect(reply).toEqual({ exports: 'function', listeners: 0 });
  }, 60_000);
});
