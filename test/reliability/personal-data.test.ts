import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskValue } from '../../src/core/mask.ts';
import { getCharset } from '../../src/encoding/index.ts';
import { createCsvReader } from '../../src/readers/index.ts';
import { listFiles, readCsvRows, ROOT, runChukan, tmp, type RunResult } from './helpers/run.ts';

/**
 * Personal data: no field value in logs (at trace level), masked samples in reports, 0600 files,
 * and no network connection — proven on the bundled demo (samples/demo.job.yaml).
 */
const NO_NET = new URL('./helpers/no-net.mjs', import.meta.url).pathname;
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
let dir: string;
let demo: RunResult;
let logFile: string;
const demoArgs = (out: string, extra: string[] = []) => ['convert', '--job', 'samples/demo.job.yaml', '--out', out, ...extra];

/** Every distinct data value (header rows excluded) of the demo's inputs and outputs, ≥ 2 characters. */
function demoValues(): Set<string> {
  const values = new Set<string>();
  const add = (fields: string[]) => { for (const v of fields) for (const part of [v, v.trim()]) if (Array.from(part).length >= 2) values.add(part); };
  for (const f of ['samples/vendor-a/JUMIN.csv', 'samples/vendor-a/SETAI.csv']) {
    const r = createCsvReader({ file: f, charset: getCharset('cp932') });
    const batches = [r.push(readFileSync(join(ROOT, f))), r.end()];
    let first = true;
    for (const b of batches) for (const rec of b.records) {
      if (first) { first = false; continue; }
      add(rec.fields);
      add([b.text.slice(rec.textStart, rec.textEnd)]);
    }
  }
  return values;
}

beforeAll(async () => {
  dir = tmp();
  logFile = join(dir, 'trace.log');
  demo = await runChukan(demoArgs(join(dir, 'out'), ['--log-level', 'trace', '--log-file', logFile]));
  expect(demo.code, demo.stderr).toBe(1);
  for (const f of ['JUKI_KOJIN.csv', 'JUKI_SETAI.csv']) {
    for (const row of (await readCsvRows(join(dir, 'out', f))).slice(1)) for (const v of row) if (Array.from(v).length >= 2) outputValues.add(v);
  }
}, 120_000);
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });
const outputValues = new Set<string>();

/** All strings in a JSON document (keys and values), numbers excluded. */
function strings(doc: unknown, out: string[] = []): string[] {
  if (typeof doc === 'string') out.push(doc);
  else if (Array.isArray(doc)) for (const x of doc) strings(x, out);
  else if (doc && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) { out.push(k); strings(v, out); }
  return out;
}

/**
 * Values that are also words of chukan's own vocabulary (paths, codes, layout ids): they occur in
 * any run's log whatever the data, so finding them proves nothing either way.
 */
function isVocabulary(v: string, texts: string[]): boolean {
  // 2–3 digit values show up inside counts and offsets; 2-character hex-like codes (異動事由 "C1")
  // inside 外字 code points and source bytes (U+E6C1, F9C1) — neither is the value itself.
  if (/^[0-9]{2,3}$/.test(v)) return texts.every((t) => !t.includes(v) || /\d/.test(t));
  if (/^[0-9A-F]{2}$/.test(v)) return texts.every((t) => !t.replace(/U\+[0-9A-F]{4,6}|\b[0-9A-F]{4}\b/g, '').includes(v));
  return false;
}

