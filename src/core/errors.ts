/**
 * Errors are for broken invocations and broken environments, never for bad data (that is a
 * Finding). One class per failure, each with a stable code, as undici does. The CLI prints
 * `chukan: <message> [<code>]` and exits with `exitCode` (2: could not run).
 */
export class ChukanError extends Error {
  readonly code: string = 'CHUKAN_ERROR';
  readonly exitCode: number = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class UsageError extends ChukanError {
  override readonly code = 'E_USAGE';
}

/**
 * An input that cannot be read: missing, not permitted, or not a regular file (a directory, a FIFO,
 * a device such as /dev/zero). The message says which, from `reason` or the cause's errno.
 */
export class InputNotFoundError extends ChukanError {
  override readonly code = 'E_INPUT_NOT_FOUND';
  constructor(readonly path: string, options?: { cause?: unknown; reason?: string }) {
    super(`cannot read input ${path}: ${options?.reason ?? reasonOf(options?.cause)}`, options);
  }
}

function reasonOf(cause: unknown): string {
  switch ((cause as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a directory, not a file';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    default: return 'no such file or not readable';
  }
}

/** An output path that is the same file as something the run reads (by device and inode, links resolved). */
export class OutputIsInputError extends ChukanError {
  override readonly code = 'E_OUTPUT_IS_INPUT';
  constructor(readonly output: string, readonly input: string, readonly role: string) {
    super(`output ${output} is the same file as the ${role} ${input}; writing it would destroy the ${role}: choose another output`);
  }
}

/** A workbook past a documented bound (size, compression ratio, parts): refused before it can cost memory. */
export class WorkbookLimitError extends ChukanError {
  override readonly code = 'E_WORKBOOK_LIMIT';
  constructor(readonly path: string, detail: string, readonly limit: 'size' | 'ratio' | 'entries') {
    super(`workbook ${path} refused: ${detail} (raise it with --workbook-limits ${limit}=N if the workbook is trusted)`);
  }
}

/** A workbook that is not a readable .xlsx zip (damaged, or built to mislead). */
export class WorkbookUnreadableError extends ChukanError {
  override readonly code = 'E_WORKBOOK_UNREADABLE';
  constructor(readonly path: string, detail: string, options?: { cause?: unknown }) {
    super(`workbook ${path} is not a readable xlsx file: ${detail}`, options);
  }
}

export class OutputNotWritableError extends ChukanError {
  override readonly code = 'E_OUTPUT_NOT_WRITABLE';
  constructor(readonly path: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot write output ${path}: ${reason}`, options);
  }
}

export class UnknownCharsetError extends ChukanError {
  override readonly code = 'E_UNKNOWN_CHARSET';
  constructor(readonly charset: string) {
    super(`unknown charset "${charset}"`);
  }
}

/** A mapping or job file that cannot be used; carries file and line so the user can fix it. */
export class MappingError extends ChukanError {
  override readonly code = 'E_MAPPING';
  constructor(readonly file: string, readonly line: number | undefined, detail: string) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${detail}`);
  }
}

/** A layout (schema) that cannot be loaded or compiled, or is not in the catalog. */
export class LayoutError extends ChukanError {
  override readonly code = 'E_LAYOUT';
  constructor(readonly layout: string, detail: string) {
    super(`layout ${layout}: ${detail}`);
  }
}

/** The run broke an invariant (e.g. counts did not reconcile): a bug, reported loudly. */
export class InvariantError extends ChukanError {
  override readonly code = 'E_INVARIANT';
}

/** Writing failed mid-run (ENOSPC, EACCES, EIO…). Outputs under final names are never left half-written. */
export class WriteFailedError extends ChukanError {
  override readonly code = 'E_WRITE_FAILED';
  constructor(readonly path: string, readonly sysCode: string | undefined, options?: { cause?: unknown }) {
    super(`writing ${path} failed${sysCode ? ` (${sysCode})` : ''}; no partial output was left under a final name`, options);
  }
}

export class InterruptedError extends ChukanError {
  override readonly code = 'E_INTERRUPTED';
  override readonly exitCode = 130;
}

/** No headless Chromium to render with: names every place looked at and how to provide one. */
export class BrowserNotFoundError extends ChukanError {
  override readonly code = 'E_BROWSER_NOT_FOUND';
}

/** A browser was found but would not start (or its npm package could not be unpacked). */
export class BrowserLaunchError extends ChukanError {
  override readonly code = 'E_BROWSER_LAUNCH_FAILED';
  constructor(readonly executablePath: string, detail: string, options?: { cause?: unknown }) {
    super(`cannot start the headless browser ${executablePath}: ${detail}`, options);
  }
}
