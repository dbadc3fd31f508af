/**
 * Writes the bad-input corpus (test/fixtures/bad/): one small file per failure, and expected.json,
 * the index the reliability test runs (`node --import tsx scripts/make-bad-fixtures.ts`). The two
 * big cases (a 100 MB field, 100,000 columns) are not committed: the test generates them in a temp
 * directory with `writeHugeField` / `writeManyColumns`, streamed, so they never sit in memory.
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { getCharset } from '../src/encoding/index.ts';

export interface BadCase {
  name: string;
  /** What the case is. */
  about: string;
  /** How to run it: convert (with `mapping` over `input`), job (convert --job), mapping-check. */
  run: 'convert' | 'job' | 'mapping-check';
  mapping?: string;
  input?: string;
  job?: string;
  schemas?: string;
  /** Extra command-line arguments. */
  args?: string[];
  /** Generated at test time (not committed). */
  generated?: 'huge-field' | 'many-columns';
  exit: 0 | 1 | 2;
  /** Finding codes that must appear (convert), or the error code of the one-line message (exit 2). */
  codes: string[];
  /** Text the one-line error or the problem lines must hold. */
  message?: string;
  counts?: { read: number; written: number; rejected: number };
}

const HEADER = '番号,氏名,備考\r\n';
const GOOD = '1,山田　太郎,備考です\r\n';
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const cp932 = (s: string) => Buffer.from(getCharset('cp932').encode(s).bytes);
const cat = (...parts: (Buffer | number[])[]) => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));

/** name → [bytes, case]. Inputs are tiny; the header + one good record make each file realistic. */
function corpus(): [string, Buffer | string, BadCase][] {
  const conv = (name: string, about: string, mapping: string, codes: string[], exit: 0 | 1, counts: BadCase['counts']): BadCase =>
    ({ name, about, run: 'convert', mapping, input: `inputs/${name}.csv`, exit, codes, counts });
  return [
    ['inputs/truncated-multibyte-cp932.csv', cat(cp932(HEADER + GOOD + '2,山田　花子,あ'), [0x82]),
      conv('truncated-multibyte-cp932', 'CP932 lead byte 0x82 as the last byte of the file', 'mapping-cp932.yaml', ['ENC_TRUNCATED'], 1, { read: 2, written: 1, rejected: 1 })],
    ['inputs/truncated-multibyte-utf8.csv', cat(utf8(HEADER + GOOD + '2,山田　花子,'), [0xe3, 0x81]),
      conv('truncated-multibyte-utf8', 'UTF-8 sequence E3 81 cut by the end of the file', 'mapping.yaml', ['ENC_TRUNCATED'], 1, { read: 2, written: 1, rejected: 1 })],
    ['inputs/lone-lead-bytes.csv', cat(cp932(HEADER + GOOD + '2,山田'), [0x82], cp932(',x'), [0x81], cp932('\r\n3,山田　次郎,z\r\n')),
      conv('lone-lead-bytes', 'CP932 lead bytes 0x82 and 0x81 followed by a comma and a CR instead of a trail byte', 'mapping-cp932.yaml', ['ENC_INVALID_BYTES'], 1, { read: 3, written: 2, rejected: 1 })],
    ['inputs/invalid-trail-bytes.csv', cat(utf8(HEADER + GOOD + '2,山田'), [0xe3, 0x28, 0xa1], utf8('花子,x\r\n')),
      conv('invalid-trail-bytes', 'UTF-8 lead E3 followed by 0x28, not a continuation byte', 'mapping.yaml', ['ENC_INVALID_BYTES'], 1, { read: 2, written: 1, rejected: 1 })],
    ['inputs/nul-bytes.csv', utf8(HEADER + GOOD + '2,山田\u0000花子,x\r\n'),
      conv('nul-bytes', 'a NUL byte inside a value', 'mapping.yaml', ['CSV_NUL_BYTES'], 1, { read: 2, written: 1, rejected: 1 })],
    ['inputs/bom-middle.csv', cat(utf8(HEADER + GOOD), [0xef, 0xbb, 0xbf], utf8(HEADER + '2,山田　花子,x\r\n')),
      conv('bom-middle', 'two files concatenated: a UTF-8 BOM and a second header in the middle', 'mapping.yaml', ['CSV_BOM_MIDDLE'], 1, { read: 3, written: 2, rejected: 1 })],
    ['inputs/mixed-line-endings.csv', utf8('番号,氏名,備考\r\n1,山田　太郎,a\n2,山田　花子,b\r3,山田　次郎,c\r\n'),
      conv('mixed-line-endings', 'CRLF, LF and CR terminators in one file: all read as record ends', 'mapping.yaml', [], 0, { read: 3, written: 3, rejected: 0 })],
    ['inputs/unclosed-quote-eof.csv', utf8(HEADER + GOOD + '2,"山田　花子,x\r\n3,山田　次郎,y\r\n'),
      conv('unclosed-quote-eof', 'a quote opened in a value and never closed before the end of the file', 'mapping.yaml', ['CSV_UNCLOSED_QUOTE'], 1, { read: 2, written: 1, rejected: 1 })],
    ['inputs/empty.csv', Buffer.alloc(0),
      conv('empty', 'a file of 0 bytes', 'mapping.yaml', ['FILE_EMPTY'], 0, { read: 0, written: 0, rejected: 0 })],
    ['inputs/header-only.csv', utf8(HEADER),
      conv('header-only', 'a header row and no records', 'mapping.yaml', ['FILE_HEADER_ONLY'], 0, { read: 0, written: 0, rejected: 0 })],
    ['inputs/utf16le-bom.csv', cat([0xff, 0xfe], Buffer.from(HEADER + GOOD, 'utf16le')),
      conv('utf16le-bom', 'really UTF-16LE (with BOM), read as UTF-8', 'mapping.yaml', ['ENC_UTF16_INPUT'], 1, { read: 0, written: 0, rejected: 0 })],
    ['inputs/utf16le-nobom.csv', Buffer.from(HEADER + GOOD, 'utf16le'),
      conv('utf16le-nobom', 'really UTF-16LE without BOM, read as CP932', 'mapping-cp932.yaml', ['ENC_UTF16_INPUT'], 1, { read: 0, written: 0, rejected: 0 })],
    ['mapping-ref-cycle.yaml', 'layout: juki/kojin\nsource: { format: csv, charset: utf-8, header: true }\nfields:\n  atenaNo: 番号\n  setaiNo: { ref: shimei }\n  shimei: { ref: setaiNo }\n',
      { name: 'mapping-ref-cycle', about: 'two fields that refer to each other', run: 'convert', mapping: 'mapping-ref-cycle.yaml', input: 'inputs/mixed-line-endings.csv', exit: 2, codes: ['E_MAPPING'], message: 'cycle' }],
    ['mapping-unknown-transform.yaml', 'layout: juki/kojin\nsource: { format: csv, charset: utf-8, header: true }\nfields:\n  atenaNo: { from: 番号, transforms: [frobnicate] }\n',
      { name: 'mapping-unknown-transform', about: 'a transform name chukan does not know', run: 'convert', mapping: 'mapping-unknown-transform.yaml', input: 'inputs/mixed-line-endings.csv', exit: 2, codes: ['E_MAPPING'], message: 'frobnicate' }],
    ['jobs/escape/job.yaml', 'out: out\nunits:\n  - mapping: ../../mapping.yaml\n    inputs: [../../../../../../../../etc/passwd]\n',
      { name: 'job-outside-dir', about: 'a job file whose mapping and input point outside its directory', run: 'job', job: 'jobs/escape/job.yaml', exit: 2, codes: ['E_MAPPING'], message: 'escapes the job' }],
    ['schemas-unsafe/common/defs.schema.json', JSON.stringify({ $id: 'chukan:common/defs', $defs: {} }, null, 2) + '\n', undefined as unknown as BadCase],
    ['schemas-unsafe/evil/redos.schema.json', JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'chukan:evil/redos', title: '危険な正規表現', type: 'object',
      properties: { code: { type: 'string', title: 'コード', pattern: '^(a+)+$' } }, required: ['code'],
    }, null, 2) + '\n', undefined as unknown as BadCase],
    ['mapping-unsafe-regex.yaml', 'layout: evil/redos\nsource: { format: csv, charset: utf-8, header: true }\nfields:\n  code: 番号\n',
      { name: 'layout-unsafe-regex', about: 'a layout whose pattern ^(a+)+$ backtracks catastrophically', run: 'mapping-check', mapping: 'mapping-unsafe-regex.yaml', schemas: 'schemas-unsafe', exit: 1, codes: [], message: 'catastrophic' }],
  ];
}

