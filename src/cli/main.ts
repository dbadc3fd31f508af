import { ChukanError } from '../core/errors.ts';
import type { CliCommand, CliIO } from './command.ts';
import { commands } from './commands.ts';

const VERSION_HELP = `chukan — move municipal data into the 中間標準レイアウト (intermediate standard layout)

Usage: chukan <command> [options]   (chukan <command> --help for details)

Commands:
`;

export function topLevelHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return VERSION_HELP + commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n') +
    '\n\nExit codes: 0 all good, 1 findings at error level, 2 usage or environment error.\n';
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

export async function main(argv: string[], io?: Partial<CliIO>): Promise<number> {
  const cio: CliIO = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    isTTY: io?.isTTY ?? Boolean(process.stderr.isTTY),
    cwd: io?.cwd ?? process.cwd(),
  };
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    cio.stdout.write(topLevelHelp());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    const { CHUKAN_VERSION } = await import('../core/version.ts');
    cio.stdout.write(CHUKAN_VERSION + '\n');
    return 0;
  }
  const found = resolve(argv);
  if (!found) {
    cio.stderr.write(`chukan: unknown command "${argv.join(' ')}" (see chukan --help) [E_USAGE]\n`);
    return 2;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    cio.stdout.write(found.command.help.endsWith('\n') ? found.command.help : found.command.help + '\n');
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
