import { describe, expect, it } from 'vitest';
import { InputNotFoundError, MappingError } from '../../src/core/errors.ts';
import { loadMapping, readMapping } from '../../src/mapping/index.ts';
import { MappingProblems } from '../../src/mapping/problems.ts';
import { tmp, write } from './helpers.ts';

const HEAD = `layout: juki/kojin
source:
  charset: cp932
  header: true
fields:
`;

async function problemsOf(yaml: string, extra: Record<string, string> = {}) {
  const dir = tmp();
  for (const [rel, text] of Object.entries(extra)) write(dir, rel, text);
  const path = write(dir, 'm.yaml', yaml);
  const { problems } = await readMapping(path, { shownAs: 'm.yaml' });
  return problems.map((p) => ({ line: p.line, message: p.message }));
}

describe('loadMapping', () => {
  it('loads a full mapping', async () => {
    const dir = tmp();
    write(dir, 'codes/zokugara.csv', 'from,to\r\n01,02\r\n"1,0",03\r\n');
    const path = write(dir, 'm.yaml', HEAD + `  atena_no: { from: 宛名番号, transforms: [trim, { pad: { length: 15 } }] }
  shimei_kana:
    from: カナ氏名
    transforms:
      - width: hankakuKanaToZenkaku
      - trim
  seinengappi:
    from: 3
    transforms:
      - wareki: { eraDigits: "1", zeroMonthDay: keep }
  zokugara:
    from: "続柄"
    transforms:
      - codeMap: { file: codes/zokugara.csv, header: true }
  jusho: { from: [住所1, 住所2], transforms: [{ join: "　" }] }
  kubun: { const: "01" }
  kana_copy: { ref: shimei_kana, default: "-" }
  sei: 性別
output: { charset: cp932 }
`);
    const m = await loadMapping(path);
    expect(m.layout).toBe('juki/kojin');
    expect(m.source).toMatchObject({ format: 'csv', charset: 'cp932', header: true, delimiter: ',', quote: '"' });
    expect(m.output.charset).toBe('cp932');
    expect(m.fields.map((f) => f.target)).toEqual(['atena_no', 'shimei_kana', 'seinengappi', 'zokugara', 'jusho', 'kubun', 'kana_copy', 'sei']);
    expect(m.fields[2]!.source).toEqual({ kind: 'columns', columns: [{ index: 3 }] });
    expect(m.fields[3]!.source).toEqual({ kind: 'columns', columns: [{ name: '続柄' }] });
    expect(m.fields[5]!.source).toEqual({ kind: 'const', value: '01' });
    expect(m.fields[6]!.default).toBe('-');
    expect(m.fields[7]!.source).toEqual({ kind: 'columns', columns: [{ name: '性別' }] });
    expect((m.fields[3]!.transforms[0]!.fn as (v: string) => unknown)('1,0')).toBe('03');
  });

  it('keeps scalars as written (01 stays 01, yes stays text)', async () => {
    const dir = tmp();
    const path = write(dir, 'm.yaml', HEAD + '  a: { const: 001 }\n  b: { const: yes }\n');
    const m = await loadMapping(path);
    expect(m.fields.map((f) => f.source)).toEqual([{ kind: 'const', value: '001' }, { kind: 'const', value: 'yes' }]);
  });

  it('accepts JSON with line numbers', async () => {
    const problems = await problemsOf('{\n  "layout": "juki/kojin",\n  "fields": {\n    "a": { "from": "x", "transforms": ["nope"] }\n  }\n}\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(4);
    expect(problems[0]!.message).toMatch(/^m\.yaml:4: .*unknown transform "nope"/);
  });

  it('reports every problem with its own line', async () => {
    const problems = await problemsOf(HEAD + [
      '  a: { from: x, transforms: [frobnicate] }', // 6
      '  b:', // 7
      '    from: y', // 8
      '    transforms:', // 9
      '      - pad: { length: ten }', // 10
      '  c: { from: z, transforms: [{ pad: { length: 3, colour: red } }] }', // 11
      '  d: { from: z, const: "1" }', // 12
      '  e: { from: z, transforms: [{ width: sideways }] }', // 13
      '  f: { from: z, transforms: [{ replace: { from: "" } }] }', // 14
      '  g: { from: [p, q] }', // 15
      '  h: { from: z, transforms: [trim, { join: "" }] }', // 16
      '  i: { from: z, transforms: [{ wareki: { eras: { "1": edo } } }] }', // 17
    ].join('\n') + '\n');
    const byLine = new Map(problems.map((p) => [p.line, p.message]));
    expect(byLine.get(6)).toMatch(/unknown transform "frobnicate"/);
    expect(byLine.get(10)).toMatch(/length must be a whole number/);
    expect(byLine.get(11)).toMatch(/unknown argument "colour"/);
    expect(byLine.get(12)).toMatch(/exactly one of from, const or ref/);
    expect(byLine.get(13)).toMatch(/mode must be one of/);
    expect(byLine.get(14)).toMatch(/"from" must not be empty/);
    expect(byLine.get(15)).toMatch(/first transform must combine/);
    expect(byLine.get(16)).toMatch(/join combines several columns and must be the first/);
    expect(byLine.get(17)).toMatch(/unknown era "edo"/);
    expect(problems).toHaveLength(9);
  });

  it('detects ref cycles and names them', async () => {
    const problems = await problemsOf(HEAD + '  a: { ref: b }\n  b: { ref: c }\n  c: { ref: a }\n  d: { ref: nowhere }\n');
    expect(problems.map((p) => p.message)).toEqual([
      'm.yaml:6: fields refer to each other in a cycle: a → b → c → a',
      'm.yaml:9: field d: ref "nowhere" is not a field of this mapping',
    ]);
    const self = await problemsOf(HEAD + '  a: { ref: a }\n');
    expect(self[0]!.message).toMatch(/cycle: a → a/);
  });

  it('checks source columns against source.columns when the file has no header', async () => {
    const yaml = `layout: juki/kojin
source:
  header: false
  columns: [番号, 氏名]
fields:
  a: 番号
  b: { from: 住所 }
  c: { from: 3 }
  d: { from: 2 }
`;
    const problems = await problemsOf(yaml);
    expect(problems.map((p) => [p.line, p.message.replace(/^m\.yaml:\d+: /, '')])).toEqual([
      [7, 'from: "住所" is not in source.columns'],
      [8, 'from: column 3 is beyond source.columns (2 columns)'],
    ]);
    const noNames = await problemsOf('layout: juki/kojin\nsource: { header: false }\nfields:\n  a: 名前\n  b: 1\n');
    expect(noNames.map((p) => p.line)).toEqual([4]);
  });

  it('reports bad code tables at the file argument, with the table line', async () => {
    const problems = await problemsOf(HEAD + '  a:\n    from: x\n    transforms:\n      - codeMap:\n          file: t.csv\n', { 't.csv': '1,A\n2,B\n1,C\n' });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(10);
    expect(problems[0]!.message).toMatch(/t\.csv line 3: code "1" is mapped twice/);
    const missing = await problemsOf(HEAD + '  a: { from: x, transforms: [{ codeMap: { file: none.csv } }] }\n');
    expect(missing[0]!.message).toMatch(/m\.yaml:6: .*cannot read .*none\.csv/);
    const cols = await problemsOf(HEAD + '  a: { from: x, transforms: [{ codeMap: { file: t.csv } }] }\n', { 't.csv': '1,A,extra\n' });
    expect(cols[0]!.message).toMatch(/expected 2 columns/);
  });

  it('reads code tables with the real CSV reader and decoder: bad bytes and broken quotes are refused with their line', async () => {
    const yaml = HEAD + '  a: { from: x, transforms: [{ codeMap: { file: t.csv } }] }\n';
    // A CP932 table where UTF-8 is required: the bytes of 山 (8E 52) are not UTF-8.
    const sjis = await problemsOf(yaml, { 't.csv': Buffer.from([0x31, 0x2c, 0x41, 0x0a, 0x32, 0x2c, 0x8e, 0x52, 0x0a]) as unknown as string });
    expect(sjis.map((p) => p.message)).toEqual([expect.stringMatching(/code table \S*t\.csv line 2: not valid CSV \(ENC_INVALID_BYTES\)/)]);
    const quote = await problemsOf(yaml, { 't.csv': '1,A\n2,"B\n' });
    expect(quote[0]!.message).toMatch(/code table \S*t\.csv line 2: not valid CSV \(CSV_UNCLOSED_QUOTE\)/);
    // Quoted values, a quoted line break and a BOM read as in a delivered file.
    const ok = await problemsOf(yaml, { 't.csv': '\ufeff"1",A\r\n"2\n2",B\r\n' });
    expect(ok).toEqual([]);
  });

  it('reports YAML syntax errors and unknown keys with lines', async () => {
    const syntax = await problemsOf('layout: juki/kojin\nfields:\n  a: { from: x\n');
    expect(syntax[0]!.message).toMatch(/^m\.yaml:\d: not valid YAML/);
    const dup = await problemsOf(HEAD + '  a: x\n  a: y\n');
    expect(dup[0]!.message).toMatch(/not valid YAML/);
    const keys = await problemsOf('layout: juki/kojin\nsauce: {}\nsource: { charset: klingon, format: fixd }\nfields: {}\n');
    expect(keys.map((p) => p.line)).toEqual([2, 3, 3]);
  });

  it('throws MappingError for one problem, MappingProblems for several, InputNotFoundError for no file', async () => {
    const dir = tmp();
    const one = write(dir, 'one.yaml', HEAD + '  a: { from: x, transforms: [nope] }\n');
    await expect(loadMapping(one)).rejects.toBeInstanceOf(MappingError);
    const two = write(dir, 'two.yaml', HEAD + '  a: { from: x, transforms: [nope] }\n  b: { from: x, transforms: [nope] }\n');
    const err = await loadMapping(two).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingProblems);
    expect((err as MappingProblems).problems.map((p) => p.line)).toEqual([6, 7]);
    await expect(loadMapping(dir + '/absent.yaml')).rejects.toBeInstanceOf(InputNotFoundError);
  });

  it('checks targets against layout fields when given', async () => {
    const dir = tmp();
    const path = write(dir, 'm.yaml', HEAD + '  shimei: x\n  shimie: y\n');
    const { problems } = await readMapping(path, { layoutFields: ['shimei', 'kana'] });
    expect(problems.map((p) => p.line)).toEqual([7]);
    expect(problems[0]!.message).toMatch(/"shimie" is not a field of layout juki\/kojin \(did you mean "shimei"\?\)/);
  });
});
