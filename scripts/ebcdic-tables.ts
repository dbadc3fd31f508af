/**
 * The EBCDIC decode tables chukan ships (tables/*.txt): generated from one stated source, ICU's
 * converters (`uconv`, IBM's CDRA tables as ICU ships them), and checked against independent
 * converters: Java's charsets (`javac`/`java`), GNU libc's iconv and Python's codecs, wherever
 * each has the page.
 *
 *   node --import tsx scripts/ebcdic-tables.ts            write the tables, then compare
 *   node --import tsx scripts/ebcdic-tables.ts --check    regenerate in memory: exit 1 when a
 *                                                         committed table differs; then compare
 *   node --import tsx scripts/ebcdic-tables.ts --oracle   only compare the committed tables
 *
 * These tools are not on a bare machine (uconv comes with ICU's tools, Java with a JDK), so this
 * runs by hand, once per table change; the test suite checks the committed tables by their own
 * properties (test/encoding/ebcdic-tables.test.ts). docs/FIXED.md "Code tables" summarises the
 * last comparison. Output is deterministic (sorted, no timestamps).
 *
 * Probes: each single byte on its own; for pages with a double-byte part, every lead and trail
 * byte 0x40–0xFE as SO lead trail SI (36,481 codes), each probe followed by a separator so that a
 * code a converter drops (unmapped) shows as an empty slot.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TABLES = join(dirname(fileURLToPath(import.meta.url)), '..', 'tables');

interface Page {
  /** chukan's canonical name (src/encoding/ebcdic/index.ts). */
  name: string;
  what: string;
  icu: string;
  java?: string;
  glibc?: string;
  python?: string;
  dbcs?: boolean;
}

/** Every page chukan ships, with each oracle's name for it. */
export const PAGES: readonly Page[] = [
  { name: 'ibm037', what: 'EBCDIC US/Canada (CCSID 37)', icu: 'ibm-37_P100-1995', java: 'IBM037', glibc: 'IBM037', python: 'cp037' },
  { name: 'ibm500', what: 'EBCDIC International Latin-1 (CCSID 500)', icu: 'ibm-500_P100-1995', java: 'IBM500', glibc: 'IBM500', python: 'cp500' },
  { name: 'ibm1047', what: 'EBCDIC Latin-1 open systems, z/OS Unix (CCSID 1047)', icu: 'ibm-1047_P100-1995', java: 'IBM1047', glibc: 'IBM1047' },
  { name: 'ibm1140', what: 'EBCDIC US/Canada with euro (CCSID 1140)', icu: 'ibm-1140_P100-1997', java: 'IBM01140', glibc: 'IBM1140', python: 'cp1140' },
  { name: 'ibm273', what: 'EBCDIC Germany/Austria (CCSID 273)', icu: 'ibm-273_P100-1995', java: 'IBM273', glibc: 'IBM273', python: 'cp273' },
  { name: 'ibm1026', what: 'EBCDIC Turkey Latin-5 (CCSID 1026)', icu: 'ibm-1026_P100-1995', java: 'IBM1026', glibc: 'IBM1026', python: 'cp1026' },
  { name: 'ibm875', what: 'EBCDIC Greek (CCSID 875)', icu: 'ibm-875_P100-1995', java: 'x-IBM875', glibc: 'IBM875', python: 'cp875' },
  { name: 'ibm290', what: 'EBCDIK Japanese katakana (CCSID 290)', icu: 'ibm-290_P100-1995', java: 'IBM290', glibc: 'IBM290' },
  { name: 'ibm930', what: 'Japanese katakana-kanji mixed (CCSID 930)', icu: 'ibm-930_P120-1999', java: 'x-IBM930', glibc: 'IBM930', dbcs: true },
  { name: 'ibm939', what: 'Japanese Latin-kanji mixed (CCSID 939)', icu: 'ibm-939_P120-1999', java: 'x-IBM939', glibc: 'IBM939', dbcs: true },
  { name: 'ibm1390', what: 'Japanese katakana-kanji mixed, 930 + JIS X 0213 and euro (CCSID 1390)', icu: 'ibm-1390_P110-2003', glibc: 'IBM1390', dbcs: true },
  { name: 'ibm1399', what: 'Japanese Latin-kanji mixed, 939 + JIS X 0213 and euro (CCSID 1399)', icu: 'ibm-1399_P110-2003', glibc: 'IBM1399', dbcs: true },
];

type Table = Map<string, string>;

const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
const cps = (s: string) => Array.from(s).map((c) => 'U+' + hex(c.codePointAt(0)!, 4)).join(' ');