/** Cases generated at test time. */
export const GENERATED: BadCase[] = [
  { name: 'huge-field', about: 'one 100 MB field (no quote, no line break): stopped by the record cap (one thread: the reader\'s own memory is measured, not worker heaps)', run: 'convert', mapping: 'mapping.yaml', generated: 'huge-field', args: ['--threads', '1'], exit: 1, codes: ['CSV_RECORD_TOO_LONG'], counts: { read: 3, written: 2, rejected: 1 } },
  { name: 'many-columns', about: 'a record of 100,000 columns', run: 'convert', mapping: 'mapping.yaml', generated: 'many-columns', exit: 1, codes: ['CSV_TOO_MANY_FIELDS'], counts: { read: 2, written: 1, rejected: 1 } },
];

export const BAD_DIR = fileURLToPath(new URL('../test/fixtures/bad/', import.meta.url));

export function writeCorpus(dir = BAD_DIR): BadCase[] {
  const cases: BadCase[] = [];
  for (const [rel, bytes, c] of corpus()) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, bytes);
    if (c) cases.push(c);
  }
  const all = [...cases, ...GENERATED];
  writeFileSync(join(dir, 'expected.json'), JSON.stringify(all, null, 2) + '\n');
  return all;
}

async function writeStreamed(path: string, parts: Iterable<Buffer>): Promise<void> {
  const ws = createWriteStream(path);
  for (const p of parts) if (!ws.write(p)) await once(ws, 'drain');
  ws.end();
  await once(ws, 'finish');
}

/** Header, a good record, a record whose 備考 is `bytes` bytes of 'x' (written in 1 MiB pieces), a good record. */
export async function writeHugeField(path: string, bytes: number): Promise<void> {
  const piece = Buffer.alloc(1 << 20, 'x');
  function* parts() {
    yield utf8(HEADER + GOOD + '2,山田　花子,');
    for (let left = bytes; left > 0; left -= piece.length) yield left >= piece.length ? piece : piece.subarray(0, left);
    yield utf8('\r\n3,山田　次郎,z\r\n');
  }
  await writeStreamed(path, parts());
}

/** Header, a good record, a record of `columns` columns. */
export async function writeManyColumns(path: string, columns: number): Promise<void> {
  await writeStreamed(path, [utf8(HEADER + GOOD + '2,山田　花子' + ',x'.repeat(columns - 2) + '\r\n')]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cases = writeCorpus();
  console.log(`wrote ${cases.length} cases to ${BAD_DIR}`);
}
