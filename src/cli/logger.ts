import { openSync } from 'node:fs';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { UsageError } from '../core/errors.ts';

const LEVELS: LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * chukan's logs say what the run did (files, counts, codes, timings), never what the data holds:
 * no code path passes a field value to the logger. The redact list is a second fence in case one
 * ever does.
 */
export function createLogger(opts: { level?: string; file?: string }): Logger {
  const level = (opts.level ?? 'warn') as LevelWithSilent;
  if (!LEVELS.includes(level)) throw new UsageError(`--log-level must be one of ${LEVELS.join(', ')}`);
  const destination = opts.file
    ? pino.destination({ dest: openSync(opts.file, 'a', 0o600), sync: true })
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

export type { Logger };
