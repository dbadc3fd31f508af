import { dedup } from '../api/dedup.ts';
import { KEY_POLICIES, type KeyPolicy } from '../cleanse/dedup.ts';
import { MOJIDATA_PACKAGE, mojidataMissingMessage, openMojidata } from '../cleanse/mj-database.ts';
import { count, defineCommand, writeLine } from './command.ts';
import { describeSwept } from '../pipeline/stale-temps.ts';
import { charsetOption, headerOption, limitOption } from './shared-options.ts';

export const dedupCommand = defineCommand({
  name: 'dedup',
  summary: 'drop exact duplicates, resolve key conflicts and list 名寄せ candidates in standard-layout files',
  usage: '--layout L FILE... --out DIR [options]',
  description: `Deduplicate standard-layout files (the output of chukan convert) and list 名寄せ candidates:
  exact        records identical after normalisation: later copies dropped, listed in
               DIR/duplicates.csv with the record they duplicate
  keyed        same primary key (layout x-primaryKey), different content: by --policy
  名寄せ        pairs that may be one person under two numbers (kana name + 生年月日 + 性別
               blocking, 異体字-folded kanji, address, 世帯), with evidence, in
               DIR/nayose-candidates.csv and .xlsx — never merged
Writes DIR/<file> (records that stay, as read), duplicates.csv, key-conflicts.csv,
nayose-candidates.csv/.xlsx, dedup-report.json; all mode 0600.`,
  positional: { name: 'FILE', min: 1 },
  options: {
    layout: { type: 'string', value: 'L', required: true, help: 'layout id, e.g. juki/kojin' },
    out: { type: 'string', value: 'DIR', required: true, help: 'output directory' },
    policy: { type: 'string', value: 'P', choices: KEY_POLICIES, help: `${KEY_POLICIES.join(' | ')}\n(default keep-first). keep-last-by-date and reject-all read the input\ntwice (first pass: key indexes only)` },
    'date-field': { type: 'string', value: 'F', help: 'field id compared by keep-last-by-date (YYYYMMDD)' },
    ...charsetOption('charset of the files (default utf-8)'),
    ...headerOption('the files start with a header row (default: yes; --no-header: they do not)'),
    exact: { type: 'flag', negatable: true, help: 'drop exact duplicates (default: yes; --no-exact: keep them)' },
    nayose: { type: 'flag', negatable: true, help: 'list 名寄せ candidates (default: yes; --no-nayose: skip them)' },
    'nayose-threshold': { type: 'number', value: 'N', min: Number.MIN_VALUE, help: 'minimum score of a candidate pair (default 60; see docs/CLEANSE.md)' },
    'index-memory': { type: 'number', value: 'MiB', min: Number.MIN_VALUE, help: 'memory budget of the key indexes (default 1024); past it they spill\nto disk' },
    tmp: { type: 'string', value: 'DIR', help: 'where spill files go (default the system temp directory)' },
    ...limitOption('read only the first N data records of each file (a header row not\ncounted); DIR/<file> then holds only what was read, and the result says\n"limitReached"'),
    mj: { type: 'flag', help: 'also fold 異体字 by the MJ縮退マップ in the 名寄せ kanji key (characters outside\nJIS X 0208 → their JIS X 0208 縮退), from the optional package @mandel59/mojidata\n(npm install @mandel59/mojidata sql.js; not bundled: CC BY-SA data). Matching\nonly: no name in the output is changed. Without the package: a message, exit 2' },
  },
  json: 'print the result (what dedup-report.json holds) on stdout instead of the\nsummary: { layout, policy, passes, files: [{ file, read, written, rejected,\nduplicates, limitReached? }], keyConflicts, nayose?, outputs, limit? }',
  notes: 'Exit codes: 0 done, no key conflicts; 1 key conflicts rejected records; 2 could not run.',
  async run({ values, positionals, io }) {
    const mem = values['index-memory'];
    const threshold = values['nayose-threshold'];
    let folds: Map<string, string> | undefined;
    if (values.mj) {
      const db = await openMojidata(mojidataMissingMessage('dedup --mj', "run dedup without --mj (chukan's own 異体字 table still folds the common variants)"), { cwd: io.cwd });
      try {
        folds = db.foldMap();
      } finally {
        db.close();
      }
      if (!values.quiet && !values.json) writeLine(io.stderr, `MJ縮退マップ: ${count(folds.size)} folds for the 名寄せ kanji key (${MOJIDATA_PACKAGE} ${db.version}, opened in ${db.loadMs} ms)`);
    }
    const r = await dedup({
      layout: values.layout,
      files: positionals,
      out: values.out,
      policy: (values.policy ?? 'keep-first') as KeyPolicy,
      ...(values['date-field'] ? { dateField: values['date-field'] } : {}),
      ...(values.from ? { charset: values.from } : {}),
      header: values.header ?? true,
      exact: values.exact ?? true,
      nayose: values.nayose === false ? false : undefined,
      ...(threshold !== undefined ? { nayoseThreshold: threshold } : {}),
      ...(folds ? { nayoseFolds: folds } : {}),
      ...(mem !== undefined ? { memoryBudgetBytes: Math.round(mem * 1048576) } : {}),
      ...(values.tmp ? { tmpDir: values.tmp } : {}),
      ...(values.limit !== undefined ? { limit: values.limit } : {}),
    });
    const exitCode = r.keyConflicts > 0 ? 1 : 0;
    if (values.json) {
      io.stdout.write(JSON.stringify(r, null, 2) + '\n');
      return exitCode;
    }
    if (values.quiet) return exitCode;
    for (const f of r.files) {
      writeLine(io.stdout, `${f.file}: read ${count(f.read)} = written ${count(f.written)} + rejected ${count(f.rejected)} + duplicates ${count(f.duplicates)}${f.limitReached ? ` (first ${count(r.limit!)} records: --limit)` : ''}`);
    }
    writeLine(io.stdout, `key conflicts (${r.policy}): ${count(r.keyConflicts)} records rejected` + (r.passes === 2 ? ' (two passes)' : ''));
    if (r.nayose) writeLine(io.stdout, `名寄せ candidates: ${count(r.nayose.candidates)} pairs (${count(r.nayose.comparisons)} comparisons${r.nayose.oversizedBlocks.length ? `, ${count(r.nayose.oversizedBlocks.length)} oversized blocks skipped` : ''})`);
    if (r.staleTempsRemoved) writeLine(io.stdout, describeSwept(r.staleTempsRemoved));
    writeLine(io.stdout, `outputs in ${values.out}`);
    return exitCode;
  },
});
