import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a chukan command in-process with captured streams (not a TTY). Output is collected as
 * bytes and decoded once, so a multibyte character split across writes survives.
 */
export async function runCli(argv: string[], cwd: string = process.cwd()): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  const o: Buffer[] = [];
  const e: Buffer[] = [];
  out.on('data', (b) => o.push(Buffer.from(b)));
  err.on('data', (b) => e.push(Buffer.from(b)));
  const code = await main(argv, { stdout: out, stderr: err, isTTY: false, cwd });
  return { code, stdout: Buffer.concat(o).toString('utf8'), stderr: Buffer.concat(e).toString('utf8') };
}
