import type { CliCommand } from './command.ts';
import { commands } from './commands.ts';
import { label } from './help.ts';
import { topLevelHelp } from './main.ts';

/**
 * docs/CLI.md, made from the same declarations as the parser and `--help` (npm run docs:cli; a
 * test fails when the file is not what this renders): which verb takes which option, then every
 * verb's help text.
 */
export function renderCliReference(list: readonly CliCommand[] = commands): string {
  const rows = new Map<string, { name: string; flag: boolean; negatable: boolean; values: Set<string>; aliases: Set<string>; verbs: string[] }>();
  for (const c of list) {
    for (const [name, o] of Object.entries(c.options)) {
      const row = rows.get(name) ?? { name, flag: o.type === 'flag', negatable: false, values: new Set(), aliases: new Set(), verbs: [] };
      if (o.value) row.values.add(o.value);
      if (o.negatable) row.negatable = true;
      for (const a of o.aliases ?? []) row.aliases.add(a);
      row.verbs.push(o.short ? `${c.name} (-${o.short})` : c.name);
      rows.set(name, row);
    }
  }
  // One row per option name; the value placeholder as each verb writes it (--out DIR|FILE…).
  const labelOf = (r: { name: string; flag: boolean; negatable: boolean; values: Set<string> }) =>
    r.flag ? label(r.name, { type: 'flag', help: '', negatable: r.negatable }) : `--${r.name} ${[...r.values].join(' / ')}`;
  const everyVerb = (r: { verbs: string[] }) => r.verbs.length === list.length;
  const sorted = [...rows.values()].sort((a, b) => Number(everyVerb(b)) - Number(everyVerb(a)) || a.name.localeCompare(b.name));
  const out: string[] = [
    '# chukan command line',
    '',
    'Generated from the option declarations in `src/cli` by `npm run docs:cli`; the same declarations',
    'drive the parser and `--help`, so this page, `--help` and what the commands accept cannot',
    'differ (test/cli/conventions.test.ts, test/cli/reference.test.ts).',
    '',
    '## Which command takes which option',
    '',
    '| option | aliases (still accepted) | commands |',
    '|---|---|---|',
    // `\|`: a pipe inside a table cell, code span included (GitHub's table syntax).
    ...sorted.map((r) => `| \`${labelOf(r).replaceAll('|', '\\|')}\` | ${[...r.aliases].map((a) => `\`--${a}\``).join(', ')} | ${everyVerb(r) ? 'every command' : r.verbs.join(', ')} |`),
    '| `-h, --help` | | every command (also `chukan help COMMAND`) |',
    '',
    '## chukan --help',
    '',
    '```',
    topLevelHelp().trimEnd(),
    '```',
  ];
  for (const c of list) out.push('', `## chukan ${c.name}`, '', '```', c.help.trimEnd(), '```');
  return out.join('\n') + '\n';
}
