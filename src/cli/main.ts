import { ChukanError } from '../core/errors.ts';
import type { CliCommand, CliIO } from './command.ts';
import { commands } from './commands.ts';

const VERSION_HELP = `chukan — move municipal data into the 中間標準レイアウト (intermediate standard layout)

Usage: chukan <command> [options]   (chukan <command> --help or chukan help <command> for details)

Commands:
`;

export function topLevelHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return VERSION_HELP + commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n') +
    '\n\nCommon options of every command: --json, --quiet, --log-level LEVEL, --log-file FILE, --help.' +
    '\nExit codes: 0 all good, 1 findings at error level, 2 usage or environment error, 130 interrupted.\n';
}

/** Verb groups (`layouts`, `mapping`, `fixed`, `gaiji`): the first word of two-word verbs. */
export function groups(): Map<string, CliCommand[]> {
  const g = new Map<string, CliCommand[]>();
  for (const c of commands) {
    const [first, second] = c.name.split(' ');
    if (second !== undefined) g.set(first!, [...(g.get(first!) ?? []), c]);
  }
  return g;
}

export function groupHelp(group: string, members: CliCommand[]): string {
  const width = Math.max(...members.map((c) => c.name.length));
  return `Usage: chukan ${group} <subcommand> [options]   (chukan ${group} <subcommand> --help for details)\n\nSubcommands:\n` +
    members.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n') + '\n';
}

/** Longest command name that prefixes argv wins, so `layouts list` beats a hypothetical `layouts`. */
function resolve(argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  let best: { command: CliCommand; rest: string[] } | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.command.name.split(' ').length)) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

const isHelp = (a: string | undefined) => a === '--help' || a === '-h';

/** `--help` anywhere before a `--` asks for help, whatever else the line holds. */
function asksHelp(rest: string[]): boolean {
  const end = rest.indexOf('--');
  return (end < 0 ? rest : rest.slice(0, end)).some(isHelp);
}

export async function main(argv: string[], io?: Partial<CliIO>): Promise<number> {
  const cio: CliIO = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    isTTY: io?.isTTY ?? Boolean(process.stderr.isTTY),
    cwd: io?.cwd ?? process.cwd(),
  };
  const usage = (where: string, message: string) => {
    cio.stderr.write(`${where}: ${message} [E_USAGE]\n`);
    return 2;
  };
  if (argv.length === 0 || isHelp(argv[0]) || (argv[0] === 'help' && argv.length === 1)) {
    cio.stdout.write(topLevelHelp());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    const { CHUKAN_VERSION } = await import('../core/version.ts');
    cio.stdout.write(CHUKAN_VERSION + '\n');
    return 0;
  }
  // `chukan help VERB…` is `chukan VERB… --help`.
  const helpOnly = argv[0] === 'help';
  const words = helpOnly ? argv.slice(1) : argv;
  const found = resolve(words);
  const group = groups().get(words[0]!);
  if (!found && group) {
    const sub = words[1];
    if (sub === undefined || isHelp(sub)) {
      cio.stdout.write(groupHelp(words[0]!, group));
      return 0;
    }
    return usage(`chukan ${words[0]}`, `unknown subcommand "${sub}" (one of ${group.map((c) => c.name.split(' ')[1]).join(', ')}; see chukan ${words[0]} --help)`);
  }
  if (!found) return usage('chukan', words[0]!.startsWith('-') ? `unknown option ${words[0]} (see chukan --help)` : `unknown command "${words[0]}" (see chukan --help)`);
  if (helpOnly || asksHelp(found.rest)) {
    cio.stdout.write(found.command.help);
    return 0;
  }
  try {
    return await found.command.run(found.rest, cio);
  } catch (err) {
    if (err instanceof ChukanError) {
      cio.stderr.write(`chukan ${found.command.name}: ${err.message} [${err.code}]\n`);
      return err.exitCode;
    }
    // A bug, not bad input: still one readable line, with the stack only when asked for.
    const e = err as Error;
    cio.stderr.write(`chukan ${found.command.name}: internal error: ${e?.message ?? String(err)} [E_INTERNAL]\n`);
    if (process.env.CHUKAN_DEBUG) cio.stderr.write(String(e?.stack) + '\n');
    return 2;
  }
}
