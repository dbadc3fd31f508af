import { renderHelp } from './help.ts';
import { createLogger, LOG_LEVELS, type Logger } from './logger.ts';
import { parseOptions, type OptionSpecs, type OptionValues, type Parsed, type PositionalSpec } from './options.ts';

/** Streams a command writes to; injected so tests can run commands in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Whether stderr is a TTY (progress lines are drawn only then). */
  isTTY: boolean;
  cwd: string;
}

/** One file per public verb: each exports a CliCommand made by `defineCommand`. */
export interface CliCommand {
  /** As typed after `chukan`, e.g. 'convert', 'layouts list', 'mapping check'. */
  name: string;
  summary: string;
  /** Full `--help` text, rendered from the declaration. */
  help: string;
  /** Every option the verb accepts (its own and the common ones), by canonical name. */
  options: OptionSpecs;
  /** Parse arguments exactly as `run` does (throws UsageError); for tests and tools. */
  parse(args: string[]): Parsed<OptionSpecs>;
  run(args: string[], io: CliIO): Promise<number>;
}

/**
 * The options every verb takes, with one meaning everywhere. `--json`'s text is the verb's own
 * (it says what the JSON is); the rest are shared word for word.
 */
export function commonOptions(json: string, quiet?: string) {
  return {
    json: { type: 'flag', help: json },
    quiet: { type: 'flag', help: quiet ?? 'no summary on stdout and no notes or progress on stderr; errors are still\nprinted and the exit code tells the outcome' },
    'log-level': { type: 'string', value: 'LEVEL', choices: LOG_LEVELS, help: `${LOG_LEVELS.join('|')} (default warn): JSON logs (pino)\nof what the run did; they never hold field values` },
    'log-file': { type: 'string', value: 'FILE', help: 'append the logs to FILE (created mode 0600) instead of stderr' },
  } as const satisfies OptionSpecs;
}

type Common = ReturnType<typeof commonOptions>;

export interface RunContext<S extends OptionSpecs> {
  values: OptionValues<S & Common>;
  positionals: string[];
  io: CliIO;
  logger: Logger;
}

export interface CommandDefinition<S extends OptionSpecs> {
  name: string;
  summary: string;
  /** Usage lines after `chukan NAME`, e.g. 'FILE [options]'. */
  usage: string | readonly string[];
  description: string;
  options: S;
  positional: PositionalSpec;
  /** What `--json` prints on stdout (the shape), for the help text. */
  json: string;
  /** When `--quiet` means something more specific than the common text. */
  quiet?: string;
  /** Exit codes and other notes after the options. */
  notes?: string;
  run(ctx: RunContext<S>): Promise<number>;
}

/**
 * The one way a verb is made: its options are declared once, and from that declaration come the
 * parser (`parse`), the help text and the logger every verb gets from `--log-level`/`--log-file`.
 */
export function defineCommand<const S extends OptionSpecs>(def: CommandDefinition<S>): CliCommand {
  const common = commonOptions(def.json, def.quiet);
  for (const n of Object.keys(def.options)) if (n in common || n === 'help') throw new Error(`${def.name}: option --${n} is a common option`);
  const options = { ...def.options, ...common } as S & Common;
  const help = renderHelp(def.name, {
    usage: typeof def.usage === 'string' ? [def.usage] : def.usage,
    description: def.description,
    options: def.options,
    common,
    notes: def.notes,
  });
  const parse = (args: string[]) => parseOptions(def.name, args, options, def.positional);
  return {
    name: def.name,
    summary: def.summary,
    help,
    options,
    parse,
    async run(args, io) {
      const { values, positionals } = parse(args);
      const common = values as OptionValues<Common>;
      const logger = createLogger({ level: common['log-level'], file: common['log-file'], cwd: io.cwd });
      const started = Date.now();
      let exitCode = 2;
      try {
        exitCode = await def.run({ values: values as OptionValues<S & Common>, positionals, io, logger });
        return exitCode;
      } finally {
        logger.info({ command: def.name, exitCode, ms: Date.now() - started }, 'command finished');
        logger.flush?.();
      }
    },
  };
}

export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(line + '\n');
}

/** A count in a human summary: 1,234,567 (JSON output keeps plain numbers). */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
