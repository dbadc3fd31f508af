/**
 * Benchmark of `chukan check` on a generated delivery (住民基本台帳 + 国民健康保険 + 住登外管理,
 * consistent keys across files), measured from outside: the check runs as a child process under
 * /usr/bin/time -v (peak RSS = "Maximum resident set size"); without it, /proc/<pid>/status VmHWM
 * is polled.
 *
 *   node --import tsx bench/check.ts [--records 10000000] [--dir /tmp/chukan-bench-check] [--keep]
 *
 * The delivery is generated once per size (rows from the layout-driven sample generator, repeated
 * with fresh keys, so 10 million records take minutes, not hours) and reused by later runs.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { makeManifest } from '../src/api/manifest.ts';
import { formatCsvRow } from '../src/pipeline/csv-format.ts';
import { createRng, generateRecord, randomMunicipality } from '../src/layouts/sample-generator.ts';
import { compileLayout, loadLayout, type CompiledLayout } from '../src/layouts/index.ts';
import { FILES, makeTestSchemas, type LayoutId } from '../test/check/delivery.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '10000000' },
    dir: { type: 'string', default: '/tmp/chukan-bench-check' },
    keep: { type: 'boolean', default: false },
  },
});
const target = Number(values.records);
const root = `${values.dir}-${target}`;
const dir = join(root, 'delivery');
const outDir = join(root, 'delivery-check');

/** Records per person, per layout (sums to ~4.19): households of 3, every 2nd household in 国保. */
const PER_PERSON = 1 + 1 / 3 + 1 + 1 / 6 + 1 / 6 + 0.5 + 0.5 + 0.5 + 0.02;

class Out {
  private buf: string[] = [];
  private size = 0;
  readonly stream;
  constructor(path: string, header: string[]) {
    this.stream = createWriteStream(path);
    this.buf.push(formatCsvRow(header));
  }
  row(values: string[]): void {
    const s = formatCsvRow(values);
    this.buf.push(s);
    this.size += s.length;
  }
  get full(): boolean {
    return this.size > 1 << 20;
  }
  async flush(): Promise<void> {
    if (!this.stream.write(this.buf.join(''))) await once(this.stream, 'drain');
    this.buf = [];
    this.size = 0;
  }
  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

async function generate(schemasDir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const persons = Math.ceil(target / PER_PERSON);
  const rng = createRng(42);
  const dantaiCode = randomMunicipality(rng).dantaiCode;
  const layouts = new Map<LayoutId, CompiledLayout>();
  const pools = new Map<LayoutId, string[][]>();
  const outs = new Map<LayoutId, Out>();
  for (const id of Object.keys(FILES) as LayoutId[]) {
    const l = compileLayout(loadLayout(id, { schemasDir }));
    layouts.set(id, l);
    pools.set(id, Array.from({ length: 997 }, () => generateRecord(l, rng, { variant: 'valid', fixed: { dantaiCode, rirekiRenban: '1', idoRenban: '1' } })));
    outs.set(id, new Out(join(dir, FILES[id]), l.fields.map((f) => f.title)));
  }
  let n = 0;
  const put = (id: LayoutId, keys: Record<string, string>) => {
    const l = layouts.get(id)!;
    const pool = pools.get(id)!;
    const row = [...pool[n++ % pool.length]];
    for (const [k, v] of Object.entries(keys)) {
      const i = l.fieldIndex.get(k);
      if (i !== undefined) row[i] = v;
    }
    outs.get(id)!.row(row);
  };
  const atena = (i: number) => String(10000000 + i);
  const setai = (h: number) => String(50000000 + h);
  let kyufu = 0;
  for (let h = 0; h * 3 < persons; h++) {
    const members = [h * 3, h * 3 + 1, h * 3 + 2].filter((i) => i < persons);
    put('juki/setai', { setaiNo: setai(h), setainushiAtenaNo: atena(members[0]) });
    for (const i of members) {
      put('juki/kojin', { atenaNo: atena(i), setaiNo: setai(h) });
      put('juki/ido', { atenaNo: atena(i), setaiNo: setai(h) });
    }
    if (h % 2 === 0) {
      put('kokuho/setai', { setaiNo: setai(h), setainushiAtenaNo: atena(members[0]) });
      put('kokuho/fuka', { setaiNo: setai(h) });
      for (const i of members) {
        put('kokuho/hihokensha', { atenaNo: atena(i), setaiNo: setai(h) });
        put('kokuho/shikaku', { atenaNo: atena(i), setaiNo: setai(h) });
        put('kokuho/kyufu', { kyufuNo: String(++kyufu), atenaNo: atena(i) });
      }
    }
    if (h % 150 === 0) put('jutogai/kojin', { atenaNo: String(90000000 + h) });
    if (h % 1024 === 0) for (const o of outs.values()) if (o.full) await o.flush();
  }
  for (const o of outs.values()) await o.end();
}

async function main(): Promise<void> {
  const schemasDir = existsSync(join(root, 'schemas')) ? join(root, 'schemas') : makeTestSchemas(root);
  if (!existsSync(join(dir, 'manifest.json'))) {
    const t0 = Date.now();
    await generate(schemasDir);
    const m = await makeManifest({ dir, schemasDir });
    console.error(`generated ${m.manifest.totals.records.toLocaleString('en-US')} records, ${(m.manifest.totals.bytes / 1048576).toFixed(0)} MiB in ${((Date.now() - t0) / 1000).toFixed(1)} s (generation + manifest)`);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const bin = new URL('../bin/chukan.js', import.meta.url).pathname;
  const args = ['check', dir, '--schemas', schemasDir, '--out', outDir];
  const useTime = existsSync('/usr/bin/time');
  const cmd = useTime ? '/usr/bin/time' : process.execPath;
  const cmdArgs = useTime ? ['-v', process.execPath, bin, ...args] : [bin, ...args];
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  let vmHwmKiB = 0;
  const poll = useTime ? undefined : setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) vmHwmKiB = Math.max(vmHwmKiB, Number(m[1]));
    } catch { /* exited */ }
  }, 100);
  const [code] = (await once(child, 'exit')) as [number];
  if (poll) clearInterval(poll);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuSeconds = useTime
    ? Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? 0) + Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? 0)
    : undefined;
  const rssKiB = useTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0) : vmHwmKiB;
  const report = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8'));
  const records = manifest.totals.records as number;
  console.log(JSON.stringify({
    records,
    files: manifest.totals.files,
    mib: Math.round(manifest.totals.bytes / 1048576),
    exitCode: code,
    verdict: report.verdict,
    findings: report.totals.findings,
    seconds: Math.round(secs * 10) / 10,
    recordsPerSecond: Math.round(records / secs),
    cpuSeconds,
    loadAverage: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10),
    peakRssMiB: Math.round(rssKiB / 1024),
    keyIndex: report.keys.index,
    measuredWith: useTime ? '/usr/bin/time -v' : '/proc/<pid>/status VmHWM',
  }, null, 2));
  if (code !== 0) console.error(stdout.split('\n').slice(-20).join('\n'));
  if (!values.keep) rmSync(outDir, { recursive: true, force: true });
  void statSync;
}

await main();