describe('personal data', () => {
  it('the masking rule: 山田太郎 → 山＊＊＊, 1234567890 → 12******90, short values fully masked', () => {
    expect(maskValue('山田太郎')).toBe('山＊＊＊');
    expect(maskValue('1234567890')).toBe('12******90');
    expect(maskValue('山')).toBe('＊');
    expect(maskValue('a')).toBe('*');
    expect(maskValue('')).toBe('');
    expect(maskValue('𠮟田')).toBe('𠮟＊');
    expect(maskValue('葛\u{E0100}城')).toBe('葛＊＊');
    expect(maskValue('abc12')).toBe('a****');
    // Any value: same length in code points; at most the first character (or first and last two of
    // a long alphanumeric value) shown; everything else a mask character.
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
      const m = Array.from(maskValue(s));
      const c = Array.from(s);
      expect(m.length).toBe(c.length);
      const shown = m.filter((ch, i) => ch === c[i] && ch !== '*' && ch !== '＊').length;
      if (c.length < 2) expect(shown).toBe(0);
      else if (/^[0-9A-Za-z]{6,}$/.test(s)) expect(shown).toBeLessThanOrEqual(4);
      else expect(shown).toBeLessThanOrEqual(1);
    }), { numRuns: RUNS });
  });

  it('no field value of the input or output appears in the trace-level log', () => {
    const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const texts = lines.flatMap((l) => strings(JSON.parse(l)));
    expect(texts.some((t) => t.includes('JUMIN.csv'))).toBe(true);
    const values = new Set([...demoValues(), ...outputValues]);
    expect(values.size).toBeGreaterThan(500);
    const leaks = (ts: string[]) => [...values].filter((v) => ts.some((t) => t.includes(v)) && !isVocabulary(v, ts));
    expect(leaks(texts)).toEqual([]);
    // The search can fail: a planted name is found.
    const planted = [...values].find((v) => /[\u4e00-\u9fff]{2}/.test(v))!;
    expect(leaks([...texts, `file converted ${planted}`])).toContain(planted);
    // Numbers in the log are counts and times, never values: no value of ≥ 4 digits appears as one.
    const numbers = new Set(lines.flatMap((l) => l.match(/\d{4,}/g) ?? []));
    const numericLeaks = [...values].filter((v) => /^\d{4,}$/.test(v) && numbers.has(v));
    expect(numericLeaks.filter((v) => !/^(19|20)\d\d$/.test(v))).toEqual([]);
  });

  it('report.json holds only masked samples, and no value of ≥ 2 characters', () => {
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    const samples = report.findings.samples.filter((s: { sample?: string }) => s.sample !== undefined);
    expect(samples.length).toBeGreaterThan(3);
    for (const s of samples) expect(s.sample).toMatch(/^(.[*＊]+|[0-9A-Za-z]{2}\*+[0-9A-Za-z]{2}|[*＊])$/u);
    const texts = strings(report);
    const values = new Set([...demoValues(), ...outputValues]);
    const leaked = [...values].filter((v) => texts.some((t) => t.includes(v)) && !isVocabulary(v, texts));
    expect(leaked).toEqual([]);
  });

  it('every file holding values is created 0600 (outputs, rejects, report, log); directories 0700', () => {
    const out = join(dir, 'out');
    const files = listFiles(out);
    expect(files).toEqual(['JUKI_KOJIN.csv', 'JUKI_SETAI.csv', 'rejects/JUMIN.csv.rejects.csv', 'rejects/SETAI.csv.rejects.csv', 'report.json']);
    for (const f of files) expect((statSync(join(out, f)).mode & 0o777).toString(8), f).toBe('600');
    expect((statSync(logFile).mode & 0o777).toString(8)).toBe('600');
    for (const d of [out, join(out, 'rejects')]) expect((statSync(d).mode & 0o777).toString(8), d).toBe('700');
  });

  it('makes no network connection: identical results with networking unshared, and no attempt recorded', async () => {
    const netLog = join(dir, 'net.log');
    // The recorder works: a script that tries is caught.
    const probe = join(dir, 'probe.mjs');
    writeFileSync(probe, "try { await fetch('http://192.0.2.1/'); } catch {}\nimport('node:net').then((n) => { try { n.connect(80, '192.0.2.1'); } catch {} try { n.connect({ host: 'example.com', port: 443 }); } catch {} });\n");
    execFileSync(process.execPath, ['--import', NO_NET, probe], { env: { ...process.env, CHUKAN_TEST_NET_LOG: netLog } });
    expect(readFileSync(netLog, 'utf8').trim().split('\n').sort()).toEqual(['fetch', 'net.connect', 'net.connect']);
    rmSync(netLog);

    const isolated = await runChukan(demoArgs(join(dir, 'isolated')), {
      prefix: ['unshare', '-n'], nodeArgs: ['--import', NO_NET], env: { CHUKAN_TEST_NET_LOG: netLog },
    });
    expect(isolated.code, isolated.stderr).toBe(1);
    expect(existsSync(netLog)).toBe(false);
    for (const f of listFiles(join(dir, 'out')).filter((n) => n !== 'report.json')) {
      expect(readFileSync(join(dir, 'isolated', f)).equals(readFileSync(join(dir, 'out', f))), f).toBe(true);
    }
    const a = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(dir, 'isolated/report.json'), 'utf8'));
    expect(b.totals).toEqual(a.totals);
    expect(b.findings.byCode).toEqual(a.findings.byCode);
  }, 120_000);
});
