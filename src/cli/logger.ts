import { openSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { OutputNotWritableError, UsageError } from '../core/errors.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly LevelWithSilent[];

/**
 * chukan's logs say what the run did (files, counts, codes, timings), never what the data holds:
 * no code path passes a field value to the logger. The redact list is a second fence in case one
 * ever does.
 */
export function createLogger(opts: { level?: string; file?: string; cwd?: string }): Logger {
  const level = (opts.level ?? 'warn') as LevelWithSilent;
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')} (got "${level}")`);
  const destination = opts.file
    ? pino.destination({ dest: openLogFile(opts.file, opts.cwd), sync: true })
    : pino.destination({ dest: 2, sync: true });
  return pino(
    {
      level,
      base: { app: 'chukan' },
      redact: { paths: ['value', 'values', 'fields', 'raw', 'sample', '*.value', '*.values', '*.fields', '*.raw'], censor: '[redacted]' },
    },
    destination,
  );
}

/** The log file is opened before any work, so a bad path stops the run with a usage error. */
function openLogFile(file: string, cwd = process.cwd()): number {
  const path = resolve(cwd, file);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // Does not exist yet: it is created below.
  }
  if (isDir) throw new UsageError(`--log-file ${file} is a directory; give a file to append the logs to`);
  try {
    return openSync(path, 'a', 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its directory does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? 'cannot open';
    throw new OutputNotWritableError(file, `--log-file: ${why}`, { cause: err });
  }
}

export type { Logger };
