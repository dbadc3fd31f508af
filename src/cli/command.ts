import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.ts';

/** Streams a command writes to; injected so tests can run commands in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Whether stderr is a TTY (progress lines are drawn only then). */
  isTTY: boolean;
  cwd: string;
}

/** One file per public verb: each exports a CliCommand. */
export interface CliCommand {
  /** As typed after `chukan`, e.g. 'convert', 'layouts list', 'mapping check'. */
  name: string;
  summary: string;
  /** Full `--help` text. */
  help: string;
  run(args: string[], io: CliIO): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with chukan's usage errors instead of Node's TypeError. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(line + '\n');
}

/** A whole-number option (`--max-samples N`, `--threads N`…); anything else is a usage error. */
export function intOption(v: string | undefined, name: string, min = 1): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} takes a whole number ≥ ${min}`);
  return n;
}
