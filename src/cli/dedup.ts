import { dedup } from '../api/dedup.ts';
import { UsageError } from '../core/errors.ts';
import { KEY_POLICIES, type KeyPolicy } from '../cleanse/dedup.ts';
import type { CliCommand } from './command.ts';
import { parseCommandArgs, writeLine } from './command.ts';

const help = `Usage: chukan dedup --layout L FILE... --out DIR [options]

Deduplicate standard-layout files (the output of chukan convert) and list 名寄せ candidates:
  exact        records identical after normalisation: later copies dropped, listed in
               DIR/duplicates.csv with the record they duplicate
  keyed        same primary key (layout x-primaryKey), different content: by --policy
  名寄せ        pairs that may be one person under two numbers (kana name + 生年月日 + 性別
               blocking, 異体字-folded kanji, address, 世帯), with evidence, in
               DIR/nayose-candidates.csv and .xlsx — never merged
Writes DIR/<file> (records that stay, as read), duplicates.csv, key-conflicts.csv,
nayose-candidates.csv/.xlsx, dedup-report.json; all mode 0600.

Options:
  --layout L            layout id, e.g. juki/kojin (required)
  --out DIR             output directory (required)
  --policy P            ${KEY_POLICIES.join(' | ')} (default keep-first). keep-last-by-date and
                        reject-all read the input twice (first pass: key indexes only)
  --date-field F        field id compared by keep-last-by-date (YYYYMMDD)
  --charset C           charset of the files (default utf-8)
  --no-header           the files have no header row
  --no-exact            do not drop exact duplicates
  --no-nayose           skip 名寄せ candidates
  --nayose-threshold N  minimum score of a candidate pair (default 60; see docs/CLEANSE.md)
  --index-memory MiB    memory budget of the key indexes (default 1024); past it they spill to disk
  --tmp DIR             where spill files go (default the system temp directory)

Exit codes: 0 done, no key conflicts; 1 key conflicts rejected records; 2 could not run.
`;

export const dedupCommand: CliCommand = {
  name: 'dedup',
  summary: 'drop exact duplicates, resolve key conflicts and list 名寄せ candidates in standard-layout files',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      layout: { type: 'string' },
      out: { type: 'string' },
      policy: { type: 'string' },
      'date-field': { type: 'string' },
      charset: { type: 'string' },
      'no-header': { type: 'boolean' },
      'no-exact': { type: 'boolean' },
      'no-nayose': { type: 'boolean' },
      'nayose-threshold': { type: 'string' },
      'index-memory': { type: 'string' },
      tmp: { type: 'string' },
    });
    if (!values.layout) throw new UsageError('--layout is required');
    if (!values.out) throw new UsageError('--out is required');
    if (positionals.length === 0) throw new UsageError('name at least one standard-layout file');
    const policy = (values.policy ?? 'keep-first') as KeyPolicy;
    if (!(KEY_POLICIES as readonly string[]).includes(policy)) throw new UsageError(`--policy must be one of ${KEY_POLICIES.join(', ')}`);
    const num = (name: string, v: string | undefined) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number`);
      return n;
    };
    const mem = num('--index-memory', values['index-memory']);
    const threshold = num('--nayose-threshold', values['nayose-threshold']);
    const r = await dedup({
      layout: values.layout,
      files: positionals,
      out: values.out,
      policy,
      ...(values['date-field'] ? { dateField: values['date-field'] } : {}),
      ...(values.charset ? { charset: values.charset } : {}),
      header: !values['no-header'],
      exact: !values['no-exact'],
      nayose: values['no-nayose'] ? false : undefined,
      ...(threshold !== undefined ? { nayoseThreshold: threshold } : {}),
      ...(mem !== undefined ? { memoryBudgetBytes: Math.round(mem * 1048576) } : {}),
      ...(values.tmp ? { tmpDir: values.tmp } : {}),
    });
    for (const f of r.files) {
      writeLine(io.stdout, `${f.file}: read ${f.read} = written ${f.written} + rejected ${f.rejected} + duplicates ${f.duplicates}`);
    }
    writeLine(io.stdout, `key conflicts (${r.policy}): ${r.keyConflicts} records rejected` + (r.passes === 2 ? ' (two passes)' : ''));
    if (r.nayose) writeLine(io.stdout, `名寄せ candidates: ${r.nayose.candidates} pairs (${r.nayose.comparisons} comparisons${r.nayose.oversizedBlocks.length ? `, ${r.nayose.oversizedBlocks.length} oversized blocks skipped` : ''})`);
    writeLine(io.stdout, `outputs in ${values.out}`);
    return r.keyConflicts > 0 ? 1 : 0;
  },
};
