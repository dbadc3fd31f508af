import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MappingError } from '../../src/core/errors.ts';
import { loadJob } from '../../src/mapping/index.ts';
import { tmp, write } from './helpers.ts';

describe('loadJob', () => {
  it('resolves paths against the job file directory', async () => {
    const dir = tmp();
    const path = write(dir, 'jobs/a.job.yaml', 'out: out/demo\nunits:\n  - mapping: m/x.yaml\n    inputs: [in/A.csv, in/B.csv]\n');
    const job = await loadJob(path);
    expect(job.out).toBe(join(dir, 'jobs/out/demo'));
    expect(job.units).toEqual([{ mapping: join(dir, 'jobs/m/x.yaml'), inputs: [join(dir, 'jobs/in/A.csv'), join(dir, 'jobs/in/B.csv')] }]);
  });

  it('refuses a path escaping the job directory, with its line', async () => {
    const dir = tmp();
    const path = write(dir, 'jobs/a.job.yaml', 'out: out\nunits:\n  - mapping: m.yaml\n    inputs:\n      - ok.csv\n      - ../../etc/passwd\n');
    const err = await loadJob(path, { shownAs: 'a.job.yaml' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as MappingError).line).toBe(6);
    expect((err as Error).message).toMatch(/^a\.job\.yaml:6: input "\.\.\/\.\.\/etc\/passwd" escapes the job's directory/);
    const abs = write(dir, 'jobs/b.job.yaml', 'units:\n  - mapping: /etc/passwd\n    inputs: [x.csv]\n');
    await expect(loadJob(abs)).rejects.toThrow(/:2: mapping "\/etc\/passwd" escapes/);
    const sneaky = write(dir, 'jobs/c.job.yaml', 'units:\n  - mapping: sub/../../m.yaml\n    inputs: [x.csv]\n');
    await expect(loadJob(sneaky)).rejects.toThrow(/escapes/);
  });

  it('lets root: widen the fence to an enclosing directory, and no further', async () => {
    const dir = tmp();
    const path = write(dir, 'samples/demo.job.yaml', 'root: ..\nout: ../out/demo\nunits:\n  - mapping: ../mappings/v.yaml\n    inputs: [v/JUMIN.csv]\n');
    const job = await loadJob(path);
    expect(job.root).toBe(dir);
    expect(job.units[0]!.mapping).toBe(join(dir, 'mappings/v.yaml'));
    const far = write(dir, 'samples/far.job.yaml', 'root: ..\nunits:\n  - mapping: ../../etc/passwd\n    inputs: [x.csv]\n');
    await expect(loadJob(far)).rejects.toThrow(/:3: mapping "\.\.\/\.\.\/etc\/passwd" escapes/);
    const down = write(dir, 'samples/down.job.yaml', 'root: sub\nunits:\n  - mapping: sub/m.yaml\n    inputs: [sub/x.csv]\n');
    await expect(loadJob(down)).rejects.toThrow(/:1: root "sub" must be the job file's directory or one above it/);
    await expect(loadJob(path, { confineTo: join(dir, 'samples') })).rejects.toThrow(/outside the allowed directory/);
  });

  it('reports missing keys and empty lists', async () => {
    const dir = tmp();
    const path = write(dir, 'j.yaml', 'units:\n  - inputs: []\n  - mapping: m.yaml\n');
    const err = await loadJob(path).catch((e: unknown) => e as Error);
    expect((err as Error).message.split('\n')).toEqual([
      `${path}:2: unit: missing "mapping"`,
      `${path}:3: unit: missing "inputs"`,
    ]);
  });
});