/** Runs a converter; a non-zero exit (dropped input) still yields what it wrote. */
function run(cmd: string, args: string[], input?: Buffer): string {
  try {
    return execFileSync(cmd, args, { input, maxBuffer: 64 << 20, stdio: ['pipe', 'pipe', 'ignore'] }).toString('utf8');
  } catch (err) {
    const e = err as { stdout?: Buffer; code?: string };
    if (e.code === 'ENOENT') throw new Error(`${cmd} is not on this machine`);
    if (e.stdout) return e.stdout.toString('utf8');
    throw err;
  }
}

function has(cmd: string): boolean {
  try { execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }); return true; } catch { return false; }
}

/** A byte-by-byte decoder as a function of one probe. */
function singleBytes(decode: (b: Buffer) => string): Table {
  const t: Table = new Map();
  for (let b = 0; b < 256; b++) {
    const out = decode(Buffer.from([b]));
    if (out.length > 0) t.set(hex(b, 2), cps(out));
  }
  return t;
}

/** Every SO lead trail SI probe, separated by 0x25 (LF in the single-byte part of every mixed page). */
function doubleBytes(decodeAll: (input: Buffer) => string): Table {
  const probes: number[] = [];
  const input: number[] = [];
  for (let lead = 0x40; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      probes.push((lead << 8) | trail);
      input.push(0x0e, lead, trail, 0x0f, 0x25);
    }
  }
  const out = decodeAll(Buffer.from(input)).split('\n');
  if (out.length !== probes.length + 1) throw new Error(`expected ${probes.length} slots, got ${out.length - 1}`);
  const t: Table = new Map();
  probes.forEach((code, i) => { if (out[i]!.length > 0) t.set(hex(code, 4), cps(out[i]!)); });
  return t;
}

const icu = {
  version: () => run('uconv', ['--version']).trim(),
  single: (p: Page) => singleBytes((b) => run('uconv', ['--from-callback', 'skip', '-f', p.icu, '-t', 'UTF-8'], b)),
  double: (p: Page) => doubleBytes((b) => run('uconv', ['--from-callback', 'skip', '-f', p.icu, '-t', 'UTF-8'], b)),
};

const glibc = {
  single: (p: Page) => singleBytes((b) => run('iconv', ['-c', '-f', p.glibc!, '-t', 'UTF-8'], b)),
  double: (p: Page) => doubleBytes((b) => run('iconv', ['-c', '-f', p.glibc!, '-t', 'UTF-8'], b)),
};

/** Java's decoders with errors reported (never replaced), one probe at a time. */
const JAVA_SOURCE = `
import java.nio.ByteBuffer; import java.nio.charset.*;
public class Dump {
  static String dec(Charset cs, byte[] in) {
    try { return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in)).toString(); }
    catch (CharacterCodingException e) { return null; }
  }
  static void put(StringBuilder out, String code, String s) {
    if (s == null || s.isEmpty()) return;
    out.append(code).append('\\t');
    final boolean[] first = {true};
    s.codePoints().forEach(c -> { if (!first[0]) out.append(' '); first[0] = false; out.append(String.format("U+%04X", c)); });
    out.append('\\n');
  }
  public static void main(String[] a) {
    Charset cs = Charset.forName(a[0]);
    StringBuilder out = new StringBuilder();
    if (a[1].equals("single")) for (int b = 0; b < 256; b++) put(out, String.format("%02X", b), dec(cs, new byte[] { (byte) b }));
    else for (int l = 0x40; l <= 0xfe; l++) for (int t = 0x40; t <= 0xfe; t++) put(out, String.format("%02X%02X", l, t), dec(cs, new byte[] { 0x0e, (byte) l, (byte) t, 0x0f }));
    System.out.print(out);
  }
}`;

function javaOracle() {
  const dir = mkdtempSync(join(tmpdir(), 'chukan-ebcdic-java-'));
  writeFileSync(join(dir, 'Dump.java'), JAVA_SOURCE);
  run('javac', ['-d', dir, join(dir, 'Dump.java')]);
  const parse = (text: string): Table => new Map(text.split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]));
  return {
    single: (p: Page) => parse(run('java', ['-cp', dir, 'Dump', p.java!, 'single'])),
    double: (p: Page) => parse(run('java', ['-cp', dir, 'Dump', p.java!, 'double'])),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const python = {
  single: (p: Page): Table => new Map(run('python3', ['-c', [
    'for b in range(256):',
    '    try: s = bytes([b]).decode(' + JSON.stringify(p.python) + ')',
    '    except UnicodeDecodeError: continue',
    "    print('%02X\\t%s' % (b, ' '.join('U+%04X' % ord(c) for c in s)))",
  ].join('\n')]).split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string])),
};

