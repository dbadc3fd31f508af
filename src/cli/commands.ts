import type { CliCommand } from './command.ts';

/** Every CLI verb, in the order `chukan --help` lists them. Add a verb: one file in src/cli, one line here. */
export const commands: CliCommand[] = [];
