import { cpSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/api/convert.ts';
import { ROOT, tmp } from './helpers/run.ts';

/**
 * --resume skips a unit only when its previous entries are complete, its mapping, layout and
 * inputs are unchanged, and its output and rejects files still hash to what report.json recorded.
 * In process (the API), on a copy of the demo.
 */
let dir: string;
let job: string;
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const resumedInputs = (r: Awaited<ReturnType<typeof convert>>) => r.report.files.filter((f) => f.resumed).map((f) => f.input).sort();

beforeAll(async () => {
  dir = tmp();
  cpSync(join(ROOT, 'samples/vendor-a'), join(dir, 'in'), { recursive: true });
  cpSync(join(ROOT, 'mappings/vendor-a'), join(dir, 'mappings'), { recursive: true });
  job = join(dir, 'job.yaml');
  writeFileSync(job, 'out: out\nunits:\n  - mapping: mappings/juki-kojin.yaml\n    inputs: [in/JUMIN.csv]\n  - mapping: mappings/juki-setai.yaml\n    inputs: [in/SETAI.csv]\n');
  await convert({ job, relativeTo: dir });
});
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('convert --resume', () => {
  it('report.json records the SHA-256 of every output and rejects file as written, and the input size/mtime', () => {
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    for (const f of report.files) {
      expect(f.outputSha256).toBe(sha(join(dir, f.output)));
      expect(f.rejectsSha256).toBe(sha(join(dir, f.rejects)));
      expect(f.inputSize).toBe(readFileSync(join(dir, f.input)).length);
      expect(typeof f.inputMtimeMs).toBe('number');
    }
  });

  it('skips verified units, keeps the totals, and converts again what changed', async () => {
    const first = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    const all = await convert({ job, relativeTo: dir, resume: true });
    expect(resumedInputs(all)).toEqual(['in/JUMIN.csv', 'in/SETAI.csv']);
    expect(all.report.totals).toEqual(first.totals);
    expect(Object.fromEntries(Object.entries(all.report.findings.byCode).map(([k, v]) => [k, v.count])))
      .toEqual(Object.fromEntries(Object.entries(first.findings.byCode).map(([k, v]) => [k, (v as { count: number }).count])));
    expect(all.exitCode).toBe(1);

    // An input touched (same bytes, new mtime) → its unit runs again.
    utimesSync(join(dir, 'in/SETAI.csv'), new Date(), new Date(Date.now() + 5000));
    expect(resumedInputs(await convert({ job, relativeTo: dir, resume: true }))).toEqual(['in/JUMIN.csv']);

    // A mapping changed → its unit runs again.
    writeFileSync(join(dir, 'mappings/juki-kojin.yaml'), readFileSync(join(dir, 'mappings/juki-kojin.yaml'), 'utf8') + '\n# changed\n');
    expect(resumedInputs(await convert({ job, relativeTo: dir, resume: true }))).toEqual(['in/SETAI.csv']);

    // A rejects file edited → runs again; a missing output → runs again.
    writeFileSync(join(dir, 'out/rejects/SETAI.csv.rejects.csv'), 'edited');
    rmSync(join(dir, 'out/JUKI_KOJIN.csv'));
    const r = await convert({ job, relativeTo: dir, resume: true });
    expect(resumedInputs(r)).toEqual([]);
    expect(r.report.totals).toEqual(first.totals);

    // Without --resume nothing is skipped.
    expect(resumedInputs(await convert({ job, relativeTo: dir }))).toEqual([]);
  }, 60_000);
});