function tableFiles(p: Page): { file: string; kind: 'single-byte' | 'double-byte' }[] {
  const files: { file: string; kind: 'single-byte' | 'double-byte' }[] = [{ file: `${p.name}.sbcs.txt`, kind: 'single-byte' }];
  if (p.dbcs) files.push({ file: `${p.name}.dbcs.txt`, kind: 'double-byte' });
  return files;
}

export function renderTable(p: Page, kind: 'single-byte' | 'double-byte', table: Table, version: string): string {
  const header = [
    `# chukan ${kind} decode table for ${p.name}: ${p.what}`,
    `# Generated by scripts/ebcdic-tables.ts from ${version}: uconv -f ${p.icu} -t UTF-8.`,
    '# Data from ICU (Unicode License V3); see tables/README.md.',
    '# Format: hex code <TAB> U+XXXX (one or more, space separated). Lines starting with # are comments.',
  ];
  const lines = [...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([c, v]) => `${c}\t${v}`);
  return header.join('\n') + '\n' + lines.join('\n') + '\n';
}

function readTable(file: string): Table {
  const t: Table = new Map();
  for (const line of readFileSync(join(TABLES, file), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [code, value] = line.split('\t') as [string, string];
    t.set(code, value);
  }
  return t;
}

interface Comparison { oracle: string; compared: number; mismatches: string[] }

/** Codes compared = every probe (256 single bytes; 36,481 pairs); a mismatch is any code where the two differ, mapped or not. */
function compare(oracle: string, ours: Table, theirs: Table, probes: number): Comparison {
  const codes = new Set([...ours.keys(), ...theirs.keys()]);
  const mismatches: string[] = [];
  for (const c of [...codes].sort()) {
    if (ours.get(c) !== theirs.get(c)) mismatches.push(`${c}: ours ${ours.get(c) ?? 'unmapped'}, ${oracle} ${theirs.get(c) ?? 'unmapped'}`);
  }
  return { oracle, compared: probes, mismatches };
}

function main(): void {
  const mode = process.argv.includes('--check') ? 'check' : process.argv.includes('--oracle') ? 'oracle' : 'write';
  if (mode !== 'oracle') {
    if (!has('uconv')) throw new Error('uconv (ICU) is not on this machine: it is the source of the tables');
    const version = icu.version();
    let differ = 0;
    for (const p of PAGES) {
      for (const { file, kind } of tableFiles(p)) {
        const text = renderTable(p, kind, kind === 'single-byte' ? icu.single(p) : icu.double(p), version);
        const path = join(TABLES, file);
        if (mode === 'check') {
          let old = '';
          try { old = readFileSync(path, 'utf8'); } catch { /* a missing table differs */ }
          if (old !== text) { differ++; process.stdout.write(`differs from ${version}: tables/${file}\n`); }
        } else {
          writeFileSync(path, text);
        }
      }
    }
    if (differ) process.exitCode = 1;
  }

  const java = has('javac') && has('java') ? javaOracle() : undefined;
  const hasGlibc = has('iconv');
  const hasPython = has('python3');
  process.stdout.write(`oracles: ${[java ? 'java' : '', hasGlibc ? 'glibc iconv' : '', hasPython ? 'python3 codecs' : ''].filter(Boolean).join(', ') || 'none'}\n`);
  process.stdout.write('page      table  mappings  oracle  codes compared  mismatches\n');
  try {
    for (const p of PAGES) {
      for (const { file, kind } of tableFiles(p)) {
        const ours = readTable(file);
        const single = kind === 'single-byte';
        const probes = single ? 256 : 191 * 191;
        const results: Comparison[] = [];
        if (java && p.java) results.push(compare('java', ours, single ? java.single(p) : java.double(p), probes));
        if (hasGlibc && p.glibc) results.push(compare('glibc', ours, single ? glibc.single(p) : glibc.double(p), probes));
        if (hasPython && p.python && single) results.push(compare('python', ours, python.single(p), probes));
        for (const r of results) {
          process.stdout.write(`${p.name.padEnd(9)} ${single ? 'sbcs' : 'dbcs'}   ${String(ours.size).padStart(8)}  ${r.oracle.padEnd(6)}  ${String(r.compared).padStart(14)}  ${String(r.mismatches.length).padStart(10)}\n`);
          for (const m of r.mismatches.slice(0, 40)) process.stdout.write(`    ${m}\n`);
          if (r.mismatches.length > 40) process.stdout.write(`    … ${r.mismatches.length - 40} more\n`);
        }
      }
    }
  } finally {
    java?.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
